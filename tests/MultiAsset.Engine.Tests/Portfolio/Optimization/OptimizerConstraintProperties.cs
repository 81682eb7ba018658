using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Portfolio.Optimization.Contract;

namespace MultiAsset.Engine.Tests.Portfolio.Optimization;

/// <summary>
/// Whatever the (feasible) problem, the optimiser's weights respect every constraint it was given: budget, long-only,
/// per-asset, per-sector and per-asset-class caps — and are never NaN.
/// </summary>
public class OptimizerConstraintProperties
{
    private const double Tolerance = 1e-6;
    private static readonly string[] Classes = ["STOCK", "FOREX", "CRYPTO"];
    private static readonly string[] Sectors = ["Tech", "Energy", "Rates", "Digital"];

    [Property(MaxTest = 40)]
    public Property ConstrainedWeights_RespectEveryLimit(int seed, byte sizeByte, bool maxSharpe)
    {
        var n = 6 + (sizeByte % 20);
        var random = new Random(seed);
        var request = RandomRequest(n, random, maxSharpe ? "MaxSharpe" : "MinVariance");
        var constraints = request.Constraints!;
        var response = new PortfolioOptimizationService().Optimize(request);
        var weights = request.Assets!.Select(a => response.Weights[a]).ToArray();

        var sectorSums = request.Assets!.GroupBy(a => request.AssetInfo![a].Sector).Select(g => g.Sum(a => response.Weights[a]));
        var cryptoSum = request.Assets!.Where(a => request.AssetInfo![a].AssetClass == "CRYPTO").Sum(a => response.Weights[a]);
        return (weights.All(double.IsFinite)
                && Math.Abs(weights.Sum() - 1) <= Tolerance
                && weights.All(w => w >= -Tolerance)
                && weights.All(w => w <= constraints.MaxAssetWeight!.Value + Tolerance)
                && sectorSums.All(s => s <= constraints.MaxSectorWeight!.Value + Tolerance)
                && cryptoSum <= constraints.AssetClassBounds!["CRYPTO"].Max!.Value + Tolerance)
            .ToProperty()
            .Label($"n={n} weights=[{string.Join(", ", weights.Select(w => w.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))}]");
    }

    /// <summary>A factor-model covariance and limits loose enough to be feasible (caps × groups ≥ 1).</summary>
    private static OptimizeRequest RandomRequest(int n, Random random, string objective)
    {
        var loadings = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, 3).Select(_ => (random.NextDouble() - 0.3) * 0.2).ToArray()).ToArray();
        var covariance = Enumerable.Range(0, n).Select(i => (IReadOnlyList<double>)Enumerable.Range(0, n)
            .Select(j => loadings[i].Zip(loadings[j], (a, b) => a * b).Sum() + (i == j ? 0.005 + (random.NextDouble() * 0.05) : 0))
            .ToArray()).ToArray();
        var assets = Enumerable.Range(0, n).Select(i => $"A{i}").ToArray();
        return new OptimizeRequest
        {
            OptimizationMethod = "MeanVariance",
            Objective = objective,
            Assets = assets,
            ExpectedReturns = assets.Select(_ => 0.03 + (random.NextDouble() * 0.1)).ToArray(),
            Covariance = covariance,
            RiskFreeRate = 0.01,
            AssetInfo = assets.Select((a, i) => (a, i)).ToDictionary(
                x => x.a,
                x => new OptimizeAssetInfo { AssetClass = Classes[x.i % Classes.Length], Sector = Sectors[x.i % Sectors.Length], Country = "US" }),
            Constraints = new OptimizeConstraints
            {
                LongOnly = true,
                MaxAssetWeight = Math.Max(1.5 / n, 0.1 + (random.NextDouble() * 0.3)),
                MaxSectorWeight = 0.4 + (random.NextDouble() * 0.3),
                AssetClassBounds = new Dictionary<string, OptimizeBand> { ["CRYPTO"] = new() { Min = 0, Max = 0.05 + (random.NextDouble() * 0.25) } },
            },
        };
    }
}
