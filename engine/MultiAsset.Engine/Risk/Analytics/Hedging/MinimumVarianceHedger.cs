using MultiAsset.Engine.Portfolio.Optimization.Qp;

namespace MultiAsset.Engine.Risk.Analytics.Hedging;

/// <summary>
/// Correlation-based hedge suggestions: the hedge notionals h on the candidate instruments H that minimise the variance
/// of the account's P&amp;L, (e + h)ᵀΣ(e + h), within per-instrument bounds, solved with the project's QP
/// (<see cref="AdmmQpSolver"/>).
/// </summary>
/// <remarks>
/// <para>Unconstrained, the optimum is h* = −Σ_HH⁻¹(Σe)_H (= −Σ_HH⁻¹Σ_H,rest·e_rest when the account holds none of the
/// hedges); the tests check the QP against it. Bounds: |h_j| ≤ maxNotional_j, h_j ≥ 0 when shorts are not allowed,
/// h_j ≤ 0 when longs are not allowed. Zero is always feasible, so the variance never rises and the effectiveness
/// 1 − Var(after)/Var(before) is in [0, 1].</para>
/// <para>Scaling: the QP is solved for x = h/S with S = max|e| and Σ divided by its largest hedge variance d:
/// minimise ½xᵀ(2Σ_HH/d)x + (2(Σe)_H/(S·d))ᵀx. The argmin is the same; the scaling keeps the solver's absolute
/// tolerances meaningful whatever the currency amounts and return units.</para>
/// </remarks>
public static class MinimumVarianceHedger
{
    /// <summary>Solves <paramref name="problem"/>.</summary>
    /// <exception cref="ArgumentException">Sizes that do not match, non-finite numbers, an unknown or repeated candidate, a candidate with zero variance, a candidate allowed neither long nor short, or infeasible bounds.</exception>
    public static HedgeSuggestion Suggest(HedgeProblem problem, QpSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int n = problem.Symbols.Count;
        var (e, sigma, hedgeIndex) = Validate(problem);
        int k = hedgeIndex.Length;
        var g = Multiply(sigma, e, n);
        double before = Dot(e, g);

        double scale = 0;
        for (int i = 0; i < n; i++)
        {
            scale = Math.Max(scale, Math.Abs(e[i]));
        }

        var h = new double[k];
        string status = QpStatus.Solved.ToString();
        int iterations = 0;
        if (scale > 0 && k > 0)
        {
            double d = 0;
            for (int j = 0; j < k; j++)
            {
                d = Math.Max(d, sigma[(hedgeIndex[j] * n) + hedgeIndex[j]]);
            }

            var p = new double[k * k];
            var q = new double[k];
            var rows = new List<LinearRow>(k);
            for (int a = 0; a < k; a++)
            {
                for (int b = 0; b < k; b++)
                {
                    p[(a * k) + b] = 2 * sigma[(hedgeIndex[a] * n) + hedgeIndex[b]] / d;
                }

                q[a] = 2 * g[hedgeIndex[a]] / (scale * d);
                var c = problem.Candidates[a];
                double lower = c.AllowShort ? (c.MaxNotional is { } m1 ? -m1 / scale : double.NegativeInfinity) : 0;
                double upper = c.AllowLong ? (c.MaxNotional is { } m2 ? m2 / scale : double.PositiveInfinity) : 0;
                rows.Add(new LinearRow($"candidates.{c.Symbol}", [a], [1.0], lower, upper));
            }

            var result = AdmmQpSolver.Solve(new QpProblem(k, p, q, rows), settings);
            if (result.Status is QpStatus.PrimalInfeasible or QpStatus.DualInfeasible)
            {
                throw new ArgumentException($"the hedge problem has no solution ({result.Status}); check the candidates' bounds and the covariance");
            }

            status = result.Status.ToString();
            iterations = result.Iterations;
            for (int j = 0; j < k; j++)
            {
                var c = problem.Candidates[j];
                double lower = c.AllowShort ? -(c.MaxNotional ?? double.PositiveInfinity) : 0;
                double upper = c.AllowLong ? (c.MaxNotional ?? double.PositiveInfinity) : 0;
                h[j] = Math.Clamp(result.X[j] * scale, lower, upper);
            }
        }

        var hedged = (double[])e.Clone();
        for (int j = 0; j < k; j++)
        {
            hedged[hedgeIndex[j]] += h[j];
        }

        double after = Math.Max(0, Dot(hedged, Multiply(sigma, hedged, n)));
        if (after > before)
        {
            // Only solver noise can do this (h = 0 is feasible): keep the unhedged book rather than suggest a worse one.
            Array.Clear(h);
            after = before;
        }

        double effectiveness = HedgeQuantity.Effectiveness(before, after);
        double netRest = 0;
        var isHedge = new bool[n];
        foreach (int i in hedgeIndex)
        {
            isHedge[i] = true;
        }

        for (int i = 0; i < n; i++)
        {
            if (!isHedge[i])
            {
                netRest += e[i];
            }
        }

        var hedges = new List<HedgingStrategy>(k);
        for (int j = 0; j < k; j++)
        {
            var c = problem.Candidates[j];
            int i = hedgeIndex[j];
            double variance = sigma[(i * n) + i];
            hedges.Add(new HedgingStrategy
            {
                HedgeInstrument = c.Symbol,
                Method = "minimumVariance",
                HedgeRatio = netRest != 0 ? -h[j] / netRest : null,
                Beta = g[i] / variance,
                Notional = h[j],
                Quantity = HedgeQuantity.From(h[j], c.Price, c.QuoteToBaseRate, c.LotSize),
                Price = c.Price,
                VarianceBefore = before,
                VarianceAfter = after,
                Effectiveness = effectiveness,
                Correlation = before > 0 ? Math.Clamp(g[i] / Math.Sqrt(variance * before), -1, 1) : 0,
            });
        }

        return new HedgeSuggestion { Hedges = hedges, VarianceBefore = before, VarianceAfter = after, Effectiveness = effectiveness, SolverStatus = status, Iterations = iterations };
    }

