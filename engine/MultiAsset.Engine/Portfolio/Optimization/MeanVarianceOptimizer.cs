using System.Globalization;
using MultiAsset.Engine.Portfolio.Optimization.Qp;

namespace MultiAsset.Engine.Portfolio.Optimization;

/// <summary>Mean-variance objectives (the request's <c>objective</c>).</summary>
public enum MeanVarianceObjective
{
    /// <summary>Minimise wᵀΣw.</summary>
    MinVariance,

    /// <summary>Maximise (μᵀw − r_f)/√(wᵀΣw).</summary>
    MaxSharpe,

    /// <summary>Minimise wᵀΣw subject to μᵀw ≥ targetReturn.</summary>
    TargetReturn,

    /// <summary>Maximise μᵀw subject to √(wᵀΣw) ≤ targetRisk.</summary>
    TargetRisk,

    /// <summary>Maximise μᵀw − (δ/2)·wᵀΣw (quadratic utility with riskAversion δ; the Black–Litterman default).</summary>
    MaxUtility,
}

/// <summary>Parameters of <see cref="MeanVarianceOptimizer.Optimize"/>.</summary>
public sealed record MeanVarianceParameters
{
    /// <summary>Objective. Default <see cref="MeanVarianceObjective.MinVariance"/>.</summary>
    public MeanVarianceObjective Objective { get; init; } = MeanVarianceObjective.MinVariance;

    /// <summary>Annual risk-free rate (MaxSharpe). Default 0.</summary>
    public double RiskFreeRate { get; init; }

    /// <summary>Annual target return (TargetReturn).</summary>
    public double? TargetReturn { get; init; }

    /// <summary>Annual target volatility (TargetRisk).</summary>
    public double? TargetRisk { get; init; }

    /// <summary>Risk aversion δ (MaxUtility). Default 2.5.</summary>
    public double RiskAversion { get; init; } = 2.5;

    /// <summary>QP solver settings.</summary>
    public QpSettings Solver { get; init; } = QpSettings.Default;
}

/// <summary>Weights plus solver bookkeeping.</summary>
public sealed class PortfolioSolution
{
    internal PortfolioSolution(double[] weights, int iterations, bool converged)
    {
        Weights = weights;
        Iterations = iterations;
        Converged = converged;
    }

    /// <summary>Weights in asset order (Σw = 1).</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>Total solver iterations (all QP solves and outer searches).</summary>
    public int Iterations { get; }

    /// <summary>True when every solve met its tolerances.</summary>
    public bool Converged { get; }
}

/// <summary>
/// Constrained mean-variance optimisation on top of <see cref="AdmmQpSolver"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>MinVariance / TargetReturn / MaxUtility are single QPs. A turnover limit goes to the solver as an L1 ball
/// (<see cref="L1BallConstraint"/>), so it adds no variables: the QP stays n×n.</item>
/// <item>MaxSharpe uses the homogenisation y = κw (Cornuejols–Tütüncü): minimise yᵀΣy subject to (μ − r_f)ᵀy = 1,
/// κ ≥ 0 and every linear row l ≤ aᵀw ≤ u rewritten as κl ≤ aᵀy ≤ κu — one QP, exact. A turnover limit becomes the
/// cone ‖y − κw₀‖₁ ≤ κT, which the ball block cannot express, so there it keeps the split variables
/// (t ≥ |y − κw₀|, Σt ≤ κT: a 2n + 1 variable QP, slower at hundreds of assets). With a minDiversification
/// constraint (not homogeneous-linear) it then runs the fixed-point (Dinkelbach-type) iteration
/// γ_k = (μᵀw_k − r_f)/w_kᵀΣw_k, w_{k+1} = argmax μᵀw − γ_k/2·wᵀΣw under all constraints; the Sharpe ratio is
/// non-decreasing along it and a fixed point is optimal. Stops when the weights move by ≤ 1e-10 or the ratio by
/// ≤ 1e-13 relative (at most 200 steps).</item>
/// <item>TargetRisk: bisection on log γ of the same frontier until √(wᵀΣw) is within 1e-9 of the target, returning the
/// side that does not exceed it; when even the γ → 0 end is below the target, that (maximum-return) end is returned.</item>
/// <item>minDiversification (Σw² ≤ 1/N): Lagrangian search — the objective gets λ‖w‖² added and λ ≥ 0 is found by
/// bracketing and safeguarded false position so that Σw² ∈ [1/N·(1 − 1e-9), 1/N]; the result always satisfies
/// 1/Σw² ≥ N. Since ‖w(λ)‖² is non-increasing in λ and the problem is convex, that λ is the KKT multiplier of the
/// quadratic constraint. It is first checked against the most diversified feasible portfolio (min ‖w‖²); if
/// that is still too concentrated the constraint is reported infeasible.</item>
/// </list>
/// </remarks>
public static class MeanVarianceOptimizer
{
    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>MaxSharpe by the split-variable homogenised model (one QP of 2n + 1 variables with a turnover limit): the
    /// reference the parametric search is tested against; slow at hundreds of assets.</summary>
    internal static PortfolioSolution MaxSharpeSplitReference(IReadOnlyList<double> expectedReturns, double[] covariance, LinearConstraintSet constraints, double riskFreeRate, QpSettings solver)
    {
        var ctx = new Context(constraints.AssetCount, covariance, constraints, null, solver);
        return ctx.Finish(ctx.MaxSharpeHomogeneous([.. expectedReturns], riskFreeRate));
    }

