using MultiAsset.Engine.Routing.Orders;

namespace MultiAsset.Host.ReplayDiff;

/// <summary>
/// One order as a replay saw it: its key, the engine id, the input sequence whose processing created it, the view right
/// after that input event (its type, size, risk verdict at creation) and — filled in at the end — the view the router's
/// ledger still holds (status, fills, fees; null when the ledger had already let go of it: it keeps the newest 8 192
/// finished orders by default).
/// </summary>
public sealed class CapturedOrder(ReplayOrderKey key, long id, long sequence, OrderView created)
{
    /// <summary>The comparison key.</summary>
    public ReplayOrderKey Key { get; } = key;

    /// <summary>The engine's order id on this side.</summary>
    public long Id { get; } = id;

    /// <summary>The input (journal) sequence whose processing created it.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>The order right after the input event that created it (risk verdict included).</summary>
    public OrderView Created { get; } = created;

    /// <summary>The order at the end of the replay (null when no longer in the ledger).</summary>
    public OrderView? Final { get; set; }
}

/// <summary>One fill as a replay saw it (prices and fees in the quote currency, quantity in units).</summary>
public sealed record CapturedFill(
    ReplayFillKey Key, long Sequence, long TimeNs, string Account, string Strategy, string Symbol, string Side,
    decimal Quantity, decimal Price, decimal Fee, string Venue, string Liquidity, long ChildOrderId);