    /// <summary>
    /// Builds the problem from return series: Σ is the RiskMetrics EWMA covariance (λ, per period, zero mean; see
    /// <see cref="HedgeRatioEstimator"/>) of <paramref name="returns"/> (T×n, oldest first, columns in
    /// <paramref name="symbols"/> order), then solves it.
    /// </summary>
    public static HedgeSuggestion SuggestFromReturns(IReadOnlyList<string> symbols, IReadOnlyList<double> exposures, IReadOnlyList<IReadOnlyList<double>> returns, IReadOnlyList<HedgeCandidate> candidates, double lambda = HedgeRatioEstimator.DefaultLambda, QpSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(returns);
        if (returns.Count < 2 || returns.Any(r => r is null || r.Count != symbols.Count || r.Any(x => !double.IsFinite(x))))
        {
            throw new ArgumentException($"need at least 2 periods of {symbols.Count} finite returns each", nameof(returns));
        }

        var covariance = Portfolio.Optimization.Estimation.CovarianceEstimators.Ewma(returns, lambda);
        return Suggest(new HedgeProblem { Symbols = symbols, Exposures = exposures, Covariance = covariance.ToArray(), Candidates = candidates }, settings);
    }

    /// <summary>The unconstrained optimum h* = −Σ_HH⁻¹(Σe)_H (the reference the QP is checked against).</summary>
    public static double[] ClosedForm(HedgeProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int n = problem.Symbols.Count;
        var (e, sigma, hedgeIndex) = Validate(problem);
        int k = hedgeIndex.Length;
        var g = Multiply(sigma, e, n);
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(k, k, (r, c) => sigma[(hedgeIndex[r] * n) + hedgeIndex[c]]);
        var b = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(k, r => -g[hedgeIndex[r]]);
        return a.Solve(b).ToArray();
    }

    private static (double[] Exposures, double[] Covariance, int[] HedgeIndex) Validate(HedgeProblem problem)
    {
        int n = problem.Symbols.Count;
        if (n == 0)
        {
            throw new ArgumentException("the problem has no instruments", nameof(problem));
        }

        if (problem.Exposures.Count != n || problem.Covariance.Count != n * n)
        {
            throw new ArgumentException($"{n} symbols need {n} exposures and {n * n} covariance entries; got {problem.Exposures.Count} and {problem.Covariance.Count}", nameof(problem));
        }

        var e = problem.Exposures.ToArray();
        var sigma = problem.Covariance.ToArray();
        if (e.Any(x => !double.IsFinite(x)) || sigma.Any(x => !double.IsFinite(x)))
        {
            throw new ArgumentException("exposures and covariance must be finite", nameof(problem));
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double x = sigma[(i * n) + j], y = sigma[(j * n) + i];
                if (Math.Abs(x - y) > 1e-12 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))))
                {
                    throw new ArgumentException($"the covariance is not symmetric at ({i}, {j})", nameof(problem));
                }
            }
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            if (!index.TryAdd(problem.Symbols[i], i))
            {
                throw new ArgumentException($"symbol '{problem.Symbols[i]}' is listed twice", nameof(problem));
            }
        }

        var hedgeIndex = new int[problem.Candidates.Count];
        var used = new HashSet<int>();
        for (int j = 0; j < hedgeIndex.Length; j++)
        {
            var c = problem.Candidates[j];
            if (!index.TryGetValue(c.Symbol, out int i) || !used.Add(i))
            {
                throw new ArgumentException($"candidate '{c.Symbol}' is not one of the symbols, or is given twice", nameof(problem));
            }

            if (!(sigma[(i * n) + i] > 0))
            {
                throw new ArgumentException($"candidate '{c.Symbol}' has no return variance; it cannot hedge", nameof(problem));
            }

            if (!c.AllowLong && !c.AllowShort)
            {
                throw new ArgumentException($"candidate '{c.Symbol}' may neither buy nor sell", nameof(problem));
            }

            if (c.MaxNotional is { } m && !(m >= 0 && double.IsFinite(m)))
            {
                throw new ArgumentException($"candidate '{c.Symbol}': maxNotional must be finite and ≥ 0", nameof(problem));
            }

            hedgeIndex[j] = i;
        }

        return (e, sigma, hedgeIndex);
    }

    private static double[] Multiply(double[] sigma, double[] x, int n)
    {
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++)
            {
                s += sigma[(i * n) + j] * x[j];
            }

            y[i] = s;
        }

        return y;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }
}
