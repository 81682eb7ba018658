using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// The resolved account-wide limits and policies of one account (risk.json's <c>global</c> overlaid with the account's
/// own section). Every limit is inclusive: an account may sit exactly at it, not beyond.
/// </summary>
public readonly record struct AccountRiskLimits
{
    /// <summary>Nothing limited, markets closed → reject, no throttle, no duplicate check, margin allowed, stop from entry.</summary>
    public static AccountRiskLimits Unlimited { get; } = new()
    {
        MaxLeverage = RiskRatio.Unlimited,
        MaxDrawdown = RiskRatio.Unlimited,
        DailyLossLimit = RiskLimits.NoMoneyLimit,
    };

    /// <summary>Highest gross exposure (filled + working + the order) as a multiple of equity (<c>maxLeverage</c>).</summary>
    public RiskRatio MaxLeverage { get; init; }

    /// <summary>Account drawdown from peak equity at which exposure-increasing orders stop (<c>maxDrawdown</c>, percent in risk.json).</summary>
    public RiskRatio MaxDrawdown { get; init; }

    /// <summary>Loss today (base currency) at which exposure-increasing orders stop (<c>dailyLossLimit</c>); <see cref="RiskLimits.NoMoneyLimit"/> when none.</summary>
    public Money DailyLossLimit { get; init; }

    /// <summary>Most orders accepted in any <see cref="OrderRateWindowNanos"/> (<c>orderRate.maxOrders</c>); 0 = no throttle.</summary>
    public int MaxOrdersPerWindow { get; init; }

    /// <summary>Length of the sliding throttle window in nanoseconds (<c>orderRate.window</c>).</summary>
    public long OrderRateWindowNanos { get; init; }

    /// <summary>How long an accepted order blocks an identical one, in nanoseconds (<c>duplicateWindow</c>); 0 = no check.</summary>
    public long DuplicateWindowNanos { get; init; }

    /// <summary>What happens to orders while the instrument's market is closed (<c>closedMarket</c>).</summary>
    public ClosedMarketPolicy ClosedMarket { get; init; }

    /// <summary>A cash account (<c>cashOnly</c>): buys need available cash and sells may not open or grow a short.</summary>
    public bool CashOnly { get; init; }

    /// <summary>What the classes' stop-loss thresholds are measured from (<c>stopLossBasis</c>).</summary>
    public StopLossBasis StopLossBasis { get; init; }

    /// <summary>The pre-trade VaR budget (<c>varLimit</c>); <c>default</c> (unset) = no VaR check.</summary>
    public VarLimit Var { get; init; }
}
