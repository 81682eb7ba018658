using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// The limits one section of risk.json sets (null = not set here), before resolution. Sections are overlaid from the
/// least to the most specific; see <see cref="RiskConfigReader"/> for the order.
/// </summary>
internal sealed class RiskOverrides
{
    // Account-wide (only in "global" and "accounts.<name>").
    public RiskRatio? MaxLeverage { get; set; }

    public RiskRatio? MaxDrawdown { get; set; }

    public Money? DailyLossLimit { get; set; }

    public (int MaxOrders, long WindowNanos)? OrderRate { get; set; }

    public long? DuplicateWindowNanos { get; set; }

    public ClosedMarketPolicy? ClosedMarket { get; set; }

    public bool? CashOnly { get; set; }

    public StopLossBasis? StopLossBasis { get; set; }

    /// <summary>The section's <c>varLimit</c>: a budget, <c>default</c> for "off", null when not given.</summary>
    public VarLimit? Var { get; set; }

    // Per class (only in "assetClasses.<CLASS>").
    public RiskRatio? MaxAllocation { get; set; }

    public RiskRatio? StopLossThreshold { get; set; }

    // Per order and position (at every level).
    public Quantity? MaxOrderQuantity { get; set; }

    public Money? MaxOrderNotional { get; set; }

    public RiskRatio? PriceCollar { get; set; }

    public Quantity? PositionLimitQuantity { get; set; }

    public Money? PositionLimitNotional { get; set; }

    /// <summary>The <c>assetClasses</c> sections by class, or null where absent.</summary>
    public RiskOverrides?[] Classes { get; } = new RiskOverrides?[RiskLimits.AssetClassCount];

    /// <summary>The <c>instruments</c> sections by instrument id.</summary>
    public Dictionary<int, RiskOverrides> Instruments { get; } = [];

    /// <summary>This section's account-wide settings laid over <paramref name="limits"/>.</summary>
    public AccountRiskLimits OverlayAccount(AccountRiskLimits limits) => limits with
    {
        MaxLeverage = MaxLeverage ?? limits.MaxLeverage,
        MaxDrawdown = MaxDrawdown ?? limits.MaxDrawdown,
        DailyLossLimit = DailyLossLimit ?? limits.DailyLossLimit,
        MaxOrdersPerWindow = OrderRate?.MaxOrders ?? limits.MaxOrdersPerWindow,
        OrderRateWindowNanos = OrderRate?.WindowNanos ?? limits.OrderRateWindowNanos,
        DuplicateWindowNanos = DuplicateWindowNanos ?? limits.DuplicateWindowNanos,
        ClosedMarket = ClosedMarket ?? limits.ClosedMarket,
        CashOnly = CashOnly ?? limits.CashOnly,
        StopLossBasis = StopLossBasis ?? limits.StopLossBasis,
        Var = Var ?? limits.Var,
    };

    /// <summary>This (class) section's seed limits laid over <paramref name="limits"/>.</summary>
    public ClassRiskLimits OverlayClass(ClassRiskLimits limits) => limits with
    {
        MaxAllocation = MaxAllocation ?? limits.MaxAllocation,
        MaxDrawdown = MaxDrawdown ?? limits.MaxDrawdown,
        MaxLeverage = MaxLeverage ?? limits.MaxLeverage,
        StopLossThreshold = StopLossThreshold ?? limits.StopLossThreshold,
    };

    /// <summary>This section's order and position limits laid over <paramref name="limits"/>.</summary>
    public InstrumentRiskLimits OverlayInstrument(InstrumentRiskLimits limits) => limits with
    {
        MaxOrderQuantity = MaxOrderQuantity ?? limits.MaxOrderQuantity,
        MaxOrderNotional = MaxOrderNotional ?? limits.MaxOrderNotional,
        PriceCollar = PriceCollar ?? limits.PriceCollar,
        PositionLimitQuantity = PositionLimitQuantity ?? limits.PositionLimitQuantity,
        PositionLimitNotional = PositionLimitNotional ?? limits.PositionLimitNotional,
    };
}
