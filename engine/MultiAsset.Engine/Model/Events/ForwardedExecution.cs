using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Model.Events;

/// <summary>
/// An execution report as it flows on from the input ring through the intent and order rings, so that every stage
/// after the signal stage updates its own view of working orders and positions from the events it sees (single
/// writer: nobody reads another stage's order state). The account, strategy, instrument and time travel in the
/// carrying event's header; this is the rest of <see cref="ExecutionData"/>. 38 bytes.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 38)]
public struct ForwardedExecution
{
    /// <summary>The child order's id.</summary>
    [FieldOffset(0)]
    public long OrderId;

    /// <summary>As <see cref="ExecutionData.Quantity"/>.</summary>
    [FieldOffset(8)]
    public Quantity Quantity;

    /// <summary>As <see cref="ExecutionData.Price"/>.</summary>
    [FieldOffset(16)]
    public Price Price;

    /// <summary>As <see cref="ExecutionData.Fee"/> (quote currency).</summary>
    [FieldOffset(24)]
    public Money Fee;

    /// <summary>The venue.</summary>
    [FieldOffset(32)]
    public short Venue;

    /// <summary>What is reported.</summary>
    [FieldOffset(34)]
    public ExecutionType Type;

    /// <summary>The order's side.</summary>
    [FieldOffset(35)]
    public OrderSide Side;

    /// <summary>Maker or taker (fills).</summary>
    [FieldOffset(36)]
    public Liquidity Liquidity;

    /// <summary>Why a venue rejected (rejects).</summary>
    [FieldOffset(37)]
    public VenueRejectReason RejectReason;

    /// <summary>The forwarded part of <paramref name="report"/>.</summary>
    public static ForwardedExecution From(in ExecutionData report) => new()
    {
        OrderId = report.OrderId,
        Quantity = report.Quantity,
        Price = report.Price,
        Fee = report.Fee,
        Venue = report.Venue,
        Type = report.Type,
        Side = report.Side,
        Liquidity = report.Liquidity,
        RejectReason = report.RejectReason,
    };
}
