using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Routing.Orders;

/// <summary>
/// The order ledger: every parent order the router has seen (strategy or operator, accepted, refused or held) with its
/// lifecycle, children and fills — the read model behind <c>GET /orders</c>, <c>GET /orders/{id}</c> and <c>GET /fills</c>.
/// Owned and written by the router stage alone (it sees every parent with its verdict, every child and every report),
/// read by queries on the same thread between two input events.
/// </summary>
/// <remarks>
/// <para><b>Bounded memory, preallocated.</b> Orders live in a table of <c>RetainedOrders + maxOpen</c> slots with an id →
/// slot map; an order that finishes joins a FIFO, and when no slot is free the oldest finished order is evicted, so the
/// ledger always holds every open order plus at least the last <see cref="OrderLedgerOptions.RetainedOrders"/> finished
/// ones. Children and fills are rings of the newest <see cref="OrderLedgerOptions.Children"/> and
/// <see cref="OrderLedgerOptions.Fills"/>. Beyond that the read model forgets (counted in <see cref="Evicted"/>); the
/// order's totals stay on the order.</para>
/// <para><b>No allocation per update:</b> every method writes structs in place in preallocated arrays.</para>
/// <para>Times are event time; the state is a function of the order events the router saw, so replay rebuilds it and it
/// is part of the router's digest and snapshot.</para>
/// </remarks>
public sealed class OrderLedger
{
    private readonly LedgerOrder[] orders;
    private readonly IdSlotMap orderIndex;
    private readonly int[] free;
    private readonly int[] finished;
    private readonly LedgerChild[] children;
    private readonly IdSlotMap childIndex;
    private readonly LedgerFill[] fills;
    private int freeCount;
    private long finishedHead;
    private long finishedTail;
    private long childTail;
    private long fillTail;

