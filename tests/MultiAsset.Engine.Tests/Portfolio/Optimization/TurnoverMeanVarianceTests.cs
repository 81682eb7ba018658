using MultiAsset.Engine.Portfolio.Optimization;
using MultiAsset.Engine.Portfolio.Optimization.Qp;

namespace MultiAsset.Engine.Tests.Portfolio.Optimization;

/// <summary>
/// Mean-variance with a turnover limit (‖w − w₀‖₁ ≤ T, solved through the QP's L1-ball block): binding limits are met
/// exactly, the result is KKT-optimal at 500 assets and equals the split-variable formulation where that one can be
/// polished exactly.
/// </summary>
public class TurnoverMeanVarianceTests
{
    private static readonly string[] Classes = ["STOCK", "FOREX", "CRYPTO"];
    private static readonly string[] Sectors = ["Technology", "Financials", "Energy", "Health Care", "Industrials", "Currency", "Digital Assets"];
    private static readonly string[] Countries = ["US", "GB", "DE", "JP", "Global"];

    /// <summary>Σ = BBᵀ + D with 5 factors (the benchmark's model), plus returns and classification.</summary>
    private sealed record Universe(string[] Assets, double[] Covariance, double[] Mu, List<AssetInfo?> Info);

    private static Universe MakeUniverse(int n, int seed)
    {
        var random = new Random(seed);
        const int factors = 5;
        var b = new double[n, factors];
        for (int i = 0; i < n; i++)
        {
            for (int f = 0; f < factors; f++)
            {
                b[i, f] = (random.NextDouble() - 0.3) * 0.15;
            }
        }

        var cov = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int f = 0; f < factors; f++)
                {
                    s += b[i, f] * b[j, f];
                }

