namespace MultiAsset.Engine.Routing.Orders;

/// <summary>
/// How much history the order ledger keeps (docs/orders.md, "Bounded memory"). Every open order is always kept; beyond
/// that the newest <see cref="RetainedOrders"/> finished orders, the newest <see cref="Children"/> child orders and the
/// newest <see cref="Fills"/> fills. What falls off the end is gone from the read model only: positions, P&amp;L, TCA and
/// the counters keep it, and the journal has it.
/// </summary>
public sealed record OrderLedgerOptions
{
    /// <summary>Finished orders (filled, refused, cancelled, expired) kept besides the open ones: 8 192 by default.</summary>
    public int RetainedOrders { get; init; } = 8_192;

    /// <summary>Child orders kept (a ring): 16 384 by default.</summary>
    public int Children { get; init; } = 16_384;

    /// <summary>Fills kept (a ring): 32 768 by default.</summary>
    public int Fills { get; init; } = 32_768;
}
