using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// The end of a batch: groups the pending changes by (account, instrument), resolves each group's conflicts, nets
/// what survives into at most one order per group, publishes the orders by execution priority and books every
/// strategy's change. Allocates nothing once its arrays have reached the batch size (they grow with the batch buffer).
/// </summary>
/// <remarks>
/// Sorting uses packed <see langword="long"/> keys and the primitive span sort (no comparer, so nothing is boxed):
/// group key = account (20 bits) · instrument (20 bits) · pending index (23 bits); order key = inverted reason
/// priority (11 bits) · inverted strategy priority (11 bits) · index of the order's lead change (23 bits).
/// </remarks>
internal sealed class BatchFlusher
{
    private const int FieldBits = 20;

    private readonly PendingBatch pending;
    private readonly StrategyTable strategies;
    private readonly AccountPositions positions;
    private readonly ConflictResolver resolver;
    private readonly ExecutionPriorities priorities;
    private readonly OrderAllocationLog allocations;
    private readonly CoordinationCounters counters;
    private readonly IntentSizer sizer;
    private readonly ValueRingBuffer<OrderEvent> orders;
    private readonly LimitClipper clipper;
    private readonly WorkingLedger ledger;
    private readonly RefusalLog refusals;
    private readonly ExecutionAlgorithm[] algorithmOf = new ExecutionAlgorithm[256];
    private long[] keys = [];
    private long[] orderKeys = [];
    private Draft[] drafts = [];

    public BatchFlusher(
        PendingBatch pending,
        StrategyTable strategies,
        AccountPositions positions,
        ConflictResolver resolver,
        ExecutionPriorities priorities,
        OrderAllocationLog allocations,
        CoordinationCounters counters,
        IntentSizer sizer,
        ValueRingBuffer<OrderEvent> orders,
        IReadOnlyList<ExecutionAlgorithm> algorithms,
        LimitClipper clipper,
        WorkingLedger ledger,
        RefusalLog refusals,
        OrderContributors contributors)
    {
        Contributors = contributors;
        this.clipper = clipper;
        this.ledger = ledger;
        this.refusals = refusals;
        this.pending = pending;
        this.strategies = strategies;
        this.positions = positions;
        this.resolver = resolver;
        this.priorities = priorities;
        this.allocations = allocations;
        this.counters = counters;
        this.sizer = sizer;
        this.orders = orders;

        // An urgency byte the enum does not define (corrupt input) is worked like a normal one.
        Array.Fill(algorithmOf, algorithms[(int)IntentUrgency.Normal]);
        for (var u = 0; u < algorithms.Count; u++)
        {
            algorithmOf[u] = algorithms[u];
        }

        EnsureCapacity();
    }

    /// <summary>The id of the last order published (ids are dense from 1).</summary>
    public long LastOrderId { get; private set; }

    /// <summary>Largest account or instrument id a group key can hold.</summary>
    public static int MaxId => (1 << FieldBits) - 1;

    /// <summary>
    /// Resolves and publishes the pending changes of the accounts marked in <paramref name="accounts"/> (those that
    /// had new intents since their last flush). Other accounts' held changes wait untouched: when and how often an
    /// account's deferred changes are retried depends on its own intents only (isolation).
    /// </summary>
    public void Flush(bool[] accounts)
    {
        Unpublished.Clear();
        var failed = true;
        try
        {
            FlushPending(accounts);
            failed = false;
        }
        finally
        {
            if (failed)
            {
                CollectUnpublished(accounts);
            }

            // Even when a flush fails half-way (an overflow), what it saw is cleared: a change published before the
            // failure must not be published again by the next flush — a lost change is safer than a duplicate order.
            pending.Compact(strategies, accounts);
        }
    }

    /// <summary>
    /// After a flush that threw: the live changes of the flushed accounts it had not booked to an order yet. They are
    /// cleared with the rest of the batch (see <see cref="Flush"/>), so the stage refuses each visibly instead.
    /// </summary>
    public List<PendingDelta> Unpublished { get; } = [];

    private void CollectUnpublished(bool[] accounts)
    {
        for (var i = 0; i < pending.Count; i++)
        {
            ref var e = ref pending[i];
            if (e.State == PendingState.Live && e.Delta != 0 && !e.Booked && accounts[e.Account])
            {
                Unpublished.Add(e);
            }
        }
    }