    /// <summary>Optimises. <paramref name="covariance"/> is n×n row-major, <paramref name="expectedReturns"/> may be null for MinVariance.</summary>
    public static PortfolioSolution Optimize(IReadOnlyList<double>? expectedReturns, double[] covariance, LinearConstraintSet constraints, double? minDiversification, MeanVarianceParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(parameters);
        int n = constraints.AssetCount;
        var mu = expectedReturns?.ToArray();
        if (parameters.Objective != MeanVarianceObjective.MinVariance && mu is null)
        {
            throw new OptimizationInputException("expectedReturns", $"expectedReturns is required for objective {parameters.Objective}");
        }

        var ctx = new Context(n, covariance, constraints, minDiversification, parameters.Solver);
        switch (parameters.Objective)
        {
            case MeanVarianceObjective.MinVariance:
                return ctx.Finish(ctx.SolveQuadratic(1.0, null, []));
            case MeanVarianceObjective.MaxUtility:
                if (!(parameters.RiskAversion > 0))
                {
                    throw new OptimizationInputException("riskAversion", "riskAversion must be > 0");
                }

                return ctx.Finish(ctx.SolveQuadratic(parameters.RiskAversion, mu, []));
            case MeanVarianceObjective.TargetReturn:
            {
                double target = parameters.TargetReturn ?? throw new OptimizationInputException("targetReturn", "targetReturn is required for objective TargetReturn");
                var row = new LinearRow("targetReturn", Enumerable.Range(0, n).ToArray(), mu!, target, double.PositiveInfinity);
                return ctx.Finish(ctx.SolveQuadratic(1.0, null, [row], $"targetReturn {F(target)}"));
            }

            case MeanVarianceObjective.TargetRisk:
                return ctx.Finish(ctx.TargetRisk(mu!, parameters.TargetRisk ?? throw new OptimizationInputException("targetRisk", "targetRisk is required for objective TargetRisk")));
            case MeanVarianceObjective.MaxSharpe:
                return ctx.Finish(
                    minDiversification is not null ? ctx.MaxSharpeFrontier(mu!, parameters.RiskFreeRate)
                    : constraints.Turnover is not null && constraints.Rows.Any(r => r.Name == "budget") ? ctx.MaxSharpeParametric(mu!, parameters.RiskFreeRate)
                    : ctx.MaxSharpeHomogeneous(mu!, parameters.RiskFreeRate));
            default:
                throw new OptimizationInputException("objective", $"unknown objective {parameters.Objective}");
        }
    }

