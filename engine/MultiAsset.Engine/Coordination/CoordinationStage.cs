using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Stage 3: consumes the intent ring and is the only producer of the order ring. Per strategy it owns the account,
/// the asset-class weights (within the document's band), the capital share and what it has ordered per instrument;
/// per batch of intents it detects and resolves conflicts between strategies, nets every account's changes into at
/// most one order per instrument, and publishes the orders by execution priority.
/// </summary>
/// <remarks>
/// <para><b>Batches.</b> Intents are sized as they arrive into pending changes (one per strategy and instrument: a
/// later intent supersedes or adds to the earlier one); conflicts are looked for among the changes of one group —
/// the intents caused by one input event (same <see cref="IntentEvent.SourceSequence"/>) — which is flushed when the
/// next group starts, when a forwarded event (report, heartbeat, kill switch, digest marker) arrives, or at the end of
/// the ring batch. With the signal stage fused before it (the default) a group is always complete when the batch
/// ends, so results do not depend on batching and a replay rebuilds them exactly; on separate threads a group can be
/// split by timing.</para>
/// <para><b>Isolation.</b> Everything is keyed by account: conflicts, netting, capital shares (each account keeps its
/// own reallocation clock, driven by its own intents' time), the deferral budget. Only order ids are engine-wide.
/// An intent whose account is not its strategy's is refused.</para>
/// <para><b>Sizing</b> is done by <see cref="IntentSizer"/>: the budget (account base currency) is divided by the value
/// of one unit converted from the instrument's quote currency at the live FX rate (<see cref="ICoordinationAccountView"/>,
/// read in place on this thread like the capital). <b>Limits</b>: each account's netted order is clipped at the flush to
/// the gate's own resolved limits (<see cref="LimitClipper"/>); a target larger than one order may carry is worked over
/// time, one clip per strategy and instrument at a time (<see cref="OrderGate"/>). <b>Back-off</b>: a risk refusal blocks
/// the strategy on the instrument (<see cref="OrderGate"/>) and is logged once (<see cref="Refusals"/>).</para>
/// <para><b>Hot path.</b> Per intent: array indexing and arithmetic, no allocation. Registration (a control event)
/// allocates the strategy's book; the batch buffer grows (doubling) while batches grow during warm-up.</para>
/// </remarks>
public sealed class CoordinationStage : IValueEventHandler<IntentEvent>, IStateDigest
{
    private readonly InstrumentCatalog catalog;
    private readonly AccountDirectory accounts;
    private readonly StrategyRegistry registry;
    private readonly ExecutionPriorities priorities;
    private readonly ConflictRuleTable rules;
    private readonly StrategyTable strategies;
    private readonly AccountPositions positions;
    private readonly PendingBatch pending;
    private readonly IntentSizer sizer;
    private readonly CapitalAllocator allocator;
    private readonly BatchFlusher flusher;
    private readonly ValueRingBuffer<OrderEvent> orderRing;
    private readonly WorkingLedger ledger;
    private readonly OrderGate gate;
    private readonly Valuation valuation;
    private readonly DigestRequest digest = new();
    private long group = -1;
    private bool dirty;
    private readonly bool[] dirtyAccounts;

