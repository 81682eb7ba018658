using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Routing.Orders;

/// <summary>
/// One parent order in the <see cref="OrderLedger"/>: what was asked, what the gate said, what filled. Prices in the
/// instrument's quote currency (raw fixed point, 10⁻⁸), quantities in units (raw, 10⁻⁸), fees in quote currency (positive =
/// paid); times are event time (Unix ns). An unmanaged struct in a preallocated table: updating it allocates nothing.
/// </summary>
public struct LedgerOrder
{
    /// <summary>Engine order id (coordination's, dense from 1).</summary>
    public long OrderId;

    /// <summary>The input sequence (journal record) whose event led to the order: an operator batch's command.</summary>
    public long SourceSequence;

    /// <summary>Account it trades in.</summary>
    public AccountId Account;

    /// <summary>Deciding strategy (<see cref="StrategyId.None"/> for an operator's order).</summary>
    public StrategyId Strategy;

    /// <summary>What it trades.</summary>
    public InstrumentId Instrument;

    /// <summary>Buy or sell.</summary>
    public OrderSide Side;

    /// <summary>Market, limit or IOC.</summary>
    public OrderType Type;

    /// <summary>How long it works.</summary>
    public TimeInForce TimeInForce;

    /// <summary>How the router works it.</summary>
    public ExecutionAlgorithm Algorithm;

    /// <summary>Why it exists (from the intent).</summary>
    public IntentReason Reason;

    /// <summary>Where it is in its life.</summary>
    public OrderStatus Status;

    /// <summary>The risk gate's last verdict (a refusal's reason).</summary>
    public RiskVerdict Verdict;

    /// <summary>Why it ended other than by filling.</summary>
    public OrderEndReason EndReason;

    /// <summary>True once it entered the ledger's finished queue (it may be evicted from then on).</summary>
    public bool Finished;

    /// <summary>Ordered quantity (raw).</summary>
    public long QuantityRaw;

    /// <summary>Limit price of a limit or IOC order (raw); 0 for a market order.</summary>
    public long LimitPriceRaw;

    /// <summary>Filled quantity (raw).</summary>
    public long FilledRaw;

    /// <summary>Σ fill quantity × price (raw × raw, 10¹⁶): the average price is this / <see cref="FilledRaw"/>.</summary>
    public Int128 FilledNotionalRaw;

    /// <summary>Σ fees (raw, quote currency; negative for net rebates).</summary>
    public long FeesRaw;

    /// <summary>Child orders sent to venues.</summary>
    public int Children;

    /// <summary>Fills reported.</summary>
    public int Fills;

    /// <summary>When it was decided (the order event's time).</summary>
    public long CreatedTime;

    /// <summary>Last change.</summary>
    public long UpdatedTime;

    /// <summary>Held until open: when the gate checks it again (the instrument's next open); 0 otherwise.</summary>
    public long ReleaseTime;

    /// <summary>Day orders: the close of the session at which it expires; 0 otherwise.</summary>
    public long ExpireTime;

    /// <summary>When it was filled, refused, cancelled or expired; 0 while open.</summary>
    public long DoneTime;

    /// <summary>Average fill price (raw), or 0 without fills.</summary>
    public readonly long AveragePriceRaw => FilledRaw > 0 ? (long)(FilledNotionalRaw / FilledRaw) : 0;
}

/// <summary>Where a child order is at its venue.</summary>
public enum ChildStatus : byte
{
    /// <summary>Sent, no report yet.</summary>
    Sent = 0,

    /// <summary>The venue acknowledged it.</summary>
    Acked = 1,

    /// <summary>Part of it filled.</summary>
    PartiallyFilled = 2,

    /// <summary>All of it filled.</summary>
    Filled = 3,

    /// <summary>Its rest was cancelled (an IOC or market rest, or on request).</summary>
    Cancelled = 4,

    /// <summary>The venue refused it.</summary>
    Rejected = 5,
}

/// <summary>One child order in the ledger's child ring (newest <see cref="OrderLedgerOptions.Children"/>).</summary>
public struct LedgerChild
{
    /// <summary>The child's id (parent id × 4096 + index).</summary>
    public long ChildId;

    /// <summary>Its parent's order id.</summary>
    public long ParentId;

    /// <summary>Venue id.</summary>
    public short Venue;

    /// <summary>Market, limit or IOC.</summary>
    public OrderType Type;

    /// <summary>Where it is.</summary>
    public ChildStatus Status;

    /// <summary>A reject's reason.</summary>
    public VenueRejectReason RejectReason;

    /// <summary>True once filled, cancelled or rejected in full (its TCA row was added).</summary>
    public bool Done;

    /// <summary>Quantity sent (raw).</summary>
    public long QuantityRaw;

    /// <summary>Limit price (raw; 0 for market).</summary>
    public long LimitPriceRaw;

    /// <summary>Filled (raw).</summary>
    public long FilledRaw;

    /// <summary>Cancelled or rejected (raw).</summary>
    public long ClosedRaw;

    /// <summary>Σ fill quantity × price (10¹⁶).</summary>
    public Int128 NotionalRaw;

    /// <summary>Σ fees (raw, quote currency).</summary>
    public long FeesRaw;

    /// <summary>Fills reported.</summary>
    public int Fills;

    /// <summary>The parent's arrival price (raw): the benchmark venues are compared on.</summary>
    public long BenchmarkRaw;

    /// <summary>When it was sent.</summary>
    public long SentTime;

    /// <summary>The venue's acknowledgement (−1 before).</summary>
    public long AckTime;

    /// <summary>First fill (−1 before).</summary>
    public long FirstFillTime;
}

/// <summary>One fill in the ledger's fill ring (newest <see cref="OrderLedgerOptions.Fills"/>).</summary>
public struct LedgerFill
{
    /// <summary>Fill number, 1, 2, … in the order the router heard of them.</summary>
    public long FillId;

    /// <summary>The parent order.</summary>
    public long OrderId;

    /// <summary>The child order.</summary>
    public long ChildId;

    /// <summary>Account.</summary>
    public AccountId Account;

    /// <summary>Strategy (none for an operator's order).</summary>
    public StrategyId Strategy;

    /// <summary>Instrument.</summary>
    public InstrumentId Instrument;

    /// <summary>Buy or sell.</summary>
    public OrderSide Side;

    /// <summary>Maker or taker.</summary>
    public Liquidity Liquidity;

    /// <summary>Venue id.</summary>
    public short Venue;

    /// <summary>Quantity (raw).</summary>
    public long QuantityRaw;

    /// <summary>Price (raw, quote currency).</summary>
    public long PriceRaw;

    /// <summary>Fee (raw, quote currency; positive = paid).</summary>
    public long FeeRaw;

    /// <summary>The venue's event time of the fill.</summary>
    public long Time;
}
