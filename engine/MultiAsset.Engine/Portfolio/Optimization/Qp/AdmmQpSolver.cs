namespace MultiAsset.Engine.Portfolio.Optimization.Qp;

/// <summary>Optional starting point for <see cref="AdmmQpSolver.Solve"/> (e.g. the previous solve of a
/// multiplier search). Lengths must match the problem; otherwise the start is ignored.</summary>
public sealed record QpWarmStart(IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>
/// Dense ADMM solver for convex QPs in the OSQP formulation (Stellato et al., "OSQP: an operator splitting solver
/// for quadratic programs", 2020), written for the portfolio problems of this folder (n up to a few thousand).
/// </summary>
/// <remarks>
/// <para>Iteration (over-relaxed ADMM, α = <see cref="QpSettings.Alpha"/>): solve
/// <c>(P + σI + AᵀRA) x̃ = σx − q + Aᵀ(Rz − y)</c> with a cached dense Cholesky factor, <c>z̃ = Ax̃</c>,
/// <c>x ← αx̃ + (1−α)x</c>, <c>z ← Π[l,u](αz̃ + (1−α)z + R⁻¹y)</c>, <c>y ← y + R(αz̃ + (1−α)z − z)</c>, where
/// R = diag(ρ) with 10³ρ on equality rows.</para>
/// <para>Stopping: every <see cref="QpSettings.CheckInterval"/> iterations, the primal residual ‖Ax−z‖∞ and the dual
/// residual ‖Px+q+Aᵀy‖∞ are compared with ε_abs + ε_rel·(scale) (see <see cref="QpSettings"/>). ρ is adapted every
/// <see cref="QpSettings.RhoUpdateInterval"/> iterations from the ratio of the normalised residuals (refactoring
/// only when it moves by more than 5×).</para>
/// <para>Infeasibility: with δy the last change of y, the problem is declared primal infeasible when
/// ‖Aᵀδy‖∞ ≤ ε_pinf‖δy‖∞ and uᵀmax(δy,0) + lᵀmin(δy,0) &lt; −ε_pinf‖δy‖∞ (a Farkas certificate); the rows with
/// a material share of δy are returned as the conflicting constraints. Dual infeasibility (unbounded objective)
/// uses δx: ‖Pδx‖∞ ≤ ε‖δx‖∞, qᵀδx &lt; −ε‖δx‖∞ and Aδx inside the recession cone of [l,u].</para>
/// <para>Polish: once the residuals are small, the active set is guessed from (z, y), the equality-constrained
/// QP on that set is solved exactly (bound rows fix their variable; the rest go into a regularised dense KKT
/// system with iterative refinement) and the result is accepted only if it is primal feasible, its multipliers
/// have the right signs and it is stationary, all within <see cref="QpSettings.PolishTolerance"/> — i.e. it
/// satisfies the KKT conditions and is therefore optimal. Up to three active-set corrections are tried.</para>
/// </remarks>
public static class AdmmQpSolver
{
    private const double EqualityRhoFactor = 1e3;
    private const double RhoMin = 1e-6;
    private const double RhoMax = 1e6;

    /// <summary>Solves <paramref name="problem"/>. Never returns NaN: a failed factorisation throws
    /// <see cref="ArgumentException"/> (P not positive semidefinite).</summary>
    public static QpResult Solve(QpProblem problem, QpSettings? settings = null, QpWarmStart? warmStart = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        settings ??= QpSettings.Default;
        var solver = new State(problem, settings);
        return solver.Run(warmStart);
    }

    private sealed class State
    {
        private readonly QpProblem problem;
        private readonly QpSettings s;
        private readonly int n;
        private readonly int m;
        private readonly int[] rowMap; // internal row -> original row index
        private readonly int[] rowPtr;
        private readonly int[] colIdx;
        private readonly double[] vals;
        private readonly double[] l;
        private readonly double[] u;
        private readonly double[] rho;
        private readonly double[] pScaled;
        private readonly double[] qScaled;
        private readonly double cost;
        private readonly double[] k;
        private double rhoBase;

        private readonly double[] x;
        private readonly double[] z;
        private readonly double[] y;
        private readonly double[] xPrev;
        private readonly double[] yPrev;
        private readonly double[] xt;
        private readonly double[] zt;
        private readonly double[] ax;
        private readonly double[] px;
        private readonly double[] aty;
        private readonly List<string> immediateConflicts = [];

        public State(QpProblem problem, QpSettings settings)
        {
            this.problem = problem;
            s = settings;
            n = problem.VariableCount;
            var keep = new List<int>();
            for (int i = 0; i < problem.Rows.Count; i++)
            {
                var row = problem.Rows[i];
                if (double.IsNaN(row.Lower) || double.IsNaN(row.Upper))
                {
                    throw new ArgumentException($"constraint '{row.Name}' has a NaN bound");
                }

                if (row.Lower > row.Upper + (1e-12 * Math.Max(1, Math.Abs(row.Upper))))
                {
                    immediateConflicts.Add(row.Name);
                    continue;
                }

                if (double.IsNegativeInfinity(row.Lower) && double.IsPositiveInfinity(row.Upper))
                {
                    continue;
                }

                bool allZero = true;
                foreach (double c in row.Coefficients)
                {
                    if (double.IsNaN(c) || double.IsInfinity(c))
                    {
                        throw new ArgumentException($"constraint '{row.Name}' has a non-finite coefficient");
                    }

                    if (c != 0)
                    {
                        allZero = false;
                    }
                }

                if (allZero)
                {
                    if (row.Lower > 1e-12 || row.Upper < -1e-12)
                    {
                        immediateConflicts.Add(row.Name);
                    }

                    continue;
                }

                keep.Add(i);
            }

            m = keep.Count;
            rowMap = [.. keep];
            rowPtr = new int[m + 1];
            int nnz = 0;
            for (int r = 0; r < m; r++)
            {
                nnz += problem.Rows[rowMap[r]].Indices.Count;
            }

            colIdx = new int[nnz];
            vals = new double[nnz];
            l = new double[m];
            u = new double[m];
            rho = new double[m];
            int p = 0;
            for (int r = 0; r < m; r++)
            {
                var row = problem.Rows[rowMap[r]];
                rowPtr[r] = p;
                for (int t = 0; t < row.Indices.Count; t++)
                {
                    colIdx[p] = row.Indices[t];
                    vals[p] = row.Coefficients[t];
                    p++;
                }

                l[r] = row.Lower;
                u[r] = row.Upper;
            }

            rowPtr[m] = p;

            double scale = Math.Max(MaxAbs(problem.P), MaxAbs(problem.Q));
            if (double.IsNaN(scale) || double.IsInfinity(scale))
            {
                throw new ArgumentException("objective has a NaN or infinite coefficient");
            }

            cost = scale > 0 ? Math.Clamp(1.0 / scale, 1e-4, 1e4) : 1.0;
            pScaled = new double[n * n];
            for (int i = 0; i < pScaled.Length; i++)
            {
                pScaled[i] = problem.P[i] * cost;
            }

            qScaled = new double[n];
            for (int i = 0; i < n; i++)
            {
                qScaled[i] = problem.Q[i] * cost;
            }

            k = new double[n * n];
            x = new double[n];
            z = new double[m];
            y = new double[m];
            xPrev = new double[n];
            yPrev = new double[m];
            xt = new double[n];
            zt = new double[m];
            ax = new double[m];
            px = new double[n];
            aty = new double[n];
            rhoBase = settings.Rho;
        }

        private static double MaxAbs(double[] a)
        {
            double mx = 0;
            foreach (double v in a)
            {
                mx = Math.Max(mx, Math.Abs(v));
            }

            return mx;
        }

        private bool IsEquality(int r) => l[r] == u[r];

        private void SetRho()
        {
            for (int r = 0; r < m; r++)
            {
                rho[r] = IsEquality(r) ? rhoBase * EqualityRhoFactor : rhoBase;
            }
        }

        private void Factor()
        {
            Array.Copy(pScaled, k, k.Length);
            for (int i = 0; i < n; i++)
            {
                k[(i * n) + i] += s.Sigma;
            }

            for (int r = 0; r < m; r++)
            {
                double rr = rho[r];
                for (int a = rowPtr[r]; a < rowPtr[r + 1]; a++)
                {
                    int ia = colIdx[a];
                    double va = vals[a] * rr;
                    for (int b = rowPtr[r]; b < rowPtr[r + 1]; b++)
                    {
                        k[(ia * n) + colIdx[b]] += va * vals[b];
                    }
                }
            }

            if (!DenseMath.CholeskyInPlace(k, n))
            {
                throw new ArgumentException("QP Hessian P is not positive semidefinite (Cholesky of P + σI + AᵀRA failed)");
            }
        }

        private void MulA(ReadOnlySpan<double> v, Span<double> result)
        {
            for (int r = 0; r < m; r++)
            {
                double acc = 0;
                for (int a = rowPtr[r]; a < rowPtr[r + 1]; a++)
                {
                    acc += vals[a] * v[colIdx[a]];
                }

                result[r] = acc;
            }
        }

        private void MulAt(ReadOnlySpan<double> w, Span<double> result)
        {
            result.Clear();
            for (int r = 0; r < m; r++)
            {
                double wr = w[r];
                if (wr == 0)
                {
                    continue;
                }

                for (int a = rowPtr[r]; a < rowPtr[r + 1]; a++)
                {
                    result[colIdx[a]] += vals[a] * wr;
                }
            }
        }

        public QpResult Run(QpWarmStart? warm)
        {
            if (immediateConflicts.Count > 0)
            {
                return new QpResult(QpStatus.PrimalInfeasible, new double[n], new double[problem.Rows.Count], 0, false, double.PositiveInfinity, double.PositiveInfinity, immediateConflicts);
            }

            if (warm is not null && warm.X.Count == n && warm.Y.Count == problem.Rows.Count)
            {
                for (int i = 0; i < n; i++)
                {
                    x[i] = warm.X[i];
                }

                for (int r = 0; r < m; r++)
                {
                    y[r] = warm.Y[rowMap[r]] * cost;
                }
            }

            MulA(x, ax);
            for (int r = 0; r < m; r++)
            {
                z[r] = Math.Clamp(ax[r], l[r], u[r]);
            }

            SetRho();
            Factor();

            // A warm start that is already optimal (or close) is polished straight away.
            if (warm is not null && s.Polish && TryPolish(out var warmPolished))
            {
                return warmPolished!;
            }

            double alpha = s.Alpha;
            double sigma = s.Sigma;
            var rhs = new double[n];
            var tmpM = new double[m];
            double lastPolishAttempt = -1;
            double primRes = double.PositiveInfinity;
            double dualRes = double.PositiveInfinity;
            int iter = 0;
            while (iter < s.MaxIterations)
            {
                iter++;
                Array.Copy(x, xPrev, n);
                Array.Copy(y, yPrev, m);

                for (int r = 0; r < m; r++)
                {
                    tmpM[r] = (rho[r] * z[r]) - y[r];
                }

                MulAt(tmpM, rhs);
                for (int i = 0; i < n; i++)
                {
                    rhs[i] += (sigma * x[i]) - qScaled[i];
                }

                Array.Copy(rhs, xt, n);
                DenseMath.CholeskySolveInPlace(k, n, xt);
                MulA(xt, zt);
                for (int i = 0; i < n; i++)
                {
                    x[i] = (alpha * xt[i]) + ((1 - alpha) * x[i]);
                }

                for (int r = 0; r < m; r++)
                {
                    double zr = (alpha * zt[r]) + ((1 - alpha) * z[r]);
                    double zn = Math.Clamp(zr + (y[r] / rho[r]), l[r], u[r]);
                    y[r] += rho[r] * (zr - zn);
                    z[r] = zn;
                }

                bool check = iter % s.CheckInterval == 0 || iter == s.MaxIterations;
                bool rhoCheck = iter % s.RhoUpdateInterval == 0;
                if (!check && !rhoCheck)
                {
                    continue;
                }

                MulA(x, ax);
                DenseMath.MatVec(pScaled, n, x, px);
                MulAt(y, aty);
                primRes = 0;
                double axNorm = 0, zNorm = 0;
                for (int r = 0; r < m; r++)
                {
                    primRes = Math.Max(primRes, Math.Abs(ax[r] - z[r]));
                    axNorm = Math.Max(axNorm, Math.Abs(ax[r]));
                    zNorm = Math.Max(zNorm, Math.Abs(z[r]));
                }

                dualRes = 0;
                for (int i = 0; i < n; i++)
                {
                    dualRes = Math.Max(dualRes, Math.Abs(px[i] + qScaled[i] + aty[i]));
                }

                double pxNorm = DenseMath.NormInf(px), atyNorm = DenseMath.NormInf(aty), qNorm = DenseMath.NormInf(qScaled);
                double epsPrim = s.AbsoluteTolerance + (s.RelativeTolerance * Math.Max(axNorm, zNorm));
                double epsDual = s.AbsoluteTolerance + (s.RelativeTolerance * Math.Max(pxNorm, Math.Max(atyNorm, qNorm)));

                if (double.IsNaN(primRes) || double.IsNaN(dualRes))
                {
                    throw new InvalidOperationException("ADMM diverged to NaN (ill-posed problem data)");
                }

                if (primRes <= epsPrim && dualRes <= epsDual)
                {
                    if (s.Polish && TryPolish(out var polished, iter, primRes))
                    {
                        return polished!;
                    }

                    return Finish(QpStatus.Solved, iter, primRes, dualRes);
                }

                // Early polish: ADMM identifies the active set long before it reaches high accuracy.
                if (s.Polish && primRes <= 1e3 * epsPrim && dualRes <= 1e3 * epsDual && iter - lastPolishAttempt >= 25)
                {
                    lastPolishAttempt = iter;
                    if (TryPolish(out var polished, iter, primRes, early: true))
                    {
                        return polished!;
                    }
                }

                if (check)
                {
                    if (IsPrimalInfeasible(out var conflicts))
                    {
                        return new QpResult(QpStatus.PrimalInfeasible, [.. x], Unscaled(y), iter, false, primRes, dualRes / cost, conflicts);
                    }

                    if (IsDualInfeasible())
                    {
                        return new QpResult(QpStatus.DualInfeasible, [.. x], Unscaled(y), iter, false, primRes, dualRes / cost, []);
                    }
                }

                if (rhoCheck && m > 0)
                {
                    double pn = primRes / Math.Max(Math.Max(axNorm, zNorm), 1e-10);
                    double dn = dualRes / Math.Max(Math.Max(pxNorm, Math.Max(atyNorm, qNorm)), 1e-10);
                    if (dn > 0 && pn > 0)
                    {
                        double newRho = Math.Clamp(rhoBase * Math.Sqrt(pn / dn), RhoMin, RhoMax);
                        if (newRho > 5 * rhoBase || newRho < rhoBase / 5)
                        {
                            rhoBase = newRho;
                            SetRho();
                            Factor();
                        }
                    }
                }
            }

            if (s.Polish && TryPolish(out var last, iter, primRes))
            {
                return last!;
            }

            return Finish(QpStatus.MaxIterationsReached, iter, primRes, dualRes);
        }

        private double[] Unscaled(double[] ys)
        {
            var result = new double[problem.Rows.Count];
            for (int r = 0; r < m; r++)
            {
                result[rowMap[r]] = ys[r] / cost;
            }

            return result;
        }

        private QpResult Finish(QpStatus status, int iter, double primRes, double dualRes) =>
            new(status, [.. x], Unscaled(y), iter, false, primRes, dualRes / cost, []);

        private bool IsPrimalInfeasible(out List<string> conflicts)
        {
            conflicts = [];
            double eps = s.PrimalInfeasibilityTolerance;
            var dy = new double[m];
            double norm = 0;
            for (int r = 0; r < m; r++)
            {
                dy[r] = y[r] - yPrev[r];
                norm = Math.Max(norm, Math.Abs(dy[r]));
            }

            if (norm <= 1e-12)
            {
                return false;
            }

            double support = 0;
            for (int r = 0; r < m; r++)
            {
                double d = dy[r];
                if (Math.Abs(d) <= eps * norm)
                {
                    dy[r] = 0;
                    continue;
                }

                if (d > 0)
                {
                    if (double.IsPositiveInfinity(u[r]))
                    {
                        return false;
                    }

                    support += u[r] * d;
                }
                else
                {
                    if (double.IsNegativeInfinity(l[r]))
                    {
                        return false;
                    }

                    support += l[r] * d;
                }
            }

            if (support >= -eps * norm)
            {
                return false;
            }

            var atdy = new double[n];
            MulAt(dy, atdy);
            if (DenseMath.NormInf(atdy) > eps * norm)
            {
                return false;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int r = 0; r < m; r++)
            {
                if (Math.Abs(dy[r]) > 1e-3 * norm)
                {
                    string name = problem.Rows[rowMap[r]].Name;
                    if (seen.Add(name))
                    {
                        conflicts.Add(name);
                    }
                }
            }

            return true;
        }

        private bool IsDualInfeasible()
        {
            double eps = s.DualInfeasibilityTolerance;
            var dx = new double[n];
            for (int i = 0; i < n; i++)
            {
                dx[i] = x[i] - xPrev[i];
            }

            double norm = DenseMath.NormInf(dx);
            if (norm <= 1e-10)
            {
                return false;
            }

            if (DenseMath.Dot(qScaled, dx) >= -eps * norm)
            {
                return false;
            }

            var pdx = new double[n];
            DenseMath.MatVec(pScaled, n, dx, pdx);
            if (DenseMath.NormInf(pdx) > eps * norm)
            {
                return false;
            }

            var adx = new double[m];
            MulA(dx, adx);
            for (int r = 0; r < m; r++)
            {
                bool lf = !double.IsNegativeInfinity(l[r]);
                bool uf = !double.IsPositiveInfinity(u[r]);
                if (uf && adx[r] > eps * norm)
                {
                    return false;
                }

                if (lf && adx[r] < -eps * norm)
                {
                    return false;
                }
            }

            return true;
        }

        // ---------------------------------------------------------------- polish

        private bool TryPolish(out QpResult? result, int iter = 0, double primRes = 0, bool early = false)
        {
            result = null;
            // Active-set guess. 0 = inactive, -1 = lower active, +1 = upper active, 2 = equality.
            // A row is taken as active when its multiplier says so (OSQP's rule z − l < −y, u − z < y) or when it
            // sits on its bound to within 10× the current primal residual (degenerate rows whose multiplier ≈ 0).
            var active = new int[m];
            double near = 10 * Math.Max(primRes, 1e-9);
            for (int r = 0; r < m; r++)
            {
                if (IsEquality(r))
                {
                    active[r] = 2;
                }
                else if (z[r] - l[r] < -y[r] || (!double.IsNegativeInfinity(l[r]) && z[r] - l[r] <= near * (1 + Math.Abs(l[r])) && y[r] <= 0))
                {
                    active[r] = -1;
                }
                else if (u[r] - z[r] < y[r] || (!double.IsPositiveInfinity(u[r]) && u[r] - z[r] <= near * (1 + Math.Abs(u[r])) && y[r] >= 0))
                {
                    active[r] = 1;
                }
            }

            // Primal-dual active-set corrections: each round adds the most violated inactive row and drops the
            // active row whose multiplier has the most wrong sign.
            int maxRounds = early ? 3 : 10 + Math.Min(m, 40);
            for (int attempt = 0; attempt < maxRounds; attempt++)
            {
                if (!SolveReduced(active, out var xs, out var ys))
                {
                    return false;
                }

                double tol = s.PolishTolerance;
                var axs = new double[m];
                MulA(xs, axs);
                double maxViol = 0, worstViol = 0, worstDual = 0;
                int addRow = -1, addSide = 0, dropRow = -1;
                for (int r = 0; r < m; r++)
                {
                    double below = (l[r] - axs[r]) / (1 + Math.Abs(l[r]));
                    double above = (axs[r] - u[r]) / (1 + Math.Abs(u[r]));
                    if (active[r] == 0)
                    {
                        if (below > tol && below > worstViol)
                        {
                            worstViol = below;
                            addRow = r;
                            addSide = -1;
                        }
                        else if (above > tol && above > worstViol)
                        {
                            worstViol = above;
                            addRow = r;
                            addSide = 1;
                        }
                    }
                    else if (active[r] == -1 && ys[r] > tol && ys[r] > worstDual)
                    {
                        worstDual = ys[r];
                        dropRow = r;
                    }
                    else if (active[r] == 1 && ys[r] < -tol && -ys[r] > worstDual)
                    {
                        worstDual = -ys[r];
                        dropRow = r;
                    }

                    maxViol = Math.Max(maxViol, Math.Max(l[r] - axs[r], axs[r] - u[r]));
                }

                if (addRow >= 0 || dropRow >= 0)
                {
                    if (addRow >= 0)
                    {
                        active[addRow] = addSide;
                    }

                    if (dropRow >= 0)
                    {
                        active[dropRow] = 0;
                    }

                    continue;
                }

                // stationarity check
                var pxs = new double[n];
                DenseMath.MatVec(pScaled, n, xs, pxs);
                var atys = new double[n];
                MulAt(ys, atys);
                double stat = 0;
                for (int i = 0; i < n; i++)
                {
                    stat = Math.Max(stat, Math.Abs(pxs[i] + qScaled[i] + atys[i]));
                }

                if (!(stat <= Math.Max(1e-8, 1e-8 * DenseMath.NormInf(qScaled))) || double.IsNaN(maxViol))
                {
                    return false;
                }

                Array.Copy(xs, x, n);
                Array.Copy(ys, y, m);
                result = new QpResult(QpStatus.Solved, xs, Unscaled(ys), iter, true, Math.Max(0, maxViol), stat / cost, []);
                return true;
            }

            return false;
        }

        private bool SolveReduced(int[] active, out double[] xs, out double[] ys)
        {
            xs = new double[n];
            ys = new double[m];
            var fixedVal = new double[n];
            var isFixed = new bool[n];
            var fixingRow = new int[n];
            Array.Fill(fixingRow, -1);
            var general = new List<int>();
            var target = new double[m];
            for (int r = 0; r < m; r++)
            {
                if (active[r] == 0)
                {
                    continue;
                }

                target[r] = active[r] == 1 ? u[r] : l[r];
                if (rowPtr[r + 1] - rowPtr[r] == 1)
                {
                    int j = colIdx[rowPtr[r]];
                    double v = target[r] / vals[rowPtr[r]];
                    if (isFixed[j])
                    {
                        if (Math.Abs(fixedVal[j] - v) > 1e-12 * (1 + Math.Abs(v)))
                        {
                            return false;
                        }

                        continue; // redundant duplicate bound: multiplier 0
                    }

                    isFixed[j] = true;
                    fixedVal[j] = v;
                    fixingRow[j] = r;
                }
                else
                {
                    general.Add(r);
                }
            }

            var free = new List<int>();
            var pos = new int[n];
            for (int i = 0; i < n; i++)
            {
                if (!isFixed[i])
                {
                    pos[i] = free.Count;
                    free.Add(i);
                }
            }

            int nf = free.Count, ng = general.Count, dim = nf + ng;
            if (dim > s.PolishMaxDimension)
            {
                return false;
            }

            for (int i = 0; i < n; i++)
            {
                xs[i] = isFixed[i] ? fixedVal[i] : 0;
            }

            if (dim > 0)
            {
                // Regularised quasi-definite KKT [[P_FF + δI, Aᵀ], [A, −δI]], factored by LDLᵀ and corrected by
                // iterative refinement against the unregularised matrix (as OSQP's polish).
                const double delta = 1e-9;
                var kkt = new double[dim * dim];
                var rhs = new double[dim];
                for (int a = 0; a < nf; a++)
                {
                    int ia = free[a];
                    double acc = -qScaled[ia];
                    var prow = pScaled.AsSpan(ia * n, n);
                    for (int j = 0; j < n; j++)
                    {
                        if (isFixed[j])
                        {
                            acc -= prow[j] * fixedVal[j];
                        }
                    }

                    rhs[a] = acc;
                    for (int b = 0; b < nf; b++)
                    {
                        kkt[(a * dim) + b] = prow[free[b]];
                    }
                }

                for (int g = 0; g < ng; g++)
                {
                    int r = general[g];
                    double acc = target[r];
                    for (int t = rowPtr[r]; t < rowPtr[r + 1]; t++)
                    {
                        int j = colIdx[t];
                        if (isFixed[j])
                        {
                            acc -= vals[t] * fixedVal[j];
                        }
                        else
                        {
                            kkt[((nf + g) * dim) + pos[j]] += vals[t];
                            kkt[(pos[j] * dim) + nf + g] += vals[t];
                        }
                    }

                    rhs[nf + g] = acc;
                }

                var fac = (double[])kkt.Clone();
                for (int a = 0; a < nf; a++)
                {
                    fac[(a * dim) + a] += delta;
                }

                for (int g = 0; g < ng; g++)
                {
                    fac[((nf + g) * dim) + nf + g] -= delta;
                }

                var dd = new double[dim];
                if (!DenseMath.LdltInPlace(fac, dim, dd))
                {
                    return false;
                }

                var sol = (double[])rhs.Clone();
                DenseMath.LdltSolveInPlace(fac, dd, dim, sol);
                var res = new double[dim];
                double rhsNorm = Math.Max(1, DenseMath.NormInf(rhs));
                for (int it = 0; it < 20; it++)
                {
                    DenseMath.MatVec(kkt, dim, sol, res);
                    for (int i = 0; i < dim; i++)
                    {
                        res[i] = rhs[i] - res[i];
                    }

                    if (DenseMath.NormInf(res) <= 1e-13 * rhsNorm)
                    {
                        break;
                    }

                    DenseMath.LdltSolveInPlace(fac, dd, dim, res);
                    for (int i = 0; i < dim; i++)
                    {
                        sol[i] += res[i];
                    }
                }

                for (int a = 0; a < nf; a++)
                {
                    xs[free[a]] = sol[a];
                }

                for (int g = 0; g < ng; g++)
                {
                    ys[general[g]] = sol[nf + g];
                }
            }

            for (int i = 0; i < n; i++)
            {
                if (double.IsNaN(xs[i]) || double.IsInfinity(xs[i]))
                {
                    return false;
                }
            }

            // multipliers of the bound rows from stationarity
            var grad = new double[n];
            DenseMath.MatVec(pScaled, n, xs, grad);
            var atyG = new double[n];
            MulAt(ys, atyG);
            for (int j = 0; j < n; j++)
            {
                int r = fixingRow[j];
                if (r < 0)
                {
                    continue;
                }

                double rj = grad[j] + qScaled[j] + atyG[j];
                ys[r] = -rj / vals[rowPtr[r]];
            }

            foreach (double v in ys)
            {
                if (double.IsNaN(v) || double.IsInfinity(v))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