    /// <summary>Creates the stage.</summary>
    /// <param name="catalog">The instrument catalogue (lot sizes, asset classes).</param>
    /// <param name="accounts">The accounts (dense ids).</param>
    /// <param name="registry">Strategy documents, read when a strategy's <see cref="IntentKind.StrategyRegistered"/> intent arrives.</param>
    /// <param name="orderRing">The order ring; this stage is its only producer.</param>
    /// <param name="capital">Account equity the strategies size against.</param>
    /// <param name="config">Rules and capacities; <see cref="CoordinationConfig.Default"/> when null.</param>
    /// <param name="volatility">Required when an account uses <see cref="CapitalAllocationMethod.InverseVolatility"/>.</param>
    /// <param name="performance">Required when an account uses <see cref="CapitalAllocationMethod.PerformanceWeighted"/>.</param>
    /// <param name="limits">The risk gate's limits, to size orders inside them; none when null. Marks, FX rates and
    /// exposures come from <paramref name="capital"/> when it is an <see cref="ICoordinationAccountView"/>.</param>
    /// <exception cref="ConfigurationException">The configuration names an unknown account or a method without its source.</exception>
    public CoordinationStage(
        InstrumentCatalog catalog,
        AccountDirectory accounts,
        StrategyRegistry registry,
        ValueRingBuffer<OrderEvent> orderRing,
        IAccountCapital capital,
        CoordinationConfig? config = null,
        IInstrumentVolatility? volatility = null,
        IStrategyPerformance? performance = null,
        RiskConfig? limits = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(orderRing);
        ArgumentNullException.ThrowIfNull(capital);
        config ??= CoordinationConfig.Default;
        if (accounts.Count == 0 || accounts.Count > BatchFlusher.MaxId || catalog.Count > BatchFlusher.MaxId)
        {
            throw new ArgumentException($"The coordination stage handles 1..{BatchFlusher.MaxId} accounts and up to {BatchFlusher.MaxId} instruments.", nameof(accounts));
        }

        this.catalog = catalog;
        this.orderRing = orderRing;
        dirtyAccounts = new bool[accounts.Count];
        this.accounts = accounts;
        this.registry = registry;
        Counters = new CoordinationCounters();
        Conflicts = new ConflictLog(config.ConflictLogCapacity);
        Allocations = new OrderAllocationLog(config.AllocationLogCapacity);
        priorities = new ExecutionPriorities(config.ExecutionPriority);
        rules = new ConflictRuleTable(config.ConflictResolution, accounts);
        strategies = new StrategyTable(accounts.Count);
        positions = new AccountPositions(accounts.Count, catalog.Count);
        pending = new PendingBatch(Math.Max(256, catalog.Count * 4));
        Refusals = new RefusalLog(config.RefusalLogCapacity);
        var contributors = new OrderContributors();
        valuation = new Valuation(capital as ICoordinationAccountView);
        gate = new OrderGate(contributors, Counters, (long)config.BackoffInitial.TotalNanoseconds, (long)config.BackoffMax.TotalNanoseconds, (long)config.BackoffMinRetry.TotalNanoseconds);
        sizer = new IntentSizer(catalog, strategies, pending, capital, rules, Conflicts, Counters, valuation, gate);
        ledger = new WorkingLedger(accounts.Count, catalog.Count, sizer.ClassOf);
        var clipper = new LimitClipper(new OrderLimitTable(limits, accounts.Count, catalog.Count), valuation, ledger, catalog, sizer.Lot, sizer.ClassOf);
        allocator = new CapitalAllocator(config, accounts, strategies, volatility, performance, Counters);
        var resolver = new ConflictResolver(pending, strategies, positions, rules, priorities, Conflicts, Counters, sizer, config.MaxIntentsDeferred);
        flusher = new BatchFlusher(pending, strategies, positions, resolver, priorities, Allocations, Counters, sizer, orderRing, config.Algorithms, clipper, ledger, Refusals, contributors);
    }

    /// <inheritdoc />
    public string DigestName => "coordination";

    /// <summary>What the stage did and refused.</summary>
    public CoordinationCounters Counters { get; }

    /// <summary>Recent conflicts and per-condition/resolution counts.</summary>
    public ConflictLog Conflicts { get; }

    /// <summary>Targets that could not be (fully) ordered: risk refusals and limits that left no room, each once.</summary>
    public RefusalLog Refusals { get; }

    /// <summary>Recent order allocations (which strategy got how much of which order).</summary>
    public OrderAllocationLog Allocations { get; }

    /// <summary>Id of the last order published (= orders published; ids are dense from 1).</summary>
    public long LastOrderId => flusher.LastOrderId;

    /// <summary>Number of registered strategies.</summary>
    public int StrategyCount => strategies.Count;

    /// <summary>Changes waiting for the end of the batch or held by Defer.</summary>
    public int PendingChanges => pending.Count;

    /// <summary>The digest taken at the digest marker (the host's <c>--digest-at</c>), once seen.</summary>
    public ulong? RequestedDigest => digest.Value;

    /// <inheritdoc />
    public void OnEvent(ref IntentEvent evt, long sequence, bool endOfBatch)
    {
        if (evt.Kind == IntentKind.None)
        {
            // An empty slot (a producer that failed half-way): nothing to apply, and no reason to cut the group.
            Counters.Ignored++;
        }
        else if (evt.IsTradingIntent || evt.Kind is IntentKind.StrategyRegistered or IntentKind.Rebalance or IntentKind.HedgeBeta)
        {
            // The intents one input event caused are one group: flushing when the group changes (not only at the ring
            // batch's end) makes conflict windows the same whatever the batching, so a replay rebuilds the same state.
            if (evt.SourceSequence != group)
            {
                Flush();
                group = evt.SourceSequence;
            }

            ApplyGuarded(ref evt);
        }
        else
        {
            // Reports, heartbeats, kill switches and digest markers are in order with the orders: publish what is
            // pending first, then pass them on.
            Flush();
            Forward(ref evt);
        }

        if (endOfBatch)
        {
            Flush();
        }
    }

