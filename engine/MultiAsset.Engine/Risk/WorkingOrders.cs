using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// The risk stage's ledger of accepted orders that may still fill: quantity per account, instrument and side, and the
/// unfilled rest of each parent order. An order enters when the gate accepts it and leaves, piece by piece, as the
/// forwarded execution reports of its children say it filled, was cancelled or rejected. Owned by the risk stage, so
/// the gate's post-trade checks see every working order from the moment it is accepted — before any venue acks it.
/// </summary>
public sealed class WorkingOrders
{
    /// <summary>Parent orders tracked at once (a slot is free again when its order is done).</summary>
    public const int Capacity = 1 << 16;

    private readonly int instrumentCount;
    private readonly long[] buy;
    private readonly long[] sell;
    private readonly long[] parentId = new long[Capacity];
    private readonly long[] remaining = new long[Capacity];
    private readonly int[] cellOf = new int[Capacity];
    private readonly byte[] sideOf = new byte[Capacity];

    // The order's strategy slot in Strategies + 1 (0 = none), so the strategy's working quantity shrinks with the order's.
    private readonly int[] strategySlotOf = new int[Capacity];

    /// <summary>Creates an empty ledger for <paramref name="accounts"/> × <paramref name="instruments"/>.</summary>
    public WorkingOrders(int accounts, int instruments)
    {
        instrumentCount = instruments;
        buy = new long[accounts * instruments];
        sell = new long[accounts * instruments];
    }

    private const int Probes = 64;

    /// <summary>Where each accepted order's strategy working quantity is also kept (null = per account only).</summary>
    public Strategies.StrategyRiskBook? Strategies { get; set; }

    /// <summary>Reports that named a parent the ledger does not hold (done already, or never accepted here).</summary>
    public long Unmatched { get; private set; }

    /// <summary>Accepted orders that found no slot: their quantity stays working (safe side), untracked.</summary>
    public long Untracked { get; private set; }

    /// <summary>Working buy quantity.</summary>
    public Quantity Buy(AccountId account, InstrumentId instrument) => Quantity.FromRaw(buy[(account.Value * instrumentCount) + instrument.Value]);

    /// <summary>Working sell quantity.</summary>
    public Quantity Sell(AccountId account, InstrumentId instrument) => Quantity.FromRaw(sell[(account.Value * instrumentCount) + instrument.Value]);

    /// <summary>Records an accepted parent order.</summary>
    public void Add(in OrderEvent order)
    {
        var cell = (order.Account.Value * instrumentCount) + order.Instrument.Value;
        (order.Side == OrderSide.Buy ? buy : sell)[cell] += order.Quantity.Raw;
        var strategy = Strategies?.SlotOf(order.Strategy) ?? -1;
        if (strategy >= 0)
        {
            Strategies!.AddWorking(strategy, order.Instrument, order.Side, order.Quantity.Raw);
        }

        var slot = FindFree(order.OrderId);
        if (slot < 0)
        {
            // No slot near its id: the quantity stays working for good (never under-counted), the order untracked.
            Untracked++;
            return;
        }

        parentId[slot] = order.OrderId;
        remaining[slot] = order.Quantity.Raw;
        cellOf[slot] = cell;
        sideOf[slot] = (byte)order.Side;
        strategySlotOf[slot] = strategy + 1;
    }

    /// <summary>
    /// Takes a fill off its parent's working quantity, and a cancel or reject only when it is final for the parent: a
    /// child's reject or cancelled rest is routed again by the router, so it is still working; the router's own
    /// parent-level cancel (child index <see cref="ChildOrderId.MaxChildren"/> − 1: kill switch, refused parent) is not.
    /// </summary>
    public void OnExecution(in ForwardedExecution report)
    {
        var final = report.Type == ExecutionType.Fill
            || (report.Type is ExecutionType.Cancelled or ExecutionType.Reject && ChildOrderId.IndexOf(report.OrderId) == ChildOrderId.MaxChildren - 1);
        if (!final)
        {
            return;
        }

        var slot = Find(ChildOrderId.ParentOf(report.OrderId));
        if (slot < 0)
        {
            Unmatched++;
            return;
        }

        Done(slot, Math.Min(remaining[slot], report.Quantity.Raw));
    }

    /// <summary>Whether <paramref name="orderId"/> is tracked with quantity that may still fill.</summary>
    public bool Contains(long orderId) => Find(orderId) >= 0;

    /// <summary>Drops a parent order entirely (the router gave it up, e.g. on a kill switch).</summary>
    public void Remove(long orderId)
    {
        var slot = Find(orderId);
        if (slot >= 0)
        {
            Done(slot, remaining[slot]);
        }
    }

    /// <summary>Adds the ledger to a digest.</summary>
    public void AppendDigest(StateDigestBuilder digest)
    {
        digest.Add(buy).Add(sell).Add(Unmatched).Add(Untracked);
        for (var i = 0; i < Capacity; i++)
        {
            if (remaining[i] > 0)
            {
                digest.Add(parentId[i]).Add(remaining[i]).Add(strategySlotOf[i]);
            }
        }
    }

    // Open addressing from the id's home slot: a long-working order (a slow TWAP) keeps its slot, later ids probe on.
    private int FindFree(long orderId)
    {
        for (var i = 0; i < Probes; i++)
        {
            var slot = (int)((orderId + i) & (Capacity - 1));
            if (remaining[slot] <= 0)
            {
                return slot;
            }
        }

        return -1;
    }

    private int Find(long orderId)
    {
        for (var i = 0; i < Probes; i++)
        {
            var slot = (int)((orderId + i) & (Capacity - 1));
            if (parentId[slot] == orderId && remaining[slot] > 0)
            {
                return slot;
            }
        }

        return -1;
    }

    private void Done(int slot, long quantity)
    {
        remaining[slot] -= quantity;
        (sideOf[slot] == (byte)OrderSide.Buy ? buy : sell)[cellOf[slot]] -= quantity;
        if (strategySlotOf[slot] > 0 && Strategies is { } strategies)
        {
            strategies.RemoveWorking(strategySlotOf[slot] - 1, cellOf[slot] % instrumentCount, sideOf[slot], quantity);
        }
    }
}
