namespace MultiAsset.Engine.Model.Events;

/// <summary>
/// The risk gate's decision on an order, with the reason code of a rejection. Counted per reason and reported:
/// never renumber (append new reasons at the end).
/// </summary>
public enum RiskVerdict : byte
{
    /// <summary>Not yet checked.</summary>
    Pending = 0,

    /// <summary>Passed every check.</summary>
    Accepted = 1,

    /// <summary>Quantity above the per-order maximum.</summary>
    MaxQuantity = 2,

    /// <summary>Notional above the per-order maximum.</summary>
    MaxNotional = 3,

    /// <summary>Price outside the collar around the current mid (fat finger).</summary>
    PriceCollar = 4,

    /// <summary>The resulting position would exceed the per-instrument limit.</summary>
    PositionLimit = 5,

    /// <summary>The account's loss today is beyond the daily loss limit.</summary>
    DailyLossLimit = 6,

    /// <summary>Too many orders in the throttle window.</summary>
    OrderRate = 7,

    /// <summary>Same order as one just sent (same account, instrument, side, quantity within the duplicate window).</summary>
    Duplicate = 8,

    /// <summary>The instrument's market is closed.</summary>
    MarketClosed = 9,

    /// <summary>The account's or the global kill switch is on.</summary>
    KillSwitch = 10,

    /// <summary>The asset class would exceed its <c>maxAllocation</c> of the account.</summary>
    MaxAllocation = 11,

    /// <summary>The account's drawdown is beyond <c>maxDrawdown</c>.</summary>
    MaxDrawdown = 12,

    /// <summary>Gross exposure would exceed <c>maxLeverage</c> × equity.</summary>
    MaxLeverage = 13,

    /// <summary>No current price for the instrument (cannot value or collar the order).</summary>
    NoPrice = 14,

    /// <summary>Quantity is zero, negative or not a whole number of lots, or the notional is below the minimum.</summary>
    InvalidQuantity = 15,

    /// <summary>Not enough cash in the account (cash account, no margin).</summary>
    InsufficientFunds = 16,

    /// <summary>The market is closed and the order is held until it opens (not a rejection: it is released later).</summary>
    HeldUntilOpen = 17,

    /// <summary>
    /// The strategy's exposure in the order's asset class would exceed its document's <c>riskParameters</c>
    /// <c>maxAllocation</c> (percent of the strategy's capital = its capital share × account equity).
    /// </summary>
    StrategyMaxAllocation = 18,

    /// <summary>The strategy's exposure in the class would exceed its document's <c>maxLeverage</c> × the strategy's capital.</summary>
    StrategyMaxLeverage = 19,

    /// <summary>The strategy's P&amp;L in the class is below its peak by at least its document's <c>maxDrawdown</c> percent of its capital.</summary>
    StrategyMaxDrawdown = 20,

    /// <summary>
    /// A stage failed while handling the order (an exception in coordination, the risk stage or its hooks, or the router):
    /// the order is refused and handed back to its owner like any other refusal, so nothing is lost and the working
    /// ledgers stay consistent. Counted per account; a non-zero count is a bug to look at.
    /// </summary>
    StageFault = 21,

    /// <summary>
    /// The account's value-at-risk after the order would exceed its <c>varLimit</c> budget (VaR + working VaR + the
    /// order's incremental VaR &gt; budget, the incremental being positive), or the order would add risk the engine cannot
    /// estimate under a budget (instrument outside the covariance universe or without variance yet, covariance still
    /// warming up, a held position not covered or without a price). See <c>Risk/VarBudget.cs</c>.
    /// </summary>
    VarLimit = 22,
}