    /// <summary>
    /// Applies an intent; an exception on the way refuses it with <see cref="RiskVerdict.StageFault"/> (<see cref="Fault"/>)
    /// instead of losing it silently.
    /// </summary>
    private void ApplyGuarded(ref IntentEvent evt)
    {
        try
        {
            Apply(ref evt);
        }
        catch (Exception)
        {
            Fault(ref evt);
        }
    }

    /// <summary>
    /// Handling the strategy's intent threw: it is refused as the gate's refusals are — logged once in the refusals with
    /// <see cref="RiskVerdict.StageFault"/>, the strategy backed off the instrument (so it does not re-send into the fault
    /// on every event) — and counted. Never throws.
    /// </summary>
    private void Fault(ref IntentEvent evt)
    {
        Counters.StageFaults++;
        RefuseForFault(evt.Strategy.Value, evt.Instrument.Value, evt.Timestamp, evt.Quantity);
    }

    /// <summary>
    /// Logs a <see cref="RiskVerdict.StageFault"/> refusal of the strategy's change and backs it off the instrument, as
    /// the gate's refusals are. Never throws.
    /// </summary>
    private void RefuseForFault(int strategy, int instrument, long timestamp, Quantity quantity)
    {
        try
        {
            if ((uint)strategy >= StrategyRegistry.Capacity || strategies[strategy] is not { } book
                || (uint)instrument >= (uint)catalog.Count)
            {
                return;
            }

            var until = gate.Block(book, instrument, timestamp, 0);
            Refusals.Add(new RefusalRecord
            {
                Timestamp = timestamp,
                Account = book.Account,
                Strategy = book.Id,
                Instrument = new InstrumentId(instrument),
                Source = RefusalSource.Stage,
                Reason = RiskVerdict.StageFault,
                Quantity = quantity,
                Target = Quantity.FromRaw(book.Target[instrument]),
                BlockedUntil = until,
                Level = book.BackoffLevel[instrument],
            });
        }
        catch (Exception)
        {
            // Counted by the caller; nothing more can be done for it here.
        }
    }

    private void Apply(ref IntentEvent evt)
    {
        Counters.Intents++;
        var operatorOrder = !evt.Strategy.IsValid && evt.Kind == IntentKind.Trade && evt.Reason == IntentReason.Operator;
        if (!operatorOrder)
        {
            // Operator orders take part in no conflict: they must not count as new intents of their account, or a big
            // batch would spend the account's deferred changes' retries.
            dirty = true;
            if ((uint)evt.Account.Value < (uint)dirtyAccounts.Length)
            {
                dirtyAccounts[evt.Account.Value] = true;
            }
        }

        // A batch larger than the buffer's hard limit cannot be held at once: flush what is there (never in practice).
        if (pending.Count > PendingBatch.HardLimit - catalog.Count - 1)
        {
            Counters.EarlyFlushes++;
            Flush();
        }

        if (evt.Kind == IntentKind.StrategyRegistered)
        {
            Register(ref evt);
        }
        else if (!evt.Strategy.IsValid && evt.Kind == IntentKind.Close && (uint)evt.Account.Value < (uint)accounts.Count)
        {
            CloseForAccount(ref evt);
        }
        else if (!evt.Strategy.IsValid && evt.Kind == IntentKind.Trade && evt.Reason == IntentReason.Operator && (uint)evt.Account.Value < (uint)accounts.Count)
        {
            // An operator's order: published as asked, after what is pending, outside any strategy's book.
            Flush();
            flusher.PublishOperatorOrder(in evt);
        }
        else if ((uint)evt.Strategy.Value >= StrategyRegistry.Capacity || strategies[evt.Strategy.Value] is not { } book)
        {
            Counters.UnknownStrategy++;
        }
        else if (evt.Account != book.Account)
        {
            Counters.AccountMismatch++;
        }
        else
        {
            allocator.Observe(book.Account.Value, evt.Timestamp);
            sizer.Apply(ref evt, book);
        }
    }

