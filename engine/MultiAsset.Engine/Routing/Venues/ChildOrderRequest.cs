using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// One child order the router sends to a venue (<see cref="IExecutionVenue.Submit"/>). Passed by <c>in</c>: a plain
/// struct so sending allocates nothing.
/// </summary>
/// <param name="ChildOrderId">The router's id of the child (unique per venue while it lives); reports carry it back.</param>
/// <param name="Account">The account it trades for (echoed in every report).</param>
/// <param name="Strategy">The strategy it is for (echoed in every report).</param>
/// <param name="Instrument">What it trades.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Market, Limit (rests until filled or cancelled) or ImmediateOrCancel.</param>
/// <param name="Quantity">Positive, a whole number of the instrument's lots.</param>
/// <param name="LimitPrice">Worst acceptable price for Limit and ImmediateOrCancel (on the tick grid); ignored for Market.</param>
public readonly record struct ChildOrderRequest(
    long ChildOrderId,
    AccountId Account,
    StrategyId Strategy,
    InstrumentId Instrument,
    OrderSide Side,
    OrderType Type,
    Quantity Quantity,
    Price LimitPrice);
