using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Backtest.Attribution;

/// <summary>
/// One segment (asset class, or cash) of a Brinson–Fachler attribution for one period. Weights and returns are
/// fractions (0.25 = 25 %); the weights of all segments of a side must sum to 1, so uninvested cash is a segment of
/// its own (with its return, 0 if it earned nothing).
/// </summary>
/// <param name="Segment">Segment name: the asset class's seed name (STOCK, FOREX, CRYPTO) or e.g. "CASH".</param>
/// <param name="PortfolioWeight">w_p: the portfolio's weight in the segment at the start of the period.</param>
/// <param name="BenchmarkWeight">w_b: the benchmark's (or the strategy's target allocation's) weight.</param>
/// <param name="PortfolioReturn">r_p: the portfolio's return inside the segment over the period.</param>
/// <param name="BenchmarkReturn">r_b: the benchmark's return inside the segment over the period.</param>
public sealed record BrinsonSegment(string Segment, double PortfolioWeight, double BenchmarkWeight, double PortfolioReturn, double BenchmarkReturn)
{
    /// <summary>A segment named after an asset class (its seed name).</summary>
    public static BrinsonSegment ForAssetClass(AssetClass assetClass, double portfolioWeight, double benchmarkWeight, double portfolioReturn, double benchmarkReturn) =>
        new(AssetClassNames.ToSeedName(assetClass), portfolioWeight, benchmarkWeight, portfolioReturn, benchmarkReturn);
}