    /// <summary>
    /// An account-level close (the stop-loss monitor's: no strategy): every strategy of the account that holds the
    /// instrument closes its share.
    /// </summary>
    private void CloseForAccount(ref IntentEvent evt)
    {
        foreach (var book in strategies.OfAccount(evt.Account.Value))
        {
            if (OrderedPosition(book.Id, evt.Instrument).Raw != 0)
            {
                var close = evt;
                close.Strategy = book.Id;
                sizer.Apply(ref close, book);
            }
        }
    }

    private void Forward(ref IntentEvent evt)
    {
        switch (evt.Kind)
        {
            case IntentKind.DigestMarker:
                digest.Take(this);
                PublishForwarded(ref evt, OrderEventKind.DigestMarker);
                break;
            case IntentKind.Execution:
                Counters.Forwarded++;
                OnReport(ref evt);
                PublishForwarded(ref evt, OrderEventKind.Execution);
                SweepBlocks(evt.Timestamp);
                Flush();
                break;
            case IntentKind.Heartbeat:
                PublishForwarded(ref evt, OrderEventKind.Heartbeat);
                SweepBlocks(evt.Timestamp);
                Flush();
                break;
            case IntentKind.KillSwitch:
                Counters.Forwarded++;
                PublishForwarded(ref evt, OrderEventKind.KillSwitch);
                break;
            default:
                Counters.Ignored++;
                break;
        }
    }

    /// <summary>
    /// An execution report on its way back: fills move the working ledger and lift back-offs; the router's parent-level
    /// cancel hands the unfilled quantity back (<see cref="ReleaseUnfilled"/>) and, when the gate refused the order
    /// (<see cref="VenueRejectReason.RiskRefused"/>), backs its strategies off the instrument. An order that is done
    /// (filled, or handed back) lets the next clip of a worked target go (published after the report, so the gate sees
    /// the report first).
    /// </summary>
    private void OnReport(ref IntentEvent evt)
    {
        ref readonly var report = ref evt.Execution;
        var instrument = evt.Instrument.Value;
        var account = evt.Account.Value;
        if ((uint)instrument >= (uint)catalog.Count || (uint)account >= (uint)accounts.Count || report.Quantity.Raw <= 0)
        {
            return;
        }

        var parent = ChildOrderId.ParentOf(report.OrderId);
        var isBuy = report.Side == OrderSide.Buy;
        var parentLevel = ChildOrderId.IndexOf(report.OrderId) == ChildOrderId.MaxChildren - 1;
        Span<int> contributors = stackalloc int[OrderContributors.MaxPerOrder];
        if (report.Type == ExecutionType.Fill)
        {
            ledger.Filled(account, instrument, isBuy, report.Quantity.Raw);
            var n = Contributors(parent, ref evt, contributors);
            for (var k = 0; k < n; k++)
            {
                if (strategies[contributors[k]] is { } book)
                {
                    gate.OnFill(book, instrument);
                }
            }

            if (flusher.Contributors.Reduce(parent, report.Quantity.Raw))
            {
                Finished(parent, instrument, evt.Timestamp, contributors[..n]);
            }
        }
        else if (report.Type == ExecutionType.Cancelled && parentLevel)
        {
            ReleaseUnfilled(ref evt);
            ledger.Released(account, instrument, isBuy, report.Quantity.Raw);
            var n = Contributors(parent, ref evt, contributors);
            var refused = report.RejectReason == VenueRejectReason.RiskRefused;
            if (refused)
            {
                Refused(ref evt, (RiskVerdict)report.Venue, contributors[..n]);
            }

            if (flusher.Contributors.Reduce(parent, report.Quantity.Raw) && !refused)
            {
                Finished(parent, instrument, evt.Timestamp, contributors[..n]);
            }
        }
    }

    private int Contributors(long parent, ref IntentEvent evt, Span<int> output)
    {
        var n = flusher.Contributors.StrategiesOf(parent, output);
        if (n == 0 && evt.Strategy.IsValid)
        {
            output[0] = evt.Strategy.Value;
            n = 1;
        }

        return n;
    }

