namespace MultiAsset.Engine.Risk;

/// <summary>
/// The resolved limits of one asset class in one account: the seed's <c>assetClassLimits[class]</c> (maxAllocation,
/// maxDrawdown, maxLeverage, stopLossThreshold; percentages in risk.json as in the seed, leverage a multiple).
/// </summary>
public readonly record struct ClassRiskLimits
{
    /// <summary>Nothing limited.</summary>
    public static ClassRiskLimits Unlimited { get; } = new()
    {
        MaxAllocation = RiskRatio.Unlimited,
        MaxDrawdown = RiskRatio.Unlimited,
        MaxLeverage = RiskRatio.Unlimited,
        StopLossThreshold = RiskRatio.Unlimited,
    };

    /// <summary>Highest exposure of the class (filled + working + the order) as a fraction of the account's equity.</summary>
    public RiskRatio MaxAllocation { get; init; }

    /// <summary>Class-sleeve drawdown (<see cref="IRiskAccountView.Drawdown(Model.AccountId, Model.AssetClass)"/>) at which exposure-increasing orders in the class stop.</summary>
    public RiskRatio MaxDrawdown { get; init; }

    /// <summary>Highest exposure of the class as a multiple of the account's equity (checked after <see cref="MaxAllocation"/>).</summary>
    public RiskRatio MaxLeverage { get; init; }

    /// <summary>Loss of the class, as a fraction of its cost basis, at which <see cref="StopLossMonitor"/> closes the class.</summary>
    public RiskRatio StopLossThreshold { get; init; }
}