    /// <summary>Summarises constraint names: <c>longOnly[A], longOnly[B]</c> become <c>longOnly[A, B]</c>.</summary>
    internal static string Summarise(IEnumerable<string> names)
    {
        var groups = new List<(string Base, List<string> Keys)>();
        foreach (string name in names.Distinct(StringComparer.Ordinal))
        {
            int b = name.IndexOf('[', StringComparison.Ordinal);
            string bas = b < 0 ? name : name[..b];
            string? key = b < 0 ? null : name[(b + 1)..^1];
            var g = groups.FirstOrDefault(x => x.Base == bas);
            if (g.Keys is null)
            {
                g = (bas, []);
                groups.Add(g);
            }

            if (key is not null)
            {
                g.Keys.Add(key);
            }
        }

        return string.Join(", ", groups.Select(g => g.Keys.Count == 0 ? g.Base : $"{g.Base}[{string.Join(", ", g.Keys.Take(8))}{(g.Keys.Count > 8 ? ", ..." : string.Empty)}]"));
    }

    private sealed class Context
    {
        private readonly int n;
        private readonly double[] cov;
        private readonly LinearConstraintSet set;
        private readonly double? minDiv;
        private readonly QpSettings settings;
        private int iterations;
        private bool converged = true;

        public Context(int n, double[] cov, LinearConstraintSet set, double? minDiv, QpSettings settings)
        {
            this.n = n;
            this.cov = cov;
            this.set = set;
            this.minDiv = minDiv;
            this.settings = settings;
        }

        public PortfolioSolution Finish(double[] x)
        {
            var w = new double[n];
            for (int i = 0; i < n; i++)
            {
                double v = x[i];
                if (double.IsNaN(v) || double.IsInfinity(v))
                {
                    throw new InvalidOperationException("optimiser produced a non-finite weight; this is a bug");
                }

                w[i] = Math.Abs(v) < 1e-13 ? 0 : v;
            }

            return new PortfolioSolution(w, iterations, converged);
        }

        private double Variance(ReadOnlySpan<double> w)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                s += w[i] * DenseMath.Dot(cov.AsSpan(i * n, n), w[..n]);
            }