    /// <summary>Creates a ledger that keeps up to <paramref name="maxOpen"/> open orders and the history <paramref name="options"/> says.</summary>
    public OrderLedger(int maxOpen, OrderLedgerOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxOpen);
        options ??= new OrderLedgerOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RetainedOrders);
        Options = options;
        orders = new LedgerOrder[options.RetainedOrders + maxOpen];
        orderIndex = new IdSlotMap(orders.Length);
        free = new int[orders.Length];
        for (var i = 0; i < orders.Length; i++)
        {
            free[i] = orders.Length - 1 - i;
        }

        freeCount = orders.Length;
        finished = new int[orders.Length];
        children = new LedgerChild[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, options.Children))];
        childIndex = new IdSlotMap(children.Length);
        fills = new LedgerFill[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, options.Fills))];
    }

    /// <summary>The history limits.</summary>
    public OrderLedgerOptions Options { get; }

    /// <summary>Orders the ledger has seen (every parent that reached the router: strategy and operator, any verdict).</summary>
    public long Orders { get; private set; }

    /// <summary>Orders the risk gate accepted (at once, or when released at the open).</summary>
    public long Accepted { get; private set; }

    /// <summary>Orders refused: by the risk gate (also at the open), or by the router for want of a slot.</summary>
    public long Refused { get; private set; }

    /// <summary>Orders that were held until the open at some point.</summary>
    public long Held { get; private set; }

    /// <summary>Orders held now.</summary>
    public long HeldNow { get; private set; }

    /// <summary>Orders completely filled.</summary>
    public long Filled { get; private set; }

    /// <summary>Orders cancelled (kill switch, IOC rest).</summary>
    public long Cancelled { get; private set; }

    /// <summary>Day orders expired at the close.</summary>
    public long Expired { get; private set; }

    /// <summary>Child orders sent to venues.</summary>
    public long ChildOrders { get; private set; }

    /// <summary>Fills reported.</summary>
    public long FillCount => fillTail;

    /// <summary>Orders the ledger could not keep (no slot: more open orders than it was sized for).</summary>
    public long Untracked { get; private set; }

    /// <summary>Finished orders evicted to make room (the oldest first).</summary>
    public long Evicted { get; private set; }

    /// <summary>Open orders now (ledger slots in use minus finished ones).</summary>
    public long OpenCount => orders.Length - freeCount - (finishedTail - finishedHead);

    /// <summary>Every order slot (free ones have <see cref="LedgerOrder.OrderId"/> 0). Engine thread only.</summary>
    public ReadOnlySpan<LedgerOrder> OrderSlots => orders;

    /// <summary>The child ring (unused entries have <see cref="LedgerChild.ChildId"/> 0). Engine thread only.</summary>
    public ReadOnlySpan<LedgerChild> ChildSlots => children;

    /// <summary>The fill ring (unused entries have <see cref="LedgerFill.FillId"/> 0). Engine thread only.</summary>
    public ReadOnlySpan<LedgerFill> FillSlots => fills;

    /// <summary>The slot of order <paramref name="orderId"/>, or −1 when the ledger does not hold it.</summary>
    public int SlotOf(long orderId) => orderIndex.Get(orderId);

    /// <summary>The order in <paramref name="slot"/> (from <see cref="SlotOf"/> or <see cref="Open(in OrderEvent)"/>).</summary>
    public ref LedgerOrder this[int slot] => ref orders[slot];

    /// <summary>The child slot of <paramref name="childId"/>, or −1.</summary>
    public int ChildSlotOf(long childId) => childIndex.Get(childId);

    /// <summary>The child in <paramref name="slot"/>.</summary>
    public ref LedgerChild Child(int slot) => ref children[slot];

    /// <summary>
    /// Enters a new parent order (status <see cref="OrderStatus.New"/> until the caller says more); returns its slot, or −1
    /// when every slot holds an open order (counted in <see cref="Untracked"/>).
    /// </summary>
    public int Open(in OrderEvent order)
    {
        Orders++;
        var slot = TakeSlot();
        if (slot < 0 || !orderIndex.Set(order.OrderId, slot))
        {
            if (slot >= 0)
            {
                free[freeCount++] = slot;
            }

            Untracked++;
            return -1;
        }

        ref var o = ref orders[slot];
        o = default;
        o.OrderId = order.OrderId;
        o.SourceSequence = order.SourceSequence;
        o.Account = order.Account;
        o.Strategy = order.Strategy;
        o.Instrument = order.Instrument;
        o.Side = order.Side;
        o.Type = order.Type == OrderType.None ? OrderType.Market : order.Type;
        o.TimeInForce = order.TimeInForce;
        o.Algorithm = order.Algorithm;
        o.Reason = order.Reason;
        o.QuantityRaw = order.Quantity.Raw;
        o.LimitPriceRaw = o.Type == OrderType.Market ? 0 : order.LimitPrice.Raw;
        o.CreatedTime = order.Timestamp;
        o.UpdatedTime = order.Timestamp;
        o.Verdict = order.RiskVerdict;
        return slot;
    }

    /// <summary>The gate accepted the order in <paramref name="slot"/> and the router took it on.</summary>
    public void Accept(int slot, long now, long expireTime)
    {
        if (slot < 0)
        {
            Accepted++;
            return;
        }

        ref var o = ref orders[slot];
        if (o.Status == OrderStatus.HeldUntilOpen)
        {
            HeldNow--;
        }

        Accepted++;
        o.Status = OrderStatus.Accepted;
        o.Verdict = RiskVerdict.Accepted;
        o.ReleaseTime = 0;
        o.ExpireTime = expireTime;
        o.UpdatedTime = now;
    }

    /// <summary>The order was refused (<paramref name="verdict"/>: the gate's reason).</summary>
    public void Refuse(int slot, RiskVerdict verdict, OrderEndReason reason, long now)
    {
        Refused++;
        if (slot < 0)
        {
            return;
        }

        ref var o = ref orders[slot];
        if (o.Status == OrderStatus.HeldUntilOpen)
        {
            HeldNow--;
        }

        o.Status = OrderStatus.Refused;
        o.Verdict = verdict;
        o.EndReason = reason;
        Finish(slot, now);
    }

    /// <summary>The gate held the order until <paramref name="releaseTime"/> (the instrument's next open).</summary>
    public void Hold(int slot, long releaseTime, long now)
    {
        if (slot < 0)
        {
            return;
        }

        ref var o = ref orders[slot];
        if (o.Status != OrderStatus.HeldUntilOpen)
        {
            Held++;
            HeldNow++;
        }

        o.Status = OrderStatus.HeldUntilOpen;
        o.Verdict = RiskVerdict.HeldUntilOpen;
        o.ReleaseTime = releaseTime;
        o.UpdatedTime = now;
    }

    /// <summary>The order ended: <see cref="OrderStatus.Filled"/>, <see cref="OrderStatus.Cancelled"/> or <see cref="OrderStatus.Expired"/>.</summary>
    public void End(int slot, OrderStatus status, OrderEndReason reason, long now)
    {
        switch (status)
        {
            case OrderStatus.Filled:
                Filled++;
                break;
            case OrderStatus.Cancelled:
                Cancelled++;
                break;
            case OrderStatus.Expired:
                Expired++;
                break;
        }

        if (slot < 0)
        {
            return;
        }

        ref var o = ref orders[slot];
        if (o.Status == OrderStatus.HeldUntilOpen)
        {
            HeldNow--;
        }

        o.Status = status;
        o.EndReason = reason;
        Finish(slot, now);
    }

    /// <summary>A child order went to a venue.</summary>
    public void ChildSent(long parentId, long childId, VenueId venue, OrderType type, Quantity quantity, Price limit, Price benchmark, long now)
    {
        ChildOrders++;
        var slot = orderIndex.Get(parentId);
        if (slot >= 0)
        {
            ref var o = ref orders[slot];
            o.Children++;
            o.UpdatedTime = now;
        }

        var index = (int)(childTail & (children.Length - 1));
        ref var c = ref children[index];
        if (c.ChildId != 0)
        {
            childIndex.Remove(c.ChildId);
        }

        childTail++;
        c = default;
        c.ChildId = childId;
        c.ParentId = parentId;
        c.Venue = (short)venue.Value;
        c.Type = type;
        c.QuantityRaw = quantity.Raw;
        c.LimitPriceRaw = type == OrderType.Market ? 0 : limit.Raw;
        c.BenchmarkRaw = benchmark.Raw;
        c.SentTime = now;
        c.AckTime = -1;
        c.FirstFillTime = -1;
        childIndex.Set(childId, index);
    }

    /// <summary>A venue acknowledged a child: its parent is working (if nothing filled yet).</summary>
    public void OnAck(long childId, long now)
    {
        var c = childIndex.Get(childId);
        if (c >= 0 && children[c].AckTime < 0)
        {
            children[c].AckTime = now;
            if (children[c].Status == ChildStatus.Sent)
            {
                children[c].Status = ChildStatus.Acked;
            }
        }

        var slot = orderIndex.Get(ChildOrderId.ParentOf(childId));
        if (slot >= 0 && orders[slot].Status == OrderStatus.Accepted)
        {
            orders[slot].Status = OrderStatus.Working;
            orders[slot].UpdatedTime = now;
        }
    }

    /// <summary>
    /// A fill of child <paramref name="childId"/>: recorded in the fill ring, added to the child and the parent (status
    /// partially filled; the caller ends the order as filled). True when the child is now done.
    /// </summary>
    public bool OnFill(long childId, AccountId account, StrategyId strategy, InstrumentId instrument, in ForwardedExecution report, long now)
    {
        var parentId = ChildOrderId.ParentOf(childId);
        ref var f = ref fills[(int)(fillTail & (fills.Length - 1))];
        fillTail++;
        f.FillId = fillTail;
        f.OrderId = parentId;
        f.ChildId = childId;
        f.Account = account;
        f.Strategy = strategy;
        f.Instrument = instrument;
        f.Side = report.Side;
        f.Liquidity = report.Liquidity;
        f.Venue = report.Venue;
        f.QuantityRaw = report.Quantity.Raw;
        f.PriceRaw = report.Price.Raw;
        f.FeeRaw = report.Fee.Raw;
        f.Time = now;

        var product = (Int128)report.Quantity.Raw * report.Price.Raw;
        var slot = orderIndex.Get(parentId);
        if (slot >= 0)
        {
            ref var o = ref orders[slot];
            o.FilledRaw += report.Quantity.Raw;
            o.FilledNotionalRaw += product;
            o.FeesRaw += report.Fee.Raw;
            o.Fills++;
            o.UpdatedTime = now;
            if (o.Status is OrderStatus.Accepted or OrderStatus.Working && o.FilledRaw < o.QuantityRaw)
            {
                o.Status = OrderStatus.PartiallyFilled;
            }
            else if (o.Status is OrderStatus.Cancelled or OrderStatus.Expired && o.FilledRaw >= o.QuantityRaw)
            {
                // Children still at venues when it was stopped filled it after all.
                if (o.Status == OrderStatus.Cancelled)
                {
                    Cancelled--;
                }
                else
                {
                    Expired--;
                }

                Filled++;
                o.Status = OrderStatus.Filled;
                o.EndReason = OrderEndReason.None;
            }
        }

        var c = childIndex.Get(childId);
        if (c < 0)
        {
            return false;
        }

        ref var child = ref children[c];
        child.FilledRaw += report.Quantity.Raw;
        child.NotionalRaw += product;
        child.FeesRaw += report.Fee.Raw;
        child.Fills++;
        if (child.FirstFillTime < 0)
        {
            child.FirstFillTime = now;
        }

        child.Status = child.FilledRaw >= child.QuantityRaw ? ChildStatus.Filled : ChildStatus.PartiallyFilled;
        return CloseIfDone(ref child);
    }

    /// <summary>A child's rest was cancelled or rejected. True when the child is now done.</summary>
    public bool OnChildClosed(long childId, ExecutionType type, Quantity quantity, VenueRejectReason reason)
    {
        var c = childIndex.Get(childId);
        if (c < 0)
        {
            return false;
        }

        ref var child = ref children[c];
        child.ClosedRaw += quantity.Raw;
        child.Status = type == ExecutionType.Reject ? ChildStatus.Rejected : ChildStatus.Cancelled;
        child.RejectReason = reason;
        return CloseIfDone(ref child);
    }

    /// <summary>Adds the ledger to a digest.</summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(Orders).Add(Accepted).Add(Refused).Add(Held).Add(HeldNow).Add(Filled).Add(Cancelled).Add(Expired)
            .Add(ChildOrders).Add(fillTail).Add(childTail).Add(Untracked).Add(Evicted).Add(freeCount).Add(finishedHead).Add(finishedTail);
        for (var i = 0; i < orders.Length; i++)
        {
            ref readonly var o = ref orders[i];
            if (o.OrderId != 0)
            {
                builder.Add(i).Add(o.OrderId).Add((int)o.Status).Add((int)o.Verdict).Add((int)o.EndReason).Add(o.FilledRaw).Add(o.FeesRaw)
                    .Add(o.Children).Add(o.Fills).Add(o.UpdatedTime).Add(o.ReleaseTime).Add(o.ExpireTime).Add(o.DoneTime);
            }
        }

        for (var i = 0; i < children.Length; i++)
        {
            ref readonly var c = ref children[i];
            if (c.ChildId != 0)
            {
                builder.Add(c.ChildId).Add((int)c.Status).Add(c.FilledRaw).Add(c.ClosedRaw).Add(c.AckTime).Add(c.Done);
            }
        }
    }

    private static bool CloseIfDone(ref LedgerChild child)
    {
        if (child.Done || child.FilledRaw + child.ClosedRaw < child.QuantityRaw)
        {
            return false;
        }

        child.Done = true;
        return true;
    }

    private void Finish(int slot, long now)
    {
        ref var o = ref orders[slot];
        o.UpdatedTime = now;
        o.DoneTime = now;
        if (!o.Finished)
        {
            o.Finished = true;
            finished[(int)(finishedTail % finished.Length)] = slot;
            finishedTail++;
        }
    }

    private int TakeSlot()
    {
        if (freeCount > 0)
        {
            return free[--freeCount];
        }

        if (finishedHead == finishedTail)
        {
            return -1;
        }

        var slot = finished[(int)(finishedHead % finished.Length)];
        finishedHead++;
        orderIndex.Remove(orders[slot].OrderId);
        orders[slot] = default;
        Evicted++;
        return slot;
    }
}