    /// <summary>The gate refused an order: each strategy in it backs off the instrument and the refusal is logged once.</summary>
    private void Refused(ref IntentEvent evt, RiskVerdict verdict, ReadOnlySpan<int> contributors)
    {
        Counters.GateRefusals++;
        var instrument = evt.Instrument.Value;
        var notBefore = 0L;
        if (verdict is RiskVerdict.MarketClosed or RiskVerdict.HeldUntilOpen)
        {
            // Closed now: nothing will pass before the next session opens.
            var open = catalog[evt.Instrument].Calendar.SessionAt(evt.Timestamp).Open;
            notBefore = open > evt.Timestamp ? open : 0;
        }

        for (var k = 0; k < contributors.Length; k++)
        {
            if ((uint)contributors[k] >= StrategyRegistry.Capacity || strategies[contributors[k]] is not { } book)
            {
                continue;
            }

            var until = gate.Block(book, instrument, evt.Timestamp, notBefore);
            var quantity = evt.Execution.Side == OrderSide.Buy ? evt.Execution.Quantity.Raw : -evt.Execution.Quantity.Raw;
            Refusals.Add(new RefusalRecord
            {
                Timestamp = evt.Timestamp,
                Account = book.Account,
                Strategy = book.Id,
                Instrument = evt.Instrument,
                Source = RefusalSource.Gate,
                Reason = verdict,
                Quantity = Quantity.FromRaw(quantity),
                Target = Quantity.FromRaw(book.Target[instrument]),
                BlockedUntil = until,
                Level = book.BackoffLevel[instrument],
            });
        }
    }

    /// <summary>An order is done: each of its strategies whose target is not reached sends its next clip.</summary>
    private void Finished(long parent, int instrument, long now, ReadOnlySpan<int> contributors)
    {
        for (var k = 0; k < contributors.Length; k++)
        {
            if ((uint)contributors[k] >= StrategyRegistry.Capacity || strategies[contributors[k]] is not { } book)
            {
                continue;
            }

            if (book.WorkingOrder[instrument] == parent)
            {
                book.WorkingOrder[instrument] = 0;
                NextClip(book, instrument, now);
            }
        }
    }

    /// <summary>Sends the rest of <paramref name="book"/>'s target on <paramref name="instrument"/> (clipped again at the flush).</summary>
    private void NextClip(StrategyBook book, int instrument, long now)
    {
        if (!book.HasTarget[instrument] || book.Target[instrument] == book.Ordered[instrument] || book.BlockedUntil[instrument] != 0)
        {
            return;
        }

        var price = sizer.CurrentPrice(book.Account.Value, instrument);
        if (price <= 0)
        {
            return;
        }

        var intent = default(IntentEvent);
        intent.Kind = IntentKind.TargetPosition;
        intent.Strategy = book.Id;
        intent.Account = book.Account;
        intent.Instrument = new InstrumentId(instrument);
        intent.Timestamp = now;
        intent.Reason = IntentReason.Resize;
        intent.Urgency = IntentUrgency.Normal;
        intent.SourceSequence = group;
        Counters.NextClips++;
        sizer.SetTarget(book, instrument, book.Target[instrument], ref intent, price);
        dirty = true;
        dirtyAccounts[book.Account.Value] = true;
    }

    /// <summary>When some back-off has expired by <paramref name="now"/>: lifts the expired blocks and resends the rest of their targets.</summary>
    private void SweepBlocks(long now)
    {
        if (now < gate.NextExpiry)
        {
            return;
        }

        var next = long.MaxValue;
        for (var a = 0; a < accounts.Count; a++)
        {
            var books = strategies.OfAccount(a);
            for (var b = 0; b < books.Count; b++)
            {
                var book = books[b];
                for (var t = 0; t < book.TouchedCount; t++)
                {
                    var i = book.Touched[t];
                    var until = book.BlockedUntil[i];
                    if (until == 0)
                    {
                        continue;
                    }

                    if (until > now)
                    {
                        next = Math.Min(next, until);
                        continue;
                    }

                    book.BlockedUntil[i] = 0;
                    Counters.Unblocked++;
                    NextClip(book, i, now);
                }
            }
        }

        gate.Swept(next);
    }

