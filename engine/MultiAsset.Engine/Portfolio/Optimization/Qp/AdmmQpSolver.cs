namespace MultiAsset.Engine.Portfolio.Optimization.Qp;

/// <summary>Optional starting point for <see cref="AdmmQpSolver.Solve"/> (e.g. the previous solve of a
/// multiplier search). Lengths must match the problem; otherwise the start (or its ball part) is ignored.</summary>
public sealed record QpWarmStart(IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<double>? BallDual = null);

/// <summary>
/// Dense ADMM solver for convex QPs in the OSQP formulation (Stellato et al., "OSQP: an operator splitting solver
/// for quadratic programs", 2020), written for the portfolio problems of this folder (n up to a few thousand),
/// extended with one L1-ball block (the turnover limit).
/// </summary>
/// <remarks>
/// <para>Iteration (over-relaxed ADMM, α = <see cref="QpSettings.Alpha"/>): solve
/// <c>(P + σI + AᵀRA + ρ_B·I_B) x̃ = σx − q + Aᵀ(Rz − y) + (ρ_B z_B − y_B)</c> with a cached dense Cholesky factor,
/// <c>z̃ = Ax̃</c>, <c>x ← αx̃ + (1−α)x</c>, <c>z ← Π[l,u](αz̃ + (1−α)z + R⁻¹y)</c>, <c>y ← y + R(αz̃ + (1−α)z − z)</c>,
/// where R = diag(ρ) with 10³ρ on equality rows. The L1 ball <c>‖x_B − c‖₁ ≤ r</c> is one more block of the
/// splitting with the identity as its matrix: its z-block is updated by the O(n log n) projection onto the ball
/// (<see cref="L1BallProjection"/>) and it only adds ρ_B = ρ to the diagonal of the n×n matrix, so a turnover limit
/// costs no extra variables and no larger factorisation.</para>
/// <para>Stopping: every <see cref="QpSettings.CheckInterval"/> iterations, the primal residual
/// max(‖Ax−z‖∞, ‖x_B−z_B‖∞) and the dual residual ‖Px+q+Aᵀy+y_B‖∞ are compared with ε_abs + ε_rel·(scale) (see
/// <see cref="QpSettings"/>). ρ is adapted every <see cref="QpSettings.RhoUpdateInterval"/> iterations from the ratio
/// of the normalised residuals (refactoring only when it moves by more than 5×). At most
/// <see cref="QpSettings.MaxIterations"/> iterations.</para>
/// <para>Infeasibility: with δy the last change of (y, y_B), the problem is declared primal infeasible when
/// ‖Aᵀδy + δy_B‖∞ ≤ ε_pinf‖δy‖∞ and the support function of the constraint set is negative along δy,
/// uᵀmax(δy,0) + lᵀmin(δy,0) + cᵀδy_B + r‖δy_B‖∞ &lt; −ε_pinf‖δy‖∞ (a Farkas certificate); the rows (and the ball)
/// with a material share of δy are returned as the conflicting constraints. Dual infeasibility (unbounded objective)
/// uses δx: ‖Pδx‖∞ ≤ ε‖δx‖∞, qᵀδx &lt; −ε‖δx‖∞, Aδx inside the recession cone of [l,u] and δx_B ≈ 0 (a ball is
/// bounded).</para>
/// <para>Polish: once the residuals are small, the active set is guessed from (z, y) — for the ball: whether it is
/// on its boundary, and which coordinates sit exactly on their center (the projection leaves them there) versus moved
/// up or down — the equality-constrained QP on that set is solved exactly and accepted only if it satisfies the KKT
/// conditions within <see cref="QpSettings.PolishTolerance"/> (see <c>AdmmQpSolver.Polish.cs</c>).</para>
/// </remarks>
public static partial class AdmmQpSolver
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

    private sealed partial class State
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

        // L1 ball block (nb = 0 without a ball): z_B, y_B live on the first nb variables.
        private readonly L1BallConstraint? ball;
        private readonly int nb;
        private readonly double[] center;
        private readonly double radius;
        private readonly double[] zB;
        private readonly double[] yB;
        private readonly double[] yBPrev;
        private readonly double[] ballW;
        private readonly double[] ballScratch;
        private double rhoB;

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
            ball = problem.Ball;
            rhoBase = settings.Rho * (ball is null ? 1 : settings.BallRhoFactor);
            nb = ball?.Dimension ?? 0;
            center = ball?.CenterValues ?? [];
            radius = ball?.Radius ?? 0;
            zB = new double[nb];
            yB = new double[nb];
            yBPrev = new double[nb];
            ballW = new double[nb];
            ballScratch = new double[nb];
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

            // The ball block's single multiplier λ is spread over all its coordinates; a larger step lets it settle
            // faster (see QpSettings.BallRhoFactor).
            rhoB = rhoBase * s.BallRhoFactor;
        }



        private void Factor()
        {
            Array.Copy(pScaled, k, k.Length);
            for (int i = 0; i < n; i++)
            {
                k[(i * n) + i] += s.Sigma + (i < nb ? rhoB : 0);
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
                return new QpResult(QpStatus.PrimalInfeasible, new double[n], new double[problem.Rows.Count], new double[nb], 0, false, double.PositiveInfinity, double.PositiveInfinity, immediateConflicts);
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

                if (warm.BallDual is { } wb && wb.Count == nb)
                {
                    for (int i = 0; i < nb; i++)
                    {
                        yB[i] = wb[i] * cost;
                    }
                }
            }

            MulA(x, ax);
            for (int r = 0; r < m; r++)
            {
                z[r] = Math.Clamp(ax[r], l[r], u[r]);
            }

            if (nb > 0)
            {
                L1BallProjection.Project(x.AsSpan(0, nb), center, radius, zB, ballScratch);
            }

            SetRho();

            // A warm start that is already optimal (or close) is polished straight away, before the ADMM matrix is
            // factored (polish solves its own reduced KKT system): a warm start that polishes costs no factorisation.
            if (warm is not null && s.Polish && TryPolish(out var warmPolished))
            {
                return warmPolished!;
            }

            Factor();

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
                Array.Copy(yB, yBPrev, nb);

                for (int r = 0; r < m; r++)
                {
                    tmpM[r] = (rho[r] * z[r]) - y[r];
                }

                MulAt(tmpM, rhs);
                for (int i = 0; i < n; i++)
                {
                    rhs[i] += (sigma * x[i]) - qScaled[i];
                }

                for (int i = 0; i < nb; i++)
                {
                    rhs[i] += (rhoB * zB[i]) - yB[i];
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

                if (nb > 0)
                {
                    UpdateBallBlock(alpha);
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

                for (int i = 0; i < nb; i++)
                {
                    primRes = Math.Max(primRes, Math.Abs(x[i] - zB[i]));
                    axNorm = Math.Max(axNorm, Math.Abs(x[i]));
                    zNorm = Math.Max(zNorm, Math.Abs(zB[i]));
                    aty[i] += yB[i];
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
                        return new QpResult(QpStatus.PrimalInfeasible, [.. x], Unscaled(y), UnscaledBall(yB), iter, false, primRes, dualRes / cost, conflicts);
                    }

                    if (IsDualInfeasible())
                    {
                        return new QpResult(QpStatus.DualInfeasible, [.. x], Unscaled(y), UnscaledBall(yB), iter, false, primRes, dualRes / cost, []);
                    }
                }

                if (rhoCheck && m + nb > 0)
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

        /// <summary>The ball block of one ADMM step: relaxed x̃_B, projection onto the ball, dual ascent.</summary>
        private void UpdateBallBlock(double alpha)
        {
            // ballW = relaxed iterate αx̃ + (1−α)z_B; zB becomes Π_ball(ballW + y_B/ρ_B).
            for (int i = 0; i < nb; i++)
            {
                double w = (alpha * xt[i]) + ((1 - alpha) * zB[i]);
                ballW[i] = w;
                zB[i] = w + (yB[i] / rhoB);
            }

            L1BallProjection.Project(zB, center, radius, zB, ballScratch);
            for (int i = 0; i < nb; i++)
            {
                yB[i] += rhoB * (ballW[i] - zB[i]);
            }
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

        private double[] UnscaledBall(double[] yb)
        {
            var result = new double[nb];
            for (int i = 0; i < nb; i++)
            {
                result[i] = yb[i] / cost;
            }

            return result;
        }

        private QpResult Finish(QpStatus status, int iter, double primRes, double dualRes) =>
            new(status, [.. x], Unscaled(y), UnscaledBall(yB), iter, false, primRes, dualRes / cost, []);
    }
}
