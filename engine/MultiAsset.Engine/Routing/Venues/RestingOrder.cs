using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>One working limit order in a simulated venue's pool (a slot of preallocated storage).</summary>
internal struct RestingOrder
{
    /// <summary>The router's child order id.</summary>
    public long ChildOrderId;

    /// <summary>Account (echoed in reports).</summary>
    public AccountId Account;

    /// <summary>Strategy (echoed in reports).</summary>
    public StrategyId Strategy;

    /// <summary>Instrument.</summary>
    public InstrumentId Instrument;

    /// <summary>Buy or sell.</summary>
    public OrderSide Side;

    /// <summary>Limit price (raw).</summary>
    public long Limit;

    /// <summary>Quantity still working (raw, positive).</summary>
    public long Remaining;

    /// <summary>Due time of the order's latest report: later reports are never due before it (no overtaking).</summary>
    public long LastDue;

    /// <summary>Engine time the order started resting: a bar fills it only when the bar ended after this.</summary>
    public long Placed;

    /// <summary>Arrival number at the venue (time priority among orders at the same limit); set by the pool.</summary>
    public long Sequence;
}
