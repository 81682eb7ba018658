using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Model.Events;

/// <summary>
/// The payload of a venue's execution report (<see cref="InputEventKind.Execution"/>): an ack, fill, reject or cancel
/// of one child order, published into the input ring so it is journalled and replayed like market data. The
/// instrument and the venue's event time are in the event header. 47 bytes (the whole payload area).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 47)]
public struct ExecutionData
{
    /// <summary>The child order's id (assigned by the router; its parent is in the router's state).</summary>
    [FieldOffset(0)]
    public long OrderId;

    /// <summary>Fill: quantity traded; cancel: quantity cancelled; ack: the order's quantity.</summary>
    [FieldOffset(8)]
    public Quantity Quantity;

    /// <summary>Fill: price traded; ack: the limit price (0 for market).</summary>
    [FieldOffset(16)]
    public Price Price;

    /// <summary>Fill: the fee charged, in the instrument's quote currency (positive = paid).</summary>
    [FieldOffset(24)]
    public Money Fee;

    /// <summary>The account the order trades for.</summary>
    [FieldOffset(32)]
    public AccountId Account;

    /// <summary>The strategy the order is for (attribution).</summary>
    [FieldOffset(36)]
    public StrategyId Strategy;

    /// <summary>The venue (index into the venue table).</summary>
    [FieldOffset(40)]
    public short Venue;

    /// <summary>What is reported.</summary>
    [FieldOffset(42)]
    public ExecutionType Type;

    /// <summary>The order's side.</summary>
    [FieldOffset(43)]
    public OrderSide Side;

    /// <summary>Fill: maker or taker.</summary>
    [FieldOffset(44)]
    public Liquidity Liquidity;

    /// <summary>Reject: why.</summary>
    [FieldOffset(45)]
    public VenueRejectReason RejectReason;
}
