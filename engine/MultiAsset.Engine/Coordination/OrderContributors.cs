using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Which strategies' changes made up each recent order (a netted order has several), so that quantity an order never
/// traded — refused by the risk gate, stopped by a kill switch — goes back to the strategies that asked for it, in
/// proportion. Preallocated; an order keeps its entry until 65 536 later orders reuse the slot (then the lead strategy
/// gets it all back, as for an order with one contributor).
/// </summary>
internal sealed class OrderContributors
{
    public const int MaxPerOrder = 8;
    private const int Capacity = 1 << 16;

    private readonly long[] orderIds = new long[Capacity];
    private readonly int[] counts = new int[Capacity];
    private readonly int[] strategies = new int[Capacity * MaxPerOrder];
    private readonly long[] deltas = new long[Capacity * MaxPerOrder];

    // Per order: quantity not yet filled nor handed back (raw, ≥ 0): the order is done when it reaches 0.
    private readonly long[] remaining = new long[Capacity];

    /// <summary>Records that order <paramref name="orderId"/> of <paramref name="quantity"/> (raw, &gt; 0) was published.</summary>
    public void Start(long orderId, long quantity)
    {
        var slot = (int)(orderId & (Capacity - 1));
        orderIds[slot] = orderId;
        counts[slot] = 0;
        remaining[slot] = quantity;
    }

    /// <summary>Whether <paramref name="orderId"/> is still known and has quantity that may fill.</summary>
    public bool IsWorking(long orderId)
    {
        var slot = (int)(orderId & (Capacity - 1));
        return orderId != 0 && orderIds[slot] == orderId && remaining[slot] > 0;
    }

    /// <summary>
    /// <paramref name="quantity"/> of <paramref name="orderId"/> filled or came back; true when that finished the order
    /// (nothing left to fill). False for an order no longer known.
    /// </summary>
    public bool Reduce(long orderId, long quantity)
    {
        var slot = (int)(orderId & (Capacity - 1));
        if (orderIds[slot] != orderId || remaining[slot] <= 0)
        {
            return false;
        }

        remaining[slot] = Math.Max(0, remaining[slot] - quantity);
        return remaining[slot] == 0;
    }

    /// <summary>Writes the strategies that contributed to <paramref name="orderId"/> (in order; at most <see cref="MaxPerOrder"/>) and returns how many.</summary>
    public int StrategiesOf(long orderId, Span<int> output)
    {
        var slot = (int)(orderId & (Capacity - 1));
        if (orderIds[slot] != orderId)
        {
            return 0;
        }

        var n = 0;
        for (var i = slot * MaxPerOrder; i < (slot * MaxPerOrder) + counts[slot] && n < output.Length; i++)
        {
            output[n++] = strategies[i];
        }

        return n;
    }

    /// <summary>Records that <paramref name="strategy"/>'s change <paramref name="delta"/> went into <paramref name="orderId"/>.</summary>
    public void Add(long orderId, int strategy, long delta)
    {
        var slot = (int)(orderId & (Capacity - 1));
        if (orderIds[slot] != orderId)
        {
            orderIds[slot] = orderId;
            counts[slot] = 0;
        }

        if (counts[slot] < MaxPerOrder)
        {
            var i = (slot * MaxPerOrder) + counts[slot]++;
            strategies[i] = strategy;
            deltas[i] = delta;
        }
    }

    /// <summary>
    /// Splits <paramref name="unfilled"/> (signed: + for a buy) over the contributors on its side in proportion to their
    /// changes, in whole lots of <paramref name="lot"/>, none getting back more than it put in; writes (strategy, signed
    /// share) pairs and returns how many (0 when the order is not known any more).
    /// </summary>
    public int Split(long orderId, long unfilled, long lot, Span<(int Strategy, long Share)> output)
    {
        var slot = (int)(orderId & (Capacity - 1));
        if (orderIds[slot] != orderId || counts[slot] == 0 || unfilled == 0)
        {
            return 0;
        }

        var sign = Math.Sign(unfilled);
        long total = 0;
        for (var i = slot * MaxPerOrder; i < (slot * MaxPerOrder) + counts[slot]; i++)
        {
            if (Math.Sign(deltas[i]) == sign)
            {
                total += Math.Abs(deltas[i]);
            }
        }

        var left = Math.Min(Math.Abs(unfilled), total);
        var n = 0;
        for (var i = slot * MaxPerOrder; i < (slot * MaxPerOrder) + counts[slot] && left > 0; i++)
        {
            var put = Math.Abs(deltas[i]);
            if (Math.Sign(deltas[i]) != sign)
            {
                continue;
            }

            // Proportional share rounded down to lots; whatever rounding leaves goes to the last contributors in order.
            var share = (long)((Int128)Math.Abs(unfilled) * put / total);
            share = lot > 0 ? share / lot * lot : share;
            share = Math.Min(Math.Min(share, put), left);
            output[n++] = (strategies[i], sign * share);
            left -= share;
        }

        for (var k = 0; k < n && left > 0; k++)
        {
            var i = FindContribution(slot, output[k].Strategy, sign);
            var room = Math.Abs(deltas[i]) - Math.Abs(output[k].Share);
            var extra = Math.Min(room, left);
            output[k].Share += sign * extra;
            left -= extra;
        }

        return n;
    }

    public void AppendDigest(StateDigestBuilder digest)
    {
        digest.Add(orderIds).Add(deltas).Add(remaining);
        foreach (var count in counts)
        {
            digest.Add(count);
        }
    }

    private int FindContribution(int slot, int strategy, int sign)
    {
        for (var i = slot * MaxPerOrder; i < (slot * MaxPerOrder) + counts[slot]; i++)
        {
            if (strategies[i] == strategy && Math.Sign(deltas[i]) == sign)
            {
                return i;
            }
        }

        return slot * MaxPerOrder;
    }
}
