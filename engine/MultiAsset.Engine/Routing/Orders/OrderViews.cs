namespace MultiAsset.Engine.Routing.Orders;

/// <summary>
/// One order as <c>GET /orders</c> shows it (a copy; camelCase JSON). Quantities in units, prices and fees in the
/// instrument's quote currency (<see cref="Currency"/>), times ISO-8601 UTC event time. Fees are positive when paid.
/// </summary>
public sealed record OrderView
{
    /// <summary>Engine order id.</summary>
    public required long Id { get; init; }

    /// <summary>Account id.</summary>
    public required string Account { get; init; }

    /// <summary>Strategy id, or <c>operator</c>.</summary>
    public required string Strategy { get; init; }

    /// <summary>Instrument symbol.</summary>
    public required string Symbol { get; init; }

    /// <summary>STOCK, FOREX or CRYPTO.</summary>
    public required string AssetClass { get; init; }

    /// <summary>buy or sell.</summary>
    public required string Side { get; init; }

    /// <summary>Ordered quantity.</summary>
    public required decimal Quantity { get; init; }

    /// <summary>market or limit.</summary>
    public required string Type { get; init; }

    /// <summary>Limit price (limit orders).</summary>
    public decimal? LimitPrice { get; init; }

    /// <summary>gtc, day or ioc.</summary>
    public required string TimeInForce { get; init; }

    /// <summary>Execution algorithm.</summary>
    public required string Algorithm { get; init; }

    /// <summary>Why the order exists (the intent's reason, e.g. Operator, EntryLong, Rebalance).</summary>
    public required string Reason { get; init; }

    /// <summary>new, accepted, refused, working, partiallyFilled, filled, cancelled, heldUntilOpen or expired.</summary>
    public required string Status { get; init; }

    /// <summary>The risk gate's verdict (Accepted, HeldUntilOpen, or a refusal reason such as PositionLimit).</summary>
    public required string RiskVerdict { get; init; }

    /// <summary>Why it ended other than by filling: riskRefused, routerFull, killSwitch, dayExpired, immediateOrCancel.</summary>
    public string? EndReason { get; init; }

    /// <summary>Filled quantity.</summary>
    public required decimal FilledQuantity { get; init; }

    /// <summary>Quantity − filled.</summary>
    public required decimal RemainingQuantity { get; init; }

    /// <summary>Average fill price (Σ q·p / Σ q); null without fills.</summary>
    public decimal? AveragePrice { get; init; }

    /// <summary>Σ fees.</summary>
    public required decimal Fees { get; init; }

    /// <summary>The quote currency of prices and fees.</summary>
    public required string Currency { get; init; }

    /// <summary>Child orders sent to venues.</summary>
    public required int ChildCount { get; init; }

    /// <summary>Fills.</summary>
    public required int FillCount { get; init; }

    /// <summary>Decision time.</summary>
    public required string CreatedAt { get; init; }

    /// <summary>Last change.</summary>
    public required string UpdatedAt { get; init; }

    /// <summary>Held orders: the open at which the gate checks it again.</summary>
    public string? HeldUntil { get; init; }

    /// <summary>Day orders: the session close at which the rest expires.</summary>
    public string? ExpiresAt { get; init; }

    /// <summary>When it was filled, refused, cancelled or expired.</summary>
    public string? DoneAt { get; init; }

    /// <summary>The input (journal) sequence of the event that caused it.</summary>
    public required long SourceSequence { get; init; }

    /// <summary><c>GET /orders/{id}</c> only: its child orders still in the ledger's child ring, oldest first.</summary>
    public IReadOnlyList<ChildOrderView>? Children { get; init; }

    /// <summary><c>GET /orders/{id}</c> only: its fills still in the ledger's fill ring, oldest first.</summary>
    public IReadOnlyList<FillView>? Fills { get; init; }
}

/// <summary>One child order (a copy).</summary>
public sealed record ChildOrderView
{
    /// <summary>Child id (parent id × 4096 + index).</summary>
    public required long Id { get; init; }

    /// <summary>Venue name.</summary>
    public required string Venue { get; init; }

    /// <summary>market, limit or ioc.</summary>
    public required string Type { get; init; }

    /// <summary>Quantity sent.</summary>
    public required decimal Quantity { get; init; }

    /// <summary>Limit price (limit and ioc children).</summary>
    public decimal? LimitPrice { get; init; }

    /// <summary>Filled.</summary>
    public required decimal FilledQuantity { get; init; }

    /// <summary>Cancelled or rejected.</summary>
    public required decimal ClosedQuantity { get; init; }

    /// <summary>sent, acked, partiallyFilled, filled, cancelled or rejected.</summary>
    public required string Status { get; init; }

    /// <summary>A reject's reason.</summary>
    public string? RejectReason { get; init; }

    /// <summary>Average fill price; null without fills.</summary>
    public decimal? AveragePrice { get; init; }

    /// <summary>Σ fees.</summary>
    public required decimal Fees { get; init; }

    /// <summary>When it was sent.</summary>
    public required string SentAt { get; init; }

    /// <summary>The venue's acknowledgement.</summary>
    public string? AckAt { get; init; }
}

/// <summary>One fill (a copy).</summary>
public sealed record FillView
{
    /// <summary>Fill number (1, 2, … in the order the router heard of them).</summary>
    public required long Id { get; init; }

    /// <summary>Parent order id.</summary>
    public required long OrderId { get; init; }

    /// <summary>Child order id.</summary>
    public required long ChildId { get; init; }

    /// <summary>Account id.</summary>
    public required string Account { get; init; }

    /// <summary>Strategy id, or <c>operator</c>.</summary>
    public required string Strategy { get; init; }

    /// <summary>Symbol.</summary>
    public required string Symbol { get; init; }

    /// <summary>buy or sell.</summary>
    public required string Side { get; init; }

    /// <summary>Quantity.</summary>
    public required decimal Quantity { get; init; }

    /// <summary>Price (quote currency).</summary>
    public required decimal Price { get; init; }

    /// <summary>Fee (quote currency; positive = paid).</summary>
    public required decimal Fee { get; init; }

    /// <summary>Quote currency.</summary>
    public required string Currency { get; init; }

    /// <summary>Venue name.</summary>
    public required string Venue { get; init; }

    /// <summary>Maker or Taker.</summary>
    public required string Liquidity { get; init; }

    /// <summary>The venue's event time.</summary>
    public required string Time { get; init; }
}