            return s;
        }

        private static double SumSq(ReadOnlySpan<double> w, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                s += w[i] * w[i];
            }

            return s;
        }

        private QpResult Run(QpProblem p, string? extra, QpWarmStart? warm)
        {
            var r = AdmmQpSolver.Solve(p, settings, warm);
            iterations += r.Iterations;
            switch (r.Status)
            {
                case QpStatus.PrimalInfeasible:
                {
                    string names = Summarise(r.ConflictingRows);
                    string prefix = extra is null ? string.Empty : extra + " cannot be met together with the constraints; ";
                    throw new OptimizationInfeasibleException($"{prefix}constraints are infeasible: the solver's certificate involves {names}", r.ConflictingRows.Distinct(StringComparer.Ordinal).ToList());
                }

                case QpStatus.DualInfeasible:
                    throw new OptimizationUnboundedException("objective is unbounded under the constraints (e.g. unbounded shorts with a singular covariance); add longOnly or maxShortWeight/maxAssetWeight");
                case QpStatus.MaxIterationsReached:
                    converged = false;
                    break;
            }

            return r;
        }

        /// <summary>min ½γ·wᵀΣw + λ‖w‖² − μᵀw over the set plus extra rows (the turnover limit as the solver's L1
        /// ball); handles minDiversification.</summary>
        public double[] SolveQuadratic(double gamma, double[]? mu, LinearRow[] extraRows, string? extraName = null)
        {
            var rows = extraRows.Length == 0 ? set.Rows : [.. set.Rows, .. extraRows];
            var q = new double[n];
            if (mu is not null)
            {
                for (int i = 0; i < n; i++)
                {
                    q[i] = -mu[i];
                }
            }

            QpProblem Build(double lambda, double g, bool normOnly)
            {
                var p = new double[n * n];
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        p[(i * n) + j] = normOnly ? 0 : g * cov[(i * n) + j];
                    }

                    p[(i * n) + i] += 2 * lambda;
                }

                return new QpProblem(n, p, normOnly ? new double[n] : q, rows, set.Turnover);
            }

            var baseResult = Run(Build(0, gamma, false), extraName, null);
            var x = baseResult.X.ToArray();
            if (minDiv is not double nMin || SumSq(x, n) <= (1.0 / nMin) * (1 + 1e-12))
            {
                return x;
            }

            double cap = 1.0 / nMin;
            // Most diversified feasible portfolio: if even it is too concentrated, the constraint is infeasible.
            var most = Run(Build(0.5, 0, true), extraName, null);
            double best = SumSq(most.X.ToArray(), n);
            if (best > cap * (1 + 1e-9))
            {
                throw new OptimizationInfeasibleException(
                    $"minDiversification {F(nMin)} is unattainable: the most diversified portfolio the other constraints allow has an effective number of assets {F(1 / best)}",
                    ["minDiversification"]);
            }

            // Bracket λ: g(λ) = ‖w(λ)‖² − cap, non-increasing.
            double trace = 0;
            for (int i = 0; i < n; i++)
            {
                trace += cov[(i * n) + i];
            }

            double scale = Math.Max(gamma * trace / n, mu is null ? 0 : mu.Max(Math.Abs));
            double lo = 0, gLo = SumSq(x, n) - cap;
            double hi = Math.Max(scale, 1e-8);
            var warm = new QpWarmStart(baseResult.X, baseResult.Y, baseResult.BallDual);
            double[] xHi;
            double gHi;
            while (true)
            {
                var r = Run(Build(hi, gamma, false), extraName, warm);
                warm = new QpWarmStart(r.X, r.Y, r.BallDual);
                xHi = r.X.ToArray();
                gHi = SumSq(xHi, n) - cap;
                if (gHi <= 0)
                {
                    break;
                }

                lo = hi;
                gLo = gHi;
                hi *= 4;
                if (hi > 1e12 * Math.Max(scale, 1e-8))
                {
                    throw new OptimizationInfeasibleException($"minDiversification {F(nMin)} could not be reached by the multiplier search", ["minDiversification"]);
                }
            }

            // Safeguarded false position (Illinois) on λ.
            int side = 0;
            for (int it = 0; it < 100 && gHi < -1e-9 * cap && (hi - lo) > 1e-14 * hi; it++)
            {
                double mid = hi - (gHi * (hi - lo) / (gHi - gLo));
                if (!(mid > lo && mid < hi))
                {
                    mid = 0.5 * (lo + hi);
                }

                var r = Run(Build(mid, gamma, false), extraName, warm);
                warm = new QpWarmStart(r.X, r.Y, r.BallDual);
                var xm = r.X.ToArray();
                double gm = SumSq(xm, n) - cap;
                if (gm <= 0)
                {
                    hi = mid;
                    gHi = gm;
                    xHi = xm;
                    if (side == 1)
                    {
                        gLo *= 0.5;
                    }

                    side = 1;
                }
                else
                {
                    lo = mid;
                    gLo = gm;
                    if (side == -1)
                    {
                        gHi *= 0.5;
                    }

                    side = -1;
                }
            }

            return xHi;
        }

        public double[] TargetRisk(double[] mu, double targetRisk)
        {
            if (!(targetRisk > 0))
            {
                throw new OptimizationInputException("targetRisk", "targetRisk must be > 0");
            }

            var minVar = SolveQuadratic(1.0, null, []);
            double minVol = Math.Sqrt(Math.Max(0, Variance(minVar)));
            if (minVol > targetRisk * (1 + 1e-9))
            {
                throw new OptimizationInfeasibleException($"targetRisk {F(targetRisk)} is below the minimum volatility {F(minVol)} attainable under the constraints", ["targetRisk"]);
            }

            double trace = 0;
            for (int i = 0; i < n; i++)
            {
                trace += cov[(i * n) + i];
            }

            double muScale = Math.Max(mu.Max(Math.Abs), 1e-12);
            double sigScale = Math.Max(trace / n, 1e-16);
            double gLo = 1e-6 * muScale / sigScale; // ≈ maximum return end
            var xLo = SolveQuadratic(gLo, mu, []);
            if (Math.Sqrt(Variance(xLo)) <= targetRisk)
            {
                return xLo;
            }

            double gHi = gLo;
            double[] xHi;
            while (true)
            {
                gHi *= 10;
                xHi = SolveQuadratic(gHi, mu, []);
                if (Math.Sqrt(Variance(xHi)) <= targetRisk)
                {
                    break;
                }

                gLo = gHi;
                if (gHi > 1e12 * muScale / sigScale)
                {
                    return minVar;
                }
            }

            for (int it = 0; it < 80; it++)
            {
                double mid = Math.Sqrt(gLo * gHi);
                var xm = SolveQuadratic(mid, mu, []);
                double vol = Math.Sqrt(Variance(xm));
                if (vol <= targetRisk)
                {
                    gHi = mid;
                    xHi = xm;
                    if (targetRisk - vol <= 1e-9 * targetRisk)
                    {
                        break;
                    }
                }
                else
                {
                    gLo = mid;
                }

                if (gHi / gLo < 1 + 1e-12)
                {
                    break;
                }
            }

            return xHi;
        }

        /// <summary>
        /// MaxSharpe with a turnover limit (and the budget) on the n-variable QP with the turnover ball: the tangency
        /// portfolio is the frontier point w(t) = argmin ½wᵀΣw − t·μᵀw (all constraints) whose risk tolerance t equals
        /// wᵀΣw/(μᵀw − r_f) (the first-order condition of the Sharpe ratio under the budget). That scalar fixed point
        /// is found by the plain step t ← v/e once, then by the exact root of the fixed-point equation on the affine
        /// segment through the last two solves (<see cref="Interpolated"/>), each QP warm-started from the last with P = Σ
        /// fixed so only q changes. Stops when v/e equals t to 1e-12 relative (the Sharpe ratio is stationary in t, so
        /// its error is second order) or the weights move by ≤ 1e-12 (at most 60 steps). The split-variable homogenised model (<see cref="MaxSharpeHomogeneous"/>) is the reference it is
        /// tested against.
        /// </summary>
        public double[] MaxSharpeParametric(double[] mu, double rf)
        {
            var p = (double[])cov.Clone();
            QpWarmStart? warm = null;
            double Excess(double[] w)
            {
                double e = -rf;
                for (int i = 0; i < n; i++)
                {
                    e += mu[i] * w[i];
                }

                return e;
            }

            double[] Solve(double t)
            {
                var q = new double[n];
                for (int i = 0; i < n; i++)
                {
                    q[i] = -t * mu[i];
                }

                var r = Run(new QpProblem(n, p, q, set.Rows, set.Turnover), null, warm);
                warm = new QpWarmStart(r.X, r.Y, r.BallDual);
                return r.X.ToArray();
            }

            // A starting risk tolerance from the current weights when they earn more than r_f.
            var w0 = set.Turnover!.Center;
            double e0 = Excess([.. w0]), v0 = Variance([.. w0]);
            double t = e0 > 0 && v0 > 0 ? v0 / e0 : 1;
            var w = Solve(t);
            double e = Excess(w);
            for (int grow = 0; !(e > 0) && grow < 40; grow++)
            {
                t *= 10;
                w = Solve(t);
                e = Excess(w);
            }

            if (!(e > 0))
            {
                throw new OptimizationInfeasibleException(
                    $"MaxSharpe needs a feasible portfolio whose expected return exceeds riskFreeRate {F(rf)}; none exists under the constraints",
                    ["maxTurnover", "riskFreeRate"]);
            }

            double[]? wPrev = null;
            double tPrev = double.NaN;
            for (int it = 0; it < 60; it++)
            {
                double v = Variance(w);
                if (!(v > 0))
                {
                    throw new OptimizationUnboundedException("MaxSharpe is unbounded or degenerate: a feasible portfolio has zero variance and positive excess return");
                }

                double target = v / e;               // the fixed-point map
                if (Math.Abs(target - t) <= 1e-12 * t)
                {
                    break;                           // the Sharpe ratio is stationary in t: its error is second order
                }

                double next = target;
                if (wPrev is not null && Interpolated(wPrev, tPrev, w, t, mu, rf) is double root)
                {
                    next = root;
                }

                var wNext = Solve(next);
                double eNext = Excess(wNext);
                if (!(eNext > 0))
                {
                    // The step overshot towards t → 0: fall back to the plain fixed-point step.
                    next = target;
                    wNext = Solve(next);
                    eNext = Excess(wNext);
                }

                double move = 0;
                for (int i = 0; i < n; i++)
                {
                    move = Math.Max(move, Math.Abs(wNext[i] - w[i]));
                }

                wPrev = w;
                tPrev = t;
                t = next;
                w = wNext;
                e = eNext;
                if (move <= 1e-12)
                {
                    break;
                }
            }

            return w;
        }

        /// <summary>
        /// Between two solves on the same active set the solution is affine in t, w(t) = w_a + (t − t_a)d, so the
        /// fixed point t·e(t) = v(t) is a quadratic in s = t − t_a: s²(μᵀd − dᵀΣd) + s(e_a + t_a·μᵀd − 2w_aᵀΣd) +
        /// (t_a·e_a − v_a) = 0. Returns its positive root nearest to t_b (exact when the active set does not change;
        /// otherwise one more step corrects it), or null when there is none.
        /// </summary>
        private double? Interpolated(double[] wa, double ta, double[] wb, double tb, double[] mu, double rf)
        {
            if (!(Math.Abs(tb - ta) > 0))
            {
                return null;
            }

            var d = new double[n];
            for (int i = 0; i < n; i++)
            {
                d[i] = (wb[i] - wa[i]) / (tb - ta);
            }

            var sd = new double[n];
            DenseMath.MatVec(cov, n, d, sd);
            double ea = -rf, muD = 0, waSd = 0, dSd = 0;
            for (int i = 0; i < n; i++)
            {
                ea += mu[i] * wa[i];
                muD += mu[i] * d[i];
                waSd += wa[i] * sd[i];
                dSd += d[i] * sd[i];
            }

            double va = Variance(wa);
            double a2 = muD - dSd, a1 = ea + (ta * muD) - (2 * waSd), a0 = (ta * ea) - va;
            double? best = null;
            void Consider(double s)
            {
                double t = ta + s;
                if (t > 0 && double.IsFinite(t) && (best is null || Math.Abs(t - tb) < Math.Abs(best.Value - tb)))
                {
                    best = t;
                }
            }

            if (Math.Abs(a2) <= 1e-300)
            {
                if (a1 != 0)
                {
                    Consider(-a0 / a1);
                }

                return best;
            }

            double disc = (a1 * a1) - (4 * a2 * a0);
            if (disc < 0)
            {
                return null;
            }

            double sq = Math.Sqrt(disc);
            double qq = -0.5 * (a1 + (a1 >= 0 ? sq : -sq)); // the cancellation-free pair of roots
            if (qq != 0)
            {
                Consider(qq / a2);
                Consider(a0 / qq);
            }

            return best;
        }

        public double[] MaxSharpeHomogeneous(double[] mu, double rf)
        {
            // The ball ‖y − κw₀‖₁ ≤ κT is a cone in (y, κ), not a ball, so here the turnover limit keeps the split
            // variables t ≥ |y − κw₀| (variables [y, t, κ]).
            var turnover = set.Turnover;
            int nv = turnover is null ? n : 2 * n;
            int kappa = nv;
            int total = nv + 1;
            var p = new double[total * total];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    p[(i * total) + j] = cov[(i * n) + j];
                }
            }

            var q = new double[total];
            for (int i = n; i < nv; i++)
            {
                q[i] = LinearConstraintSet.TurnoverTieBreakCost;
            }

            var rows = new List<LinearRow>();
            var excess = new double[n];
            for (int i = 0; i < n; i++)
            {
                excess[i] = mu[i] - rf;
            }

            rows.Add(new LinearRow("excessReturn", Enumerable.Range(0, n).ToArray(), excess, 1, 1));
            rows.Add(new LinearRow("kappa", [kappa], [1.0], 0, double.PositiveInfinity));
            foreach (var row in set.Rows)
            {
                if (row.Lower == row.Upper)
                {
                    rows.Add(Homogenise(row, row.Lower, kappa, 0, 0));
                    continue;
                }

                if (!double.IsPositiveInfinity(row.Upper))
                {
                    rows.Add(Homogenise(row, row.Upper, kappa, double.NegativeInfinity, 0));
                }

                if (!double.IsNegativeInfinity(row.Lower))
                {
                    rows.Add(Homogenise(row, row.Lower, kappa, 0, double.PositiveInfinity));
                }
            }

            if (turnover is not null)
            {
                AddSplitTurnoverRows(rows, turnover, kappa);
            }

            QpResult r;
            try
            {
                r = Run(new QpProblem(total, p, q, rows), null, null);
            }
            catch (OptimizationInfeasibleException e) when (e.Constraints.Contains("excessReturn"))
            {
                throw new OptimizationInfeasibleException(
                    $"MaxSharpe needs a feasible portfolio whose expected return exceeds riskFreeRate {F(rf)}; none exists under the constraints ({Summarise(e.Constraints.Where(c => c is not "excessReturn" and not "kappa"))})",
                    [.. e.Constraints.Where(c => c is not "excessReturn" and not "kappa"), "riskFreeRate"]);
            }

            double k = r.X[kappa];
            if (!(k > 1e-14))
            {
                throw new OptimizationUnboundedException("MaxSharpe is unbounded or degenerate (κ → 0): the Sharpe ratio grows without limit under the constraints");
            }

            var x = new double[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = r.X[i] / k;
            }

            return x;
        }

        /// <summary>Homogenised split rows of ‖w − w₀‖₁ ≤ T: y − t ≤ κw₀, y + t ≥ κw₀ per asset, Σt ≤ κT.</summary>
        private void AddSplitTurnoverRows(List<LinearRow> rows, L1BallConstraint turnover, int kappa)
        {
            string name = turnover.Name;
            for (int i = 0; i < n; i++)
            {
                var row = new LinearRow(name, [i, n + i], [1.0, -1.0], double.NegativeInfinity, turnover.Center[i]);
                rows.Add(Homogenise(row, turnover.Center[i], kappa, double.NegativeInfinity, 0));
                row = new LinearRow(name, [i, n + i], [1.0, 1.0], turnover.Center[i], double.PositiveInfinity);
                rows.Add(Homogenise(row, turnover.Center[i], kappa, 0, double.PositiveInfinity));
            }

            var sum = new LinearRow(name, Enumerable.Range(n, n).ToArray(), Enumerable.Repeat(1.0, n).ToArray(), double.NegativeInfinity, turnover.Radius);
            rows.Add(Homogenise(sum, turnover.Radius, kappa, double.NegativeInfinity, 0));
        }

        private static LinearRow Homogenise(LinearRow row, double bound, int kappa, double lower, double upper)
        {
            if (bound == 0)
            {
                return new LinearRow(row.Name, [.. row.Indices], [.. row.Coefficients], lower, upper);
            }

            return new LinearRow(row.Name, [.. row.Indices, kappa], [.. row.Coefficients, -bound], lower, upper);
        }

        public double[] MaxSharpeFrontier(double[] mu, double rf)
        {
            // Start from the exact max-Sharpe portfolio without the quadratic constraint, then iterate
            // γ_k = (μᵀw_k − r_f)/(w_kᵀΣw_k), w_{k+1} = argmax μᵀw − γ_k/2·wᵀΣw (with minDiversification).
            // By AM–GM each step cannot lower the Sharpe ratio, and a fixed point satisfies the first-order
            // condition of the (pseudo-concave) Sharpe ratio over the convex feasible set, i.e. is the maximum.
            var w = MaxSharpeHomogeneous(mu, rf);
            double Excess(double[] x)
            {
                double e = -rf;
                for (int i = 0; i < n; i++)
                {
                    e += mu[i] * x[i];
                }

                return e;
            }

            double sharpe = double.NegativeInfinity;
            for (int it = 0; it < 200; it++)
            {
                double e = Excess(w);
                double v = Variance(w);
                if (!(e > 0) || !(v > 0))
                {
                    throw new OptimizationInfeasibleException(
                        $"MaxSharpe needs a feasible portfolio whose expected return exceeds riskFreeRate {F(rf)}; none was found under minDiversification {F(minDiv!.Value)}",
                        ["minDiversification", "riskFreeRate"]);
                }

                double gamma = e / v;
                var next = SolveQuadratic(gamma, mu, []);
                double sNext = Excess(next) / Math.Sqrt(Math.Max(Variance(next), 1e-300));
                double move = 0;
                for (int i = 0; i < n; i++)
                {
                    move = Math.Max(move, Math.Abs(next[i] - w[i]));
                }

                w = next;
                if (move <= 1e-10 || Math.Abs(sNext - sharpe) <= 1e-13 * Math.Abs(sNext))
                {
                    break;
                }

                sharpe = sNext;
            }

            return w;
        }
    }
}