    /// <summary>
    /// The router's parent-level cancel (an order the risk gate refused, or whose rest a kill switch stopped) gives the
    /// unfilled quantity back: the strategy's ordered position drops by it, so what coordination believes a strategy
    /// holds stays "filled + working" and the strategy's next intent is sized from the truth.
    /// </summary>
    private void ReleaseUnfilled(ref IntentEvent evt)
    {
        ref readonly var report = ref evt.Execution;
        if (report.Type != ExecutionType.Cancelled || ChildOrderId.IndexOf(report.OrderId) != ChildOrderId.MaxChildren - 1
            || (uint)evt.Instrument.Value >= (uint)catalog.Count)
        {
            return;
        }

        // A netted order goes back to the strategies on its side in proportion to what each put in; an order no longer
        // known (or a one-strategy order) to the strategy it was published for.
        var unfilled = report.Side == OrderSide.Buy ? report.Quantity.Raw : -report.Quantity.Raw;
        Span<(int Strategy, long Share)> shares = stackalloc (int, long)[OrderContributors.MaxPerOrder];
        var n = flusher.Contributors.Split(ChildOrderId.ParentOf(report.OrderId), unfilled, catalog[evt.Instrument].LotSize.Raw, shares);
        if (n == 0 && evt.Strategy.IsValid)
        {
            shares[0] = (evt.Strategy.Value, unfilled);
            n = 1;
        }

        for (var i = 0; i < n; i++)
        {
            if ((uint)shares[i].Strategy >= StrategyRegistry.Capacity || strategies[shares[i].Strategy] is not { } book)
            {
                continue;
            }

            var instrument = evt.Instrument.Value;
            var before = book.Ordered[instrument];
            var after = before - shares[i].Share;
            book.Ordered[instrument] = after;
            positions.Apply(book.Account.Value, instrument, before, after);
            if (after == 0)
            {
                book.AverageEntry[instrument] = 0;
            }
        }

        Counters.Released++;
    }

    private void PublishForwarded(ref IntentEvent evt, OrderEventKind kind)
    {
        var slot = orderRing.Next();
        ref var order = ref orderRing[slot];
        order = default;
        order.Kind = kind;
        order.Account = evt.Account;
        order.Strategy = evt.Strategy;
        order.Instrument = evt.Instrument;
        order.Timestamp = evt.Timestamp;
        if (kind == OrderEventKind.Execution)
        {
            order.Execution = evt.Execution;
        }
        else
        {
            order.SourceSequence = evt.SourceSequence;
            order.Quantity = Quantity.FromRaw(kind == OrderEventKind.KillSwitch && evt.Weight != 0 ? 1 : 0);
        }

        orderRing.Publish(slot);
    }

    /// <summary>The document id of <paramref name="strategy"/>, or null when it is not registered here.</summary>
    public string? StrategyName(StrategyId strategy) => strategies[strategy.Value]?.DocumentId;

    /// <summary>What <paramref name="strategy"/> has ordered of <paramref name="instrument"/> (signed).</summary>
    public Quantity OrderedPosition(StrategyId strategy, InstrumentId instrument)
        => strategies[strategy.Value] is { } book && (uint)instrument.Value < (uint)book.Ordered.Length ? Quantity.FromRaw(book.Ordered[instrument.Value]) : Quantity.Zero;

    /// <summary>What the strategies of <paramref name="account"/> have ordered of <paramref name="instrument"/> together (signed).</summary>
    public Quantity AccountPosition(AccountId account, InstrumentId instrument) => Quantity.FromRaw(positions.Net(account.Value, instrument.Value));

    /// <summary>The share of its account's capital <paramref name="strategy"/> sizes with (fraction); NaN when not registered.</summary>
    public double CapitalShare(StrategyId strategy) => strategies[strategy.Value]?.CapitalShare ?? double.NaN;

    /// <summary>The target weight of <paramref name="assetClass"/> for <paramref name="strategy"/> (fraction); NaN when not registered.</summary>
    public double ClassWeight(StrategyId strategy, AssetClass assetClass) => strategies[strategy.Value]?.ClassWeight[(int)assetClass] ?? double.NaN;

    /// <summary>
    /// Whether <paramref name="strategy"/> has capital to trade with, and why not: its share, its capital (account equity ×
    /// share, base currency) and a reason when it is zero. For the strategy view (<c>GET /strategies/{id}</c>) and the
    /// reply to a deploy; null when the strategy is not registered here. Stage thread or stopped pipeline.
    /// </summary>
    public StrategyCapitalStatus? CapitalStatus(StrategyId strategy)
    {
        if (strategies[strategy.Value] is not { } book)
        {
            return null;
        }

        var capital = sizer.StrategyCapital(book);
        var reason = book.ZeroCapitalReason
            ?? (book.CapitalShare <= 0 ? "capital share is 0 %" : capital <= 0 ? "the account's equity is zero or negative" : null);
        return new StrategyCapitalStatus(book.CapitalShare, capital, capital > 0, reason);
    }

