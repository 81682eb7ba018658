namespace MultiAsset.Engine.Model.Events;

/// <summary>Why a venue refused an order. Journalled: never renumber.</summary>
public enum VenueRejectReason : byte
{
    /// <summary>Not a reject.</summary>
    None = 0,

    /// <summary>The venue does not trade the instrument.</summary>
    UnknownInstrument = 1,

    /// <summary>The market is closed at the venue.</summary>
    MarketClosed = 2,

    /// <summary>Quantity not a whole number of lots, or below the venue's minimum.</summary>
    InvalidQuantity = 3,

    /// <summary>Limit price off the tick grid or not positive.</summary>
    InvalidPrice = 4,

    /// <summary>No liquidity to trade against (a market or IOC order that found an empty book).</summary>
    NoLiquidity = 5,

    /// <summary>The venue refused it at random (simulated outage or throttle).</summary>
    VenueUnavailable = 6,

    /// <summary>A cancel for an order the venue does not know (already filled or never seen).</summary>
    UnknownOrder = 7,

    /// <summary>
    /// Not a venue's: the risk gate refused the parent order. Set on the router's parent-level cancel (child index
    /// <c>ChildOrderId.MaxChildren − 1</c>); the report's <c>Venue</c> then carries the <see cref="RiskVerdict"/> (a
    /// refused order never reached a venue), so the stages before the gate learn why without another field.
    /// </summary>
    RiskRefused = 8,
}