    private void FlushPending(bool[] accounts)
    {
        counters.Batches++;
        EnsureCapacity();
        resolver.BeginFlush();
        var n = 0;
        for (var i = 0; i < pending.Count; i++)
        {
            ref var e = ref pending[i];
            if (e.Delta != 0 && accounts[e.Account])
            {
                keys[n++] = ((long)e.Account << (FieldBits + ConflictResolver.IndexBits)) | ((long)e.Instrument << ConflictResolver.IndexBits) | (long)i;
            }
        }

        var sorted = keys.AsSpan(0, n);
        sorted.Sort();
        var draftCount = 0;
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && (keys[end] >> ConflictResolver.IndexBits) == (keys[start] >> ConflictResolver.IndexBits))
            {
                end++;
            }

            resolver.Resolve(sorted[start..end]);
            if (Net(start, end, out var draft) && Clip(ref draft))
            {
                orderKeys[draftCount++] = OrderKey(ref draft);
                drafts[draft.Lead] = draft;
            }

            start = end;
        }

        var byPriority = orderKeys.AsSpan(0, draftCount);
        byPriority.Sort();
        foreach (var key in byPriority)
        {
            ref var draft = ref drafts[(int)(key & ConflictResolver.IndexMask)];
            var orderId = Publish(ref draft);
            Book(draft.Start, draft.End, orderId);
        }
    }

    /// <summary>Nets the live changes of keys [start, end); false when there is no order (nothing left, or an exact cross — booked here).</summary>
    private bool Net(int start, int end, out Draft draft)
    {
        draft = new Draft { Start = start, End = end, Lead = -1, Timestamp = long.MinValue };
        var contributors = 0;
        for (var k = start; k < end; k++)
        {
            ref var e = ref pending[(int)(keys[k] & ConflictResolver.IndexMask)];
            if (e.State == PendingState.Live && e.Delta != 0)
            {
                draft.Net += e.Delta;
                draft.Timestamp = Math.Max(draft.Timestamp, e.Timestamp);
                contributors++;
            }
        }

        if (contributors == 0)
        {
            return false;
        }

        if (draft.Net == 0)
        {
            // Opposite changes of equal size: each strategy's position moves, the account's does not; nothing to send.
            counters.InternalCrosses++;
            Book(start, end, orderId: 0);
            return false;
        }

        // The lead is the best change in the direction of the net: it names the order's strategy, reason and source.
        var leadRank = long.MinValue;
        for (var k = start; k < end; k++)
        {
            var index = (int)(keys[k] & ConflictResolver.IndexMask);
            ref var e = ref pending[index];
            if (e.State != PendingState.Live || e.Delta == 0 || Math.Sign(e.Delta) != Math.Sign(draft.Net))
            {
                continue;
            }

            draft.Urgency = (IntentUrgency)Math.Max((byte)draft.Urgency, (byte)e.Urgency);
            var rank = ((long)priorities.OfReason(e.Reason) << 40) | ((long)(strategies[e.Strategy]!.StrategyPriority + (1 << 16)) << 23) | (ConflictResolver.IndexMask - index);
            if (rank > leadRank)
            {
                (leadRank, draft.Lead) = (rank, index);
            }
        }

        draft.Contributors = contributors;
        return true;
    }

    /// <summary>
    /// Cuts the draft's net order to the risk limits (<see cref="LimitClipper"/>); the cut comes off the changes on the
    /// net's side, pro rata in whole lots, and each cut change is marked so the rest of its strategy's target is worked
    /// over time. False when nothing is left to send (the live changes are then booked here, as an internal cross).
    /// </summary>
    private bool Clip(ref Draft draft)
    {
        if (!clipper.IsActive)
        {
            return true;
        }

        ref var lead = ref pending[draft.Lead];
        var price = lead.Price > 0 ? lead.Price : sizer.LastPrice(lead.Account, lead.Instrument);
        var clipped = clipper.Clip(lead.Account, lead.Instrument, draft.Net, price, out var reason);
        if (clipped == draft.Net)
        {
            return true;
        }

        counters.ClippedOrders++;
        var sign = Math.Sign(draft.Net);
        var cut = Math.Abs(draft.Net - clipped);
        long total = 0;
        for (var k = draft.Start; k < draft.End; k++)
        {
            ref var e = ref pending[(int)(keys[k] & ConflictResolver.IndexMask)];
            if (e.State == PendingState.Live && Math.Sign(e.Delta) == sign)
            {
                total += Math.Abs(e.Delta);
            }
        }

        // Pro rata, rounded up to lots (so the cuts cover the excess), none cut beyond its own change; a second pass
        // takes whatever rounding left from the changes in arrival order.
        var lot = sizer.Lot[lead.Instrument];
        var left = cut;
        for (var pass = 0; pass < 2 && left > 0; pass++)
        {
            for (var k = draft.Start; k < draft.End && left > 0; k++)
            {
                ref var e = ref pending[(int)(keys[k] & ConflictResolver.IndexMask)];
                if (e.State != PendingState.Live || Math.Sign(e.Delta) != sign)
                {
                    continue;
                }

                var size = Math.Abs(e.Delta);
                var share = pass == 0 ? (long)(((Int128)cut * size + total - 1) / total) : size;
                share = Math.Min(Math.Min((share + lot - 1) / lot * lot, size), left);
                if (share == 0)
                {
                    continue;
                }

                e.Delta -= sign * share;
                e.Clipped = true;
                e.ClipReason = reason;
                left -= share;
            }
        }

        draft.Net = clipped;
        if (clipped != 0)
        {
            return true;
        }

        counters.ClippedToZero++;
        Book(draft.Start, draft.End, orderId: 0);
        return false;
    }

    /// <summary>
    /// Publishes an operator's order (an <see cref="IntentReason.Operator"/> trade of no strategy) as it is: it takes part in
    /// no conflict, netting or sizing — the operator asked for exactly this quantity. Returns its order id.
    /// </summary>
    public long PublishOperatorOrder(in IntentEvent intent)
    {
        var sequence = orders.Next();
        ref var order = ref orders[sequence];
        order = default;
        order.Type = intent.OrderType == OrderType.None ? OrderType.Market : intent.OrderType; // limit: LimitPrice = ReferencePrice
        order.TimeInForce = intent.TimeInForce;
        order.Side = intent.Side;
        order.Algorithm = intent.Algorithm ?? algorithmOf[(byte)intent.Urgency];
        order.Urgency = intent.Urgency;
        order.Strategy = StrategyId.None;
        order.Account = intent.Account;
        order.Instrument = intent.Instrument;
        order.Timestamp = intent.Timestamp;
        order.Quantity = intent.Quantity;
        order.LimitPrice = intent.ReferencePrice;
        order.OrderId = ++LastOrderId;
        order.SourceSequence = intent.SourceSequence;
        order.Reason = IntentReason.Operator;
        order.RiskVerdict = RiskVerdict.Pending;
        orders.Publish(sequence);
        counters.OrdersPublished++;
        if ((uint)intent.Instrument.Value < (uint)sizer.Lot.Length && intent.Quantity.Raw > 0)
        {
            ledger.Published(intent.Account.Value, intent.Instrument.Value, intent.Side == OrderSide.Buy, intent.Quantity.Raw);
            Contributors.Start(order.OrderId, intent.Quantity.Raw);
        }

        return order.OrderId;
    }

    private long OrderKey(ref Draft draft)
    {
        ref var lead = ref pending[draft.Lead];
        long reason = Config.ExecutionPriorityRule.MaxPriority - priorities.OfReason(lead.Reason);
        long strategy = Config.ExecutionPriorityRule.MaxPriority - strategies[lead.Strategy]!.StrategyPriority;
        return (reason << (11 + ConflictResolver.IndexBits)) | (strategy << ConflictResolver.IndexBits) | (long)draft.Lead;
    }

    private long Publish(ref Draft draft)
    {
        ref var lead = ref pending[draft.Lead];
        var orderId = ++LastOrderId;
        var sequence = orders.Next();
        ref var order = ref orders[sequence];
        order = default;
        order.Type = OrderType.Market;
        order.Side = draft.Net > 0 ? OrderSide.Buy : OrderSide.Sell;
        order.Algorithm = algorithmOf[(byte)draft.Urgency];
        order.Urgency = draft.Urgency;
        order.Strategy = new StrategyId(lead.Strategy);
        order.Account = new AccountId(lead.Account);
        order.Instrument = new InstrumentId(lead.Instrument);
        order.Timestamp = draft.Timestamp;
        order.Quantity = Quantity.FromRaw(Math.Abs(draft.Net));
        order.LimitPrice = Price.FromRaw(lead.Price > 0 ? lead.Price : sizer.LastPrice(lead.Account, lead.Instrument));
        order.OrderId = orderId;
        order.SourceSequence = lead.SourceSequence;
        order.Reason = lead.Reason;
        order.RiskVerdict = RiskVerdict.Pending;
        orders.Publish(sequence);
        counters.OrdersPublished++;
        ledger.Published(lead.Account, lead.Instrument, draft.Net > 0, Math.Abs(draft.Net));
        Contributors.Start(orderId, Math.Abs(draft.Net));
        if (draft.Contributors > 1)
        {
            counters.NettedOrders++;
        }

        return orderId;
    }

    /// <summary>Who contributed to which order (for handing back what an order never traded).</summary>
    public OrderContributors Contributors { get; }

    /// <summary>Moves each live change of keys [start, end) into its strategy's ordered position and the allocation log.</summary>
    private void Book(int start, int end, long orderId)
    {
        for (var k = start; k < end; k++)
        {
            ref var e = ref pending[(int)(keys[k] & ConflictResolver.IndexMask)];
            if (e.State != PendingState.Live || e.Delta == 0)
            {
                if (e.State == PendingState.Live && e.Clipped)
                {
                    NoteUnreachable(ref e);
                }

                continue;
            }

            e.Booked = true;
            var book = strategies[e.Strategy]!;
            var before = book.Ordered[e.Instrument];
            var after = checked(before + e.Delta);
            book.Ordered[e.Instrument] = after;
            positions.Apply(e.Account, e.Instrument, before, after);
            UpdateEntry(book, e.Instrument, before, after, e.Price > 0 ? e.Price : sizer.LastPrice(e.Account, e.Instrument));
            if (e.Clipped && orderId != 0)
            {
                // The rest of the target goes when this order is done (see OrderGate).
                book.WorkingOrder[e.Instrument] = orderId;
                book.WorkingSign[e.Instrument] = Math.Sign(e.Delta);
            }

            allocations.Add(new OrderAllocation(orderId, book.Id, book.Account, new InstrumentId(e.Instrument), Quantity.FromRaw(e.Delta), e.Timestamp));
            if (orderId != 0)
            {
                Contributors.Add(orderId, e.Strategy, e.Delta);
            }
        }
    }

    /// <summary>
    /// Average entry of the strategy's ordered position at the reference prices it was ordered at: a growing position
    /// averages in the new part, a shrinking one keeps its entry, a position that flips side starts again at the price.
    /// </summary>
    private static void UpdateEntry(StrategyBook book, int instrument, long before, long after, long priceRaw)
    {
        var price = Price.FromRaw(priceRaw).ToDouble();
        if (after == 0)
        {
            book.AverageEntry[instrument] = 0;
        }
        else if (before == 0 || Math.Sign(before) != Math.Sign(after))
        {
            book.AverageEntry[instrument] = price;
        }
        else if (Math.Abs(after) > Math.Abs(before) && price > 0)
        {
            var held = Math.Abs((double)before);
            var added = Math.Abs((double)after) - held;
            book.AverageEntry[instrument] = ((book.AverageEntry[instrument] * held) + (price * added)) / (held + added);
        }
    }

    /// <summary>A strategy's change that the limits cut to nothing: noted once per target in the refusal log.</summary>
    private void NoteUnreachable(ref PendingDelta e)
    {
        var book = strategies[e.Strategy]!;
        var target = book.Target[e.Instrument];
        if (book.NotedTarget[e.Instrument] == target)
        {
            return;
        }

        book.NotedTarget[e.Instrument] = target;
        refusals.Add(new RefusalRecord
        {
            Timestamp = e.Timestamp,
            Account = book.Account,
            Strategy = book.Id,
            Instrument = new InstrumentId(e.Instrument),
            Source = RefusalSource.Sizing,
            Reason = e.ClipReason,
            Quantity = Quantity.FromRaw(target - book.Ordered[e.Instrument]),
            Target = Quantity.FromRaw(target),
        });
    }

    private void EnsureCapacity()
    {
        if (keys.Length < pending.Capacity)
        {
            keys = new long[pending.Capacity];
            orderKeys = new long[pending.Capacity];
            drafts = new Draft[pending.Capacity];
        }
    }

    /// <summary>One order in the making: the keys of its group, its net and its lead change.</summary>
    private struct Draft
    {
        public int Start;
        public int End;
        public int Lead;
        public int Contributors;
        public long Net;
        public long Timestamp;
        public IntentUrgency Urgency;
    }
}