    /// <summary>Engine time until which <paramref name="strategy"/> is backed off on <paramref name="instrument"/>; 0 when it is not.</summary>
    public long BlockedUntil(StrategyId strategy, InstrumentId instrument)
        => strategies[strategy.Value] is { } book && (uint)instrument.Value < (uint)book.BlockedUntil.Length ? book.BlockedUntil[instrument.Value] : 0;

    /// <summary>The position <paramref name="strategy"/> last asked for in <paramref name="instrument"/> (what clipped orders work toward); null when none.</summary>
    public Quantity? TargetPosition(StrategyId strategy, InstrumentId instrument)
        => strategies[strategy.Value] is { } book && (uint)instrument.Value < (uint)book.Target.Length && book.HasTarget[instrument.Value] ? Quantity.FromRaw(book.Target[instrument.Value]) : null;

    /// <summary>The allocation method in force for <paramref name="account"/>.</summary>
    public CapitalAllocationMethod AllocationMethod(AccountId account) => allocator.MethodOf(account);

    /// <summary>Recomputes the capital shares of <paramref name="account"/> now (stage thread, or a stopped pipeline).</summary>
    public void Reallocate(AccountId account) => allocator.Reallocate(account.Value);

    /// <summary>
    /// The answer to <c>GET /api/multi-asset/conflicts</c>: counts and the last <paramref name="limit"/> conflicts with
    /// names resolved. Copies (allocates): call from the stage thread or once the pipeline has stopped.
    /// </summary>
    public ConflictReport ConflictReport(int limit = 100)
    {
        var report = ConflictReportBuilder.Build(Conflicts, limit, accounts, catalog, id => StrategyName(id) ?? $"#{id.Value}");
        return report with
        {
            Refusals = ConflictReportBuilder.Refusals(Refusals, limit, accounts, catalog, id => StrategyName(id) ?? $"#{id.Value}"),
            SuppressedIntents = Counters.SuppressedIntents,
        };
    }

    /// <inheritdoc />
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(flusher.LastOrderId);
        Counters.AppendDigest(builder);
        strategies.AppendDigest(builder);
        positions.AppendDigest(builder);
        builder.Add(sizer.LastPrices);
        pending.AppendDigest(builder);
        allocator.AppendDigest(builder);
        Conflicts.AppendDigest(builder);
        Allocations.AppendDigest(builder);
        flusher.Contributors.AppendDigest(builder);
        ledger.AppendDigest(builder);
        gate.AppendDigest(builder);
        Refusals.AppendDigest(builder);
    }

    /// <summary>
    /// Resolves and publishes the pending changes — only when new intents arrived since the last flush, so empty or
    /// repeated flushes (their number depends on batching) neither count nor retry deferred changes.
    /// </summary>
    private void Flush()
    {
        if (!dirty)
        {
            return;
        }

        dirty = false;
        try
        {
            flusher.Flush(dirtyAccounts);
            allocator.OnFlush();
        }
        catch (Exception)
        {
            // A failed batch is counted (never silently skipped by the processor); what it had published stays published,
            // and every change it had not published yet is refused visibly (the batch is cleared: see BatchFlusher.Flush).
            Counters.StageFaults++;
            foreach (var change in flusher.Unpublished)
            {
                RefuseForFault(change.Strategy, change.Instrument, change.Timestamp, Quantity.FromRaw(Math.Abs(change.Delta)));
            }
        }

        Array.Clear(dirtyAccounts);
    }

    private void Register(ref IntentEvent evt)
    {
        var id = evt.Strategy;
        if (registry.Document(id) is not { } document)
        {
            Counters.UnknownStrategy++;
            return;
        }

        // Ids are never reused, so a second registration of the same id is a duplicate event: nothing to do.
        if (strategies[id.Value] is not null)
        {
            Counters.Ignored++;
            return;
        }

        var account = registry.Account(id);
        if (account != evt.Account || (uint)account.Value >= (uint)accounts.Count)
        {
            Counters.AccountMismatch++;
            return;
        }

        var priority = priorities.OfStrategy(document.Id);
        strategies.Add(new StrategyBook(id, account, document, catalog, priority, rules.RanksOf(document.Id, priority)));
        Counters.Registrations++;
        allocator.Observe(account.Value, evt.Timestamp);
        allocator.Reallocate(account.Value);
    }
}
