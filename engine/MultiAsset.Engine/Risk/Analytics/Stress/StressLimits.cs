using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Risk.Analytics.Stress;

/// <summary>
/// The seed's <c>assetClassLimits[class]</c> for a stress check, as fractions (0.4 = 40 %) and multiples (2 = 2×); null =
/// not limited. Same meaning as <see cref="ClassRiskLimits"/>.
/// </summary>
public sealed record StressClassLimits
{
    /// <summary>Highest class gross exposure ÷ account equity (breached when the stressed value is above it).</summary>
    public decimal? MaxAllocation { get; init; }

    /// <summary>Class sleeve drawdown as a fraction of peak equity (breached when reached).</summary>
    public decimal? MaxDrawdown { get; init; }

    /// <summary>Highest class gross exposure as a multiple of equity (breached when above).</summary>
    public decimal? MaxLeverage { get; init; }

    /// <summary>Class loss as a fraction of its cost basis (breached when reached).</summary>
    public decimal? StopLossThreshold { get; init; }
}

/// <summary>
/// The limits a stressed account is checked against: account-wide (as <see cref="AccountRiskLimits"/>, plus a gross
/// exposure cap) and per asset class. Ratios are fractions/multiples; money in the account's base currency.
/// </summary>
public sealed record StressLimits
{
    /// <summary>Highest gross exposure ÷ equity (breached when above; any exposure with equity ≤ 0 breaches).</summary>
    public decimal? MaxLeverage { get; init; }

    /// <summary>Drawdown from peak equity as a fraction of the peak (breached when reached).</summary>
    public decimal? MaxDrawdown { get; init; }

    /// <summary>Highest gross exposure in the base currency (breached when above).</summary>
    public decimal? MaxGrossExposure { get; init; }

    /// <summary>Loss since the start of the day (positive amount) at which trading stops (breached when reached).</summary>
    public decimal? DailyLossLimit { get; init; }

    /// <summary>Per asset class limits.</summary>
    public IReadOnlyDictionary<AssetClass, StressClassLimits> Classes { get; init; } = new Dictionary<AssetClass, StressClassLimits>();

    /// <summary>
    /// The limits of <paramref name="account"/> in a risk configuration (unlimited entries become null; the gross exposure
    /// cap, which risk.json does not have, stays null unless given).
    /// </summary>
    public static StressLimits FromRiskConfig(RiskConfig config, AccountId account, decimal? maxGrossExposure = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var limits = config.Account(account);
        var classes = new Dictionary<AssetClass, StressClassLimits>();
        foreach (var assetClass in Enum.GetValues<AssetClass>())
        {
            var c = config.Class(account, assetClass);
            var converted = new StressClassLimits
            {
                MaxAllocation = Fraction(c.MaxAllocation),
                MaxDrawdown = Fraction(c.MaxDrawdown),
                MaxLeverage = Fraction(c.MaxLeverage),
                StopLossThreshold = Fraction(c.StopLossThreshold),
            };
            if (converted.MaxAllocation is not null || converted.MaxDrawdown is not null || converted.MaxLeverage is not null || converted.StopLossThreshold is not null)
            {
                classes[assetClass] = converted;
            }
        }

        return new StressLimits
        {
            MaxLeverage = Fraction(limits.MaxLeverage),
            MaxDrawdown = Fraction(limits.MaxDrawdown),
            MaxGrossExposure = maxGrossExposure,
            DailyLossLimit = limits.DailyLossLimit.Raw == long.MaxValue ? null : FixedPoint.ToDecimal(limits.DailyLossLimit.Raw),
            Classes = classes,
        };
    }

    private static decimal? Fraction(RiskRatio ratio) => ratio.IsUnlimited ? null : ratio.PartsPerMillion / (decimal)RiskRatio.One;
}
