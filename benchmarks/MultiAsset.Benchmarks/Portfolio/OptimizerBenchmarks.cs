using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.Portfolio.Optimization;
using MultiAsset.Engine.Portfolio.Optimization.Contract;
using MultiAsset.Engine.Portfolio.Optimization.Qp;

namespace MultiAsset.Benchmarks.Portfolio;

/// <summary>
/// The portfolio optimiser through its public request contract (what <c>POST /api/multi-asset/optimize</c> will
/// call), on random factor-model covariances: constrained mean-variance on 500 assets, without and with a turnover
/// limit, MaxUtility and MaxSharpe with a turnover limit (targets &lt; 100 ms), equal risk contribution on 500 assets (&lt; 50 ms), Black–Litterman with 50 assets and 10
/// views (&lt; 5 ms). Off the hot path: allocation is expected and reported only for information.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class OptimizerBenchmarks
{
    private static readonly string[] Classes = ["STOCK", "FOREX", "CRYPTO"];
    private static readonly string[] Sectors = ["Technology", "Financials", "Energy", "Health Care", "Industrials", "Currency", "Digital Assets"];
    private static readonly string[] Countries = ["US", "GB", "DE", "JP", "Global"];

    private readonly PortfolioOptimizationService service = new();
    private OptimizeRequest meanVariance = null!;
    private OptimizeRequest meanVarianceTurnover = null!;
    private OptimizeRequest utilityTurnover = null!;
    private OptimizeRequest sharpeTurnover = null!;
    private OptimizeRequest riskParity = null!;
    private OptimizeRequest blackLitterman = null!;

    [GlobalSetup]
    public void Setup()
    {
        var large = RandomProblem(500, seed: 1);
        meanVariance = large with
        {
            OptimizationMethod = "MeanVariance",
            Objective = "MinVariance",
            Constraints = new OptimizeConstraints
            {
                LongOnly = true,
                MaxAssetWeight = 0.02,
                MaxSectorWeight = 0.3,
                MaxCountryWeight = 0.5,
                AssetClassBounds = new Dictionary<string, OptimizeBand> { ["CRYPTO"] = new() { Min = 0, Max = 0.2 } },
            },
        };
        // Rebalancing an equal-weight book (CRYPTO over its cap) with 30% turnover: the limit binds and whole
        // positions are sold (a degenerate active set: the turnover row depends on the budget row).
        var turnover = meanVariance.Constraints! with { MaxTurnover = 0.3, CurrentWeights = Enumerable.Repeat(1.0 / 500, 500).ToArray() };
        meanVarianceTurnover = meanVariance with { Constraints = turnover };
        utilityTurnover = meanVariance with { Objective = "MaxUtility", RiskAversion = 2.5, Constraints = turnover };
        sharpeTurnover = meanVariance with { Objective = "MaxSharpe", RiskFreeRate = 0.0, Constraints = turnover };
        riskParity = large with { OptimizationMethod = "RiskParity" };
        var small = RandomProblem(50, seed: 2);
        var random = new Random(3);
        blackLitterman = small with
        {
            OptimizationMethod = "BlackLitterman",
            MarketWeights = Enumerable.Repeat(1.0 / 50, 50).ToArray(),
            RiskAversion = 2.5,
            Tau = 0.05,
            Views = Enumerable.Range(0, 10).Select(v => new OptimizeView
            {
                Weights = new Dictionary<string, double> { [small.Assets![v * 5]] = 1, [small.Assets[(v * 5) + 1]] = -1 },
                ExpectedReturn = 0.01 + (random.NextDouble() * 0.04),
                Confidence = 0.3 + (random.NextDouble() * 0.6),
            }).ToArray(),
        };
    }

    [Benchmark(Description = "MeanVariance MinVariance, 500 assets, asset/sector/country/class constraints")]
    public double MeanVariance500() => service.Optimize(meanVariance).Volatility;

    [Benchmark(Description = "MeanVariance MinVariance, 500 assets, same constraints + maxTurnover 0.3")]
    public double MeanVarianceTurnover500() => service.Optimize(meanVarianceTurnover).Volatility;

    [Benchmark(Description = "MeanVariance MaxUtility, 500 assets, same constraints + maxTurnover 0.3")]
    public double MaxUtilityTurnover500() => service.Optimize(utilityTurnover).Volatility;

    [Benchmark(Description = "MeanVariance MaxSharpe, 500 assets, same constraints + maxTurnover 0.3")]
    public double MaxSharpeTurnover500() => service.Optimize(sharpeTurnover).Volatility;

    /// <summary>The split-variable homogenised model MaxSharpe used before (2n + 1 variables): the yardstick of the parametric search.</summary>
    [Benchmark(Description = "MaxSharpe + maxTurnover 0.3, 500 assets, the former split-variable model (reference)")]
    public double MaxSharpeTurnoverSplitReference500()
    {
        var assets = sharpeTurnover.Assets!;
        var info = assets.Select(a => (AssetInfo?)new AssetInfo(sharpeTurnover.AssetInfo![a].AssetClass, sharpeTurnover.AssetInfo[a].Sector, sharpeTurnover.AssetInfo[a].Country)).ToList();
        var c = sharpeTurnover.Constraints!;
        var set = ConstraintBuilder.Build(assets, new PortfolioConstraints
        {
            LongOnly = true,
            MaxAssetWeight = c.MaxAssetWeight,
            MaxSectorWeight = c.MaxSectorWeight,
            MaxCountryWeight = c.MaxCountryWeight,
            AssetClassBounds = c.AssetClassBounds!.ToDictionary(kv => kv.Key, kv => new WeightBand(kv.Value.Min, kv.Value.Max)),
            MaxTurnover = c.MaxTurnover,
            CurrentWeights = c.CurrentWeights,
        }, info);
        var cov = sharpeTurnover.Covariance!.SelectMany(r => r).ToArray();
        return MeanVarianceOptimizer.MaxSharpeSplitReference(sharpeTurnover.ExpectedReturns!, cov, set, sharpeTurnover.RiskFreeRate ?? 0, QpSettings.Default).Weights[0];
    }

    [Benchmark(Description = "RiskParity (ERC), 500 assets")]
    public double RiskParity500() => service.Optimize(riskParity).Volatility;

    [Benchmark(Description = "BlackLitterman, 50 assets, 10 views")]
    public double BlackLitterman50() => service.Optimize(blackLitterman).Volatility;

    /// <summary>Σ = B Bᵀ + D with 5 factors: positive definite with realistic correlation structure.</summary>
    private static OptimizeRequest RandomProblem(int n, int seed)
    {
        var random = new Random(seed);
        const int factors = 5;
        var loadings = new double[n, factors];
        for (var i = 0; i < n; i++)
        {
            for (var f = 0; f < factors; f++)
            {
                loadings[i, f] = (random.NextDouble() - 0.3) * 0.15;
            }
        }

        var covariance = new double[n][];
        for (var i = 0; i < n; i++)
        {
            covariance[i] = new double[n];
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var f = 0; f < factors; f++)
                {
                    sum += loadings[i, f] * loadings[j, f];
                }

                covariance[i][j] = sum + (i == j ? 0.01 + (random.NextDouble() * 0.04) : 0);
            }
        }

        var assets = Enumerable.Range(0, n).Select(i => $"A{i:D3}").ToArray();
        return new OptimizeRequest
        {
            Assets = assets,
            ExpectedReturns = Enumerable.Range(0, n).Select(_ => 0.02 + (random.NextDouble() * 0.1)).ToArray(),
            Covariance = covariance,
            RiskFreeRate = 0.02,
            AssetInfo = assets.Select((a, i) => (a, i)).ToDictionary(
                x => x.a,
                x => new OptimizeAssetInfo { AssetClass = Classes[x.i % 3], Sector = Sectors[x.i % Sectors.Length], Country = Countries[x.i % Countries.Length] }),
        };
    }
}