                cov[(i * n) + j] = s;
            }
        }

        for (int i = 0; i < n; i++)
        {
            cov[(i * n) + i] += 0.01 + (random.NextDouble() * 0.04);
        }

        var mu = Enumerable.Range(0, n).Select(_ => 0.02 + (random.NextDouble() * 0.1)).ToArray();
        var assets = Enumerable.Range(0, n).Select(i => $"A{i:D3}").ToArray();
        var info = Enumerable.Range(0, n).Select(i => (AssetInfo?)new AssetInfo(Classes[i % 3], Sectors[i % Sectors.Length], Countries[i % Countries.Length])).ToList();
        return new Universe(assets, cov, mu, info);
    }

    /// <summary>The benchmark's constraints (caps scaled with n) plus the turnover limit.</summary>
    private static PortfolioConstraints Constraints(int n, double[] w0, double turnover) => new()
    {
        LongOnly = true,
        MaxAssetWeight = 10.0 / n,
        MaxSectorWeight = 0.3,
        MaxCountryWeight = 0.5,
        AssetClassBounds = new Dictionary<string, WeightBand> { ["CRYPTO"] = new(0, 0.2) },
        MaxTurnover = turnover,
        CurrentWeights = w0,
    };

    private static double[] EqualWeights(int n) => Enumerable.Repeat(1.0 / n, n).ToArray();

    /// <summary>A long-only current portfolio inside every cap (weights ≤ ~2.2/n, CRYPTO ≈ 13%), so any turnover limit
    /// is feasible.</summary>
    private static double[] RandomWeights(int n, int seed)
    {
        var random = new Random(seed);
        var w = Enumerable.Range(0, n).Select(i => (i % 3 == 2 ? 0.3 : 1.0) * (0.2 + (0.8 * random.NextDouble()))).ToArray();
        double sum = w.Sum();
        return w.Select(v => v / sum).ToArray();
    }

    private static double Turnover(IReadOnlyList<double> w, double[] w0) => w.Select((v, i) => Math.Abs(v - w0[i])).Sum();

    private static QpProblem BallProblem(Universe u, LinearConstraintSet set, double gamma, double[]? mu)
    {
        int n = u.Assets.Length;
        var p = u.Covariance.Select(v => v * gamma).ToArray();
        var q = mu is null ? new double[n] : mu.Select(v => -v).ToArray();
        return new QpProblem(n, p, q, set.Rows, set.Turnover);
    }

    public static IEnumerable<object[]> LargeCases() =>
    [
        ["equal weights, T = 0.3 (degenerate: whole positions sold)", 0, 0.3],
        ["equal weights, T = 1", 0, 1.0],
        ["random weights, T = 0.25", 7, 0.25],
    ];

    [Theory]
    [MemberData(nameof(LargeCases))]
    public void Optimize_TurnoverLimitOn500Assets_IsKktOptimalAndBindsExactly(string label, int weightSeed, double limit)
    {
        const int n = 500;
        var u = MakeUniverse(n, seed: 1);
        var w0 = weightSeed == 0 ? EqualWeights(n) : RandomWeights(n, weightSeed);
        var c = Constraints(n, w0, limit);
        var set = ConstraintBuilder.Build(u.Assets, c, u.Info);

        var sol = MeanVarianceOptimizer.Optimize(null, u.Covariance, set, null, new MeanVarianceParameters { Objective = MeanVarianceObjective.MinVariance });
        Assert.True(sol.Converged, label);
        Assert.Equal(limit, Turnover(sol.Weights, w0), 9);

        // Certificate: the same QP solved directly returns multipliers that satisfy the KKT conditions at these
        // weights — which makes them optimal independently of how they were computed.
        var problem = BallProblem(u, set, 1.0, null);
        var r = AdmmQpSolver.Solve(problem);
        Assert.True(r.Polished, $"{label}: expected a KKT-exact solution");
        KktAssert.Optimal(problem, r, 1e-9, 1e-9);
        Assert.True(r.BallMultiplier > 1e-6, $"{label}: the turnover limit should bind (λ = {r.BallMultiplier})");
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(r.X[i], sol.Weights[i], 12);
        }
    }

    [Theory]
    [InlineData(MeanVarianceObjective.MinVariance, 0.2)]
    [InlineData(MeanVarianceObjective.MinVariance, 0.5)]
    [InlineData(MeanVarianceObjective.MaxUtility, 0.3)]
    [InlineData(MeanVarianceObjective.TargetReturn, 0.3)]
    public void Optimize_TurnoverLimit_MatchesExactSplitVariableReference(MeanVarianceObjective objective, double limit)
    {
        // n = 60: the split formulation (2n variables, 2n + 1 extra rows) is still small enough for the exact polish.
        const int n = 60;
        var u = MakeUniverse(n, seed: 3);
        var w0 = RandomWeights(n, 11);
        var c = Constraints(n, w0, limit);
        var set = ConstraintBuilder.Build(u.Assets, c, u.Info);
        var parameters = new MeanVarianceParameters { Objective = objective, TargetReturn = 0.075, RiskAversion = 4 };
        var sol = MeanVarianceOptimizer.Optimize(u.Mu, u.Covariance, set, null, parameters);

        var reference = SplitReference(u, set, objective, parameters);
        Assert.True(reference.Polished, "the reference must be KKT-exact");
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(reference.X[i], sol.Weights[i], 8);
        }

        Assert.True(Turnover(sol.Weights, w0) <= limit + 1e-10);
    }

    /// <summary>The pre-ball formulation: variables [w, t], t ≥ |w − w₀|, Σt ≤ T, no tie-break cost.</summary>
    private static QpResult SplitReference(Universe u, LinearConstraintSet set, MeanVarianceObjective objective, MeanVarianceParameters parameters)
    {
        int n = u.Assets.Length, total = 2 * n;
        double gamma = objective == MeanVarianceObjective.MaxUtility ? parameters.RiskAversion : 1;
        var p = new double[total * total];
        var q = new double[total];
        for (int i = 0; i < n; i++)
        {
            q[i] = objective == MeanVarianceObjective.MaxUtility ? -u.Mu[i] : 0;
            for (int j = 0; j < n; j++)
            {
                p[(i * total) + j] = gamma * u.Covariance[(i * n) + j];
            }
        }

        var ball = set.Turnover!;
        var rows = set.Rows.ToList();
        if (objective == MeanVarianceObjective.TargetReturn)
        {
            rows.Add(new LinearRow("targetReturn", Enumerable.Range(0, n).ToArray(), u.Mu, parameters.TargetReturn!.Value, double.PositiveInfinity));
        }

        for (int i = 0; i < n; i++)
        {
            rows.Add(new LinearRow("maxTurnover", [i, n + i], [1.0, -1.0], double.NegativeInfinity, ball.Center[i]));
            rows.Add(new LinearRow("maxTurnover", [i, n + i], [1.0, 1.0], ball.Center[i], double.PositiveInfinity));
        }

        rows.Add(new LinearRow("maxTurnover", Enumerable.Range(n, n).ToArray(), Enumerable.Repeat(1.0, n).ToArray(), double.NegativeInfinity, ball.Radius));
        return AdmmQpSolver.Solve(new QpProblem(total, p, q, rows));
    }

    [Fact]
    public void Optimize_TurnoverLimitThatDoesNotBind_EqualsTheUnlimitedSolution()
    {
        const int n = 100;
        var u = MakeUniverse(n, seed: 5);
        var w0 = EqualWeights(n);
        var free = MeanVarianceOptimizer.Optimize(null, u.Covariance, ConstraintBuilder.Build(u.Assets, Constraints(n, w0, 10) with { MaxTurnover = null, CurrentWeights = null }, u.Info), null, new MeanVarianceParameters());
        double needed = Turnover(free.Weights, w0);
        var sol = MeanVarianceOptimizer.Optimize(null, u.Covariance, ConstraintBuilder.Build(u.Assets, Constraints(n, w0, needed + 0.1), u.Info), null, new MeanVarianceParameters());
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(free.Weights[i], sol.Weights[i], 9);
        }
    }

    [Fact]
    public void Optimize_TurnoverTooSmallForTheCryptoCap_ThrowsNamingBoth()
    {
        // Equal weights hold 1/3 in CRYPTO; its cap of 0.2 needs at least 2 × 0.133 of turnover.
        const int n = 90;
        var u = MakeUniverse(n, seed: 9);
        var set = ConstraintBuilder.Build(u.Assets, Constraints(n, EqualWeights(n), 0.1), u.Info);
        var ex = Assert.Throws<OptimizationInfeasibleException>(() => MeanVarianceOptimizer.Optimize(null, u.Covariance, set, null, new MeanVarianceParameters()));
        Assert.Contains("maxTurnover", ex.Constraints);
        Assert.Contains("assetClassBounds.CRYPTO.max", ex.Constraints);
        Assert.Contains("maxTurnover", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_TurnoverWithMinDiversification_SatisfiesBoth()
    {
        // minDiversification runs a multiplier search of warm-started QPs, all carrying the ball.
        const int n = 40;
        var u = MakeUniverse(n, seed: 13);
        var w0 = RandomWeights(n, 17);
        var c = Constraints(n, w0, 0.4) with { MinDiversification = 30 };
        var set = ConstraintBuilder.Build(u.Assets, c, u.Info);
        var sol = MeanVarianceOptimizer.Optimize(u.Mu, u.Covariance, set, 30, new MeanVarianceParameters { Objective = MeanVarianceObjective.MaxUtility });
        Assert.True(1 / sol.Weights.Sum(w => w * w) >= 30 - 1e-9);
        Assert.True(Turnover(sol.Weights, w0) <= 0.4 + 1e-9);
        Assert.Equal(1.0, sol.Weights.Sum(), 10);
    }

    [Fact]
    public void Optimize_MaxSharpeWithTurnover_RespectsTheLimit()
    {
        // MaxSharpe's homogenised model keeps the split variables (the ball becomes a cone there).
        const int n = 30;
        var u = MakeUniverse(n, seed: 21);
        var w0 = RandomWeights(n, 23);
        var set = ConstraintBuilder.Build(u.Assets, Constraints(n, w0, 0.3), u.Info);
        var sol = MeanVarianceOptimizer.Optimize(u.Mu, u.Covariance, set, null, new MeanVarianceParameters { Objective = MeanVarianceObjective.MaxSharpe });
        Assert.True(Turnover(sol.Weights, w0) <= 0.3 + 1e-7);
        Assert.Equal(1.0, sol.Weights.Sum(), 9);
        Assert.All(sol.Weights, w => Assert.True(w >= -1e-9 && w <= (10.0 / n) + 1e-9));
    }

    [Theory]
    [InlineData(30, 21, 0.3)]
    [InlineData(40, 5, 0.1)]
    [InlineData(25, 8, 1.0)]
    public void Optimize_MaxSharpeWithTurnover_ParametricEqualsTheHomogenisedSplitModel(int n, int seed, double limit)
    {
        var u = MakeUniverse(n, seed);
        var w0 = RandomWeights(n, seed + 2);
        var set = ConstraintBuilder.Build(u.Assets, Constraints(n, w0, limit), u.Info);
        var fast = MeanVarianceOptimizer.Optimize(u.Mu, u.Covariance, set, null, new MeanVarianceParameters { Objective = MeanVarianceObjective.MaxSharpe });
        var reference = MeanVarianceOptimizer.MaxSharpeSplitReference(u.Mu, u.Covariance, set, 0, QpSettings.Default);
        double Sharpe(IReadOnlyList<double> w)
        {
            double e = 0, v = 0;
            for (int i = 0; i < n; i++)
            {
                e += u.Mu[i] * w[i];
                for (int j = 0; j < n; j++)
                {
                    v += w[i] * u.Covariance[(i * n) + j] * w[j];
                }
            }

            return e / Math.Sqrt(v);
        }

        Assert.True(fast.Converged);
        Assert.Equal(Sharpe(reference.Weights), Sharpe(fast.Weights), 9);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(reference.Weights[i], fast.Weights[i], 6);
        }

        Assert.True(Turnover(fast.Weights, w0) <= limit + 1e-9);
        Assert.Equal(1.0, fast.Weights.Sum(), 12);
    }
}
