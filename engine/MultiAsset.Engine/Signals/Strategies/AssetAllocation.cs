using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Signals.Strategies;

/// <summary>
/// One asset class's share of a strategy (the seed's <c>AssetAllocation</c>). Weights are percentages as in the
/// seed: 30 means 30 %.
/// </summary>
public sealed record AssetAllocation
{
    /// <summary>The asset class.</summary>
    public required AssetClass AssetClass { get; init; }

    /// <summary>Target weight, percent, in [<see cref="MinWeight"/>, <see cref="MaxWeight"/>].</summary>
    public required double TargetWeight { get; init; }

    /// <summary>Lowest allowed weight, percent.</summary>
    public required double MinWeight { get; init; }

    /// <summary>Highest allowed weight, percent.</summary>
    public required double MaxWeight { get; init; }

    /// <summary>
    /// Drift from target (percentage points) that triggers a rebalance; null when the document gives none (the
    /// seed's examples omit it, so it is optional).
    /// </summary>
    public double? RebalanceThreshold { get; init; }
}
