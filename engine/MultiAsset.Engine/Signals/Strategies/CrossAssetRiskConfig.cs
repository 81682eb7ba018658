namespace MultiAsset.Engine.Signals.Strategies;

/// <summary>
/// A strategy's <c>riskParameters</c> (the seed's <c>CrossAssetRiskConfig</c>). The seed does not spell this type
/// out; the fields typed here are the per-asset-class limits of its <c>CrossAssetRiskManager.assetClassLimits</c>:
/// <c>{ "assetClassLimits": { "CRYPTO": { "maxAllocation": 40, "maxDrawdown": 25, "maxLeverage": 1, "stopLossThreshold": 10 } } }</c>.
/// </summary>
public sealed record CrossAssetRiskConfig
{
    /// <summary>No limits (a document without <c>riskParameters</c>).</summary>
    public static CrossAssetRiskConfig None { get; } = new();

    /// <summary>Limits per asset class, in document order; empty when none are given.</summary>
    public IReadOnlyList<AssetClassRiskLimits> AssetClassLimits { get; init; } = [];
}
