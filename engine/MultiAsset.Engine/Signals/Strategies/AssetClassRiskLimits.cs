using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Signals.Strategies;

/// <summary>
/// Risk limits of one asset class (the seed's <c>assetClassLimits[assetClass]</c>). Each limit is optional (null =
/// not set). Percentages as in the seed: 20 means 20 %.
/// </summary>
public sealed record AssetClassRiskLimits
{
    /// <summary>The asset class the limits apply to.</summary>
    public required AssetClass AssetClass { get; init; }

    /// <summary>Highest weight of the class, percent in [0, 100].</summary>
    public double? MaxAllocation { get; init; }

    /// <summary>Largest tolerated drawdown, percent in (0, 100].</summary>
    public double? MaxDrawdown { get; init; }

    /// <summary>Highest gross leverage, a multiple (&gt; 0; 1 = unlevered).</summary>
    public double? MaxLeverage { get; init; }

    /// <summary>Loss from entry that stops a position out, percent in (0, 100].</summary>
    public double? StopLossThreshold { get; init; }
}
