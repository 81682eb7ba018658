using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Routing.Algorithms;
using MultiAsset.Engine.Routing.Orders;
using MultiAsset.Engine.Routing.Smart;
using MultiAsset.Engine.Routing.Tca;
using MultiAsset.Engine.Routing.Venues;

namespace MultiAsset.Engine.Routing.Stage;

/// <summary>
/// Stage 5, after the risk gate on the order ring: turns accepted parent orders into child orders on the simulated
/// venues — scheduled by their algorithm (Direct, TWAP, VWAP, Implementation shortfall, Momentum participation), each slice split across the
/// asset class's venues by the smart order router — and turns the venues' reports into feedback events that flow
/// through every stage like input (<see cref="IFeedbackSource"/>). Time-driven work (slices, venue latency) runs on
/// heartbeats. Tracks each parent's TCA and aggregates execution quality.
/// </summary>
/// <remarks>
/// <para>The venues are simulations inside the engine, driven by event time only, so their reports are a function of
/// the journalled input and a replay rebuilds them (and the router's, venues' and accounts' state) exactly; a real
/// broker adapter would instead publish its reports into the input ring, where the journal records them.</para>
/// <para>Children of a market parent are market orders (a Liquidity parent sweeps now): the venue matches them when they
/// arrive. A limit parent's children are limit orders at its limit: what the displayed depth within the limit takes fills
/// at once, the rest rests at the best venue of its route until it fills (the router refreshes those venues' quotes on
/// each heartbeat) or is cancelled — a kill switch or a day order's expiry cancels its resting children. An
/// immediate-or-cancel parent makes one pass and cancels whatever did not fill at once.</para>
/// <para><b>Order ledger.</b> The router sees every parent with its verdict, every child and every report, so it owns the
/// <see cref="OrderLedger"/> (docs/orders.md): each order's lifecycle, children and fills, the read model of
/// <c>GET /orders</c> and <c>GET /fills</c>. Orders the gate holds until the open are shown held; the risk stage releases
/// them at the open (re-checked) through <see cref="HeldReleases"/>, and the router then works or refuses them.</para>
/// </remarks>
public sealed class RouterStage : IValueEventHandler<OrderEvent>, IStateDigest, IFeedbackSource
{
    private const int MaxSlices = 64;
    private const double SecondsPerYear = 365.0 * 86_400;

    private readonly InstrumentCatalog catalog;
    private readonly MarketAnalytics analytics;
    private readonly VenueConfig config;
    private readonly bool[] nextBarRoute; // asset class → a venue of its route fills from the next bar (waits for bars)
    private readonly IExecutionVenue[] venues;
    private readonly SmartOrderRouter router;
    private readonly RouteInputs inputs;
    private readonly VenueHealth health;
    private readonly RouteAllocation[] allocations;
    private readonly RouterOptions options;
    private readonly ParentOrder[] parents;
    private readonly long[] schedules;
    private readonly double[] vwapProfile;
    private readonly InputEvent[] feedback;
    private readonly InputEvent[] poll = new InputEvent[256];
    private readonly ExecutionQualityAggregator quality;
    private readonly DigestRequest digest = new();
    private readonly OrderLedger ledger;
    private readonly Func<StrategyId, string>? strategyNames;
    private long feedbackHead;
    private long feedbackTail;
    private long lastHeartbeat = long.MinValue;

    // A heartbeat visits only what is due: the parents whose next slice, retry or expiry has come (a heap by due time),
    // and the instruments whose market changed and that have working limit parents or parents waiting for a market (each
    // instrument's venues are refreshed once, not once per parent). Its cost does not grow with the number of working
    // parents or resting orders (once, every working parent was visited on every heartbeat, and every limit parent
    // re-quoted its venues, each re-quote walking every resting order of the instrument).
    private readonly ParentTimers timers;
    private readonly InstrumentWatch watch;

    /// <summary>Creates the router over the venues of <paramref name="venueConfig"/>.</summary>
    public RouterStage(InstrumentCatalog catalog, MarketAnalytics analytics, VenueConfig venueConfig, RouterOptions? options = null, Func<StrategyId, string>? strategyNames = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(analytics);
        ArgumentNullException.ThrowIfNull(venueConfig);
        this.catalog = catalog;
        this.analytics = analytics;
        config = venueConfig;
        this.options = options ?? new RouterOptions();
        venues = [.. venueConfig.Venues.Select(v => (IExecutionVenue)new SimulatedVenue(v, catalog))];
        router = new SmartOrderRouter(venueConfig.Policy, 256);
        inputs = new RouteInputs(Math.Max(1, venues.Length), 32);
        health = new VenueHealth(Math.Max(1, venues.Length), venueConfig.Policy.HealthWindow);
        allocations = new RouteAllocation[Math.Max(1, venues.Length * 32)];
        var capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, this.options.MaxWorkingParents));
        parents = new ParentOrder[capacity];
        timers = new ParentTimers(capacity);
        watch = new InstrumentWatch(catalog.Count, capacity);
        nextBarRoute = new bool[Enum.GetValues<AssetClass>().Length];
        foreach (var assetClass in Enum.GetValues<AssetClass>())
        {
            foreach (var id in venueConfig.RoutesFor(assetClass))
            {
                nextBarRoute[(int)assetClass] |= venueConfig[id].BarFill != VenueBarFill.Close;
            }
        }

        schedules = new long[capacity * MaxSlices];
        vwapProfile = [.. this.options.VwapProfile];
        feedback = new InputEvent[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(256, this.options.FeedbackCapacity))];
        quality = new ExecutionQualityAggregator(strategyNames, id => venueConfig[id].Name);
        ledger = new OrderLedger(capacity + Math.Max(1, this.options.MaxHeldOrders), this.options.Ledger);
        this.strategyNames = strategyNames;
    }

    /// <summary>A read model over the ledger that names accounts with <paramref name="accountNames"/> (query path: allocates).</summary>
    public OrderReadModel ReadModel(Func<AccountId, string> accountNames)
        => new(catalog, accountNames, id => strategyNames?.Invoke(id), id => config[id].Name);

    /// <summary>
    /// Where the risk stage hands over the orders it held until the open, once released and checked again (the same
    /// heartbeat: the risk stage runs first on each order-ring slot). Null: nothing is ever held.
    /// </summary>
    public HandOffQueue<OrderEvent>? HeldReleases { get; init; }

    /// <summary>The instruments.</summary>
    public InstrumentCatalog Catalog => catalog;

    /// <summary>The name of the venue an execution report gives by number.</summary>
    public string VenueName(short venue) => config[new VenueId(venue)].Name;

    /// <summary>The order ledger (read on the engine thread only: queries between two input events).</summary>
    public OrderLedger Ledger => ledger;

    /// <summary>
    /// In the staged layout (stages on their own threads) the reports go into the input ring instead, from this stage's
    /// thread, never waiting: what does not fit waits for the next heartbeat. Not deterministic — the chained layout is.
    /// </summary>
    public ValueRingBuffer<InputEvent>? PublishInto { get; init; }

    /// <summary>Reports published into the input ring (staged layout only).</summary>
    public long Pumped { get; private set; }

    /// <summary>Where each child order sent to a venue is reported for the audit trail; null: not recorded.</summary>
    public IOrderAuditSink? Audit { get; set; }

    /// <summary>What the router did.</summary>
    public RouterCounters Counters { get; } = new();

    /// <summary>The venues (read on the engine thread only).</summary>
    public IReadOnlyList<IExecutionVenue> Venues => venues;

    /// <summary>Parent orders being worked.</summary>
    public int WorkingParents { get; private set; }

    /// <summary>The digest taken at the digest marker (staged layout), once seen.</summary>
    public ulong? RequestedDigest => digest.Value;

    /// <inheritdoc />
    public string DigestName => "router";

    /// <summary>
    /// Execution quality of the finished parent orders and child orders (the seed's <c>GET /execution/quality</c>), with
    /// the order counters of the ledger (docs/orders.md, "Counters"). Engine thread only.
    /// </summary>
    public ExecutionQualityResponse ExecutionQuality() => quality.Build() with { Counts = OrderCounts() };

    /// <summary>The order counters (docs/orders.md): the same numbers as the status line, <c>/metrics</c> and maectl.</summary>
    public OrderCounts OrderCounts() => new()
    {
        Orders = ledger.Orders,
        Accepted = ledger.Accepted,
        Refused = ledger.Refused,
        HeldNow = ledger.HeldNow,
        Held = ledger.Held,
        Open = ledger.OpenCount,
        Filled = ledger.Filled,
        Cancelled = ledger.Cancelled,
        Expired = ledger.Expired,
        ChildOrders = Counters.Children,
        Fills = Counters.Fills,
        VenueRejects = Counters.Rejects,
    };

    /// <inheritdoc />
    public void OnEvent(ref OrderEvent order, long sequence, bool endOfBatch)
    {
        switch (order.Kind)
        {
            case OrderEventKind.NewOrder:
                NewOrderGuarded(ref order);
                break;
            case OrderEventKind.Execution:
                OnExecution(ref order);
                break;
            case OrderEventKind.Heartbeat:
                OnTime(order.Timestamp);
                break;
            case OrderEventKind.KillSwitch when order.Quantity.Raw != 0:
                CancelParents(order.Account, order.Timestamp);
                break;
            case OrderEventKind.DigestMarker:
                digest.Take(this);
                break;
        }
    }

    /// <summary>
    /// A new parent with its verdict: worked, held, or refused. Any exception on the way ends as a
    /// <see cref="RiskVerdict.StageFault"/> refusal handed back to its owner (<see cref="Fault"/>), never as a lost order.
    /// </summary>
    private void NewOrderGuarded(ref OrderEvent order)
    {
        var tail = feedbackTail;
        try
        {
            NewOrder(ref order);
        }
        catch (Exception)
        {
            Fault(in order, order.Timestamp, tail);
        }
    }

    private void NewOrder(ref OrderEvent order)
    {
        if (order.IsAccepted)
        {
            Start(ref order, order.Timestamp, ledger.Open(in order));
        }
        else if (order.RiskVerdict == RiskVerdict.HeldUntilOpen)
        {
            // Held by the risk stage until the instrument's next open: still working as far as the stages before
            // know (no cancel goes back); the ledger shows it held. The risk stage releases it (see HeldReleases).
            Counters.ParentsHeld++;
            ledger.Hold(ledger.Open(in order), catalog[order.Instrument].Calendar.SessionAt(order.Timestamp).Open, order.Timestamp);
        }
        else if (order.RiskVerdict != RiskVerdict.Pending)
        {
            RefuseByRisk(ref order, ledger.Open(in order), order.Timestamp);
        }
    }

    /// <summary>
    /// Handling <paramref name="order"/> threw at <paramref name="now"/>: it ends refused with
    /// <see cref="RiskVerdict.StageFault"/> and what it had not filled, sent or handed back already goes back to its owner
    /// as the parent-level cancel of a refusal (so the risk stage's working ledger and coordination let go of it, and
    /// coordination backs its strategy off). Children already at venues report for themselves (the parent is kept as
    /// Cancelling until they have). <paramref name="feedbackMark"/>: the feedback queue's tail before the failed work, so
    /// quantity handed back by it is not handed back twice. Never throws.
    /// </summary>
    private void Fault(in OrderEvent order, long now, long feedbackMark)
    {
        Counters.StageFaults++;
        try
        {
            var slot = (int)(order.OrderId & (parents.Length - 1));
            ref var parent = ref parents[slot];
            if (parent.OrderId == order.OrderId && parent.Status == ParentStatus.Working)
            {
                FaultParent(ref parent, now);
                return;
            }

            var handedBack = HandedBack(order.OrderId, feedbackMark);
            var ledgerSlot = ledger.SlotOf(order.OrderId);
            if (ledgerSlot < 0 || OrderStatusNames.IsOpen(ledger[ledgerSlot].Status))
            {
                ledger.Refuse(ledgerSlot, RiskVerdict.StageFault, OrderEndReason.StageFault, now);
            }

            HandBackRefused(order.OrderId, order.Account, order.Strategy, order.Instrument, order.Side, order.Quantity.Raw - handedBack, now);
        }
        catch (Exception)
        {
            Counters.StageFaultsUnresolved++;
        }
    }

    /// <summary>
    /// A working parent whose handling threw (taking it on, a slice, a report): stopped like a kill switch stops it, but
    /// refused with <see cref="RiskVerdict.StageFault"/> — the unsent rest handed back as a refusal, resting children
    /// cancelled, children still at venues reporting for themselves.
    /// </summary>
    private void FaultParent(ref ParentOrder parent, long now)
    {
        var unsent = parent.QuantityRaw - parent.FilledRaw - parent.OutstandingRaw - parent.QuantityClosedRaw;
        parent.QuantityClosedRaw += Math.Max(0, unsent);
        HandBackRefused(parent.OrderId, parent.Account, parent.Strategy, parent.Instrument, parent.Side, unsent, now);
        if (parent.OutstandingRaw > 0)
        {
            foreach (var id in config.RoutesFor(parent.AssetClass))
            {
                venues[id.Value].CancelChildrenOf(parent.OrderId, parent.Children, parent.Instrument, now);
            }
        }

        ledger.Refuse(ledger.SlotOf(parent.OrderId), RiskVerdict.StageFault, OrderEndReason.StageFault, now);
        var outstanding = parent.OutstandingRaw;
        Finish(ref parent, now);
        if (outstanding > 0)
        {
            parent.Status = ParentStatus.Cancelling;
        }
    }

    /// <summary>Quantity of <paramref name="orderId"/> handed back (parent-level cancels) since the feedback tail was <paramref name="mark"/>.</summary>
    private long HandedBack(long orderId, long mark)
    {
        var parentLevel = ChildOrderId.Of(orderId, ChildOrderId.MaxChildren - 1);
        long total = 0;
        for (var k = Math.Max(mark, feedbackHead); k < feedbackTail; k++)
        {
            ref readonly var report = ref feedback[k & (feedback.Length - 1)];
            if (report.Execution.OrderId == parentLevel && report.Execution.Type == ExecutionType.Cancelled)
            {
                total += report.Execution.Quantity.Raw;
            }
        }

        return total;
    }

    /// <summary>Hands <paramref name="quantityRaw"/> back as the parent-level cancel of a <see cref="RiskVerdict.StageFault"/> refusal.</summary>
    private void HandBackRefused(long orderId, AccountId account, StrategyId strategy, InstrumentId instrument, OrderSide side, long quantityRaw, long now)
    {
        if (quantityRaw <= 0)
        {
            return;
        }

        var tail = feedbackTail;
        Report(ExecutionType.Cancelled, orderId, ChildOrderId.MaxChildren - 1, account, strategy, instrument, side, quantityRaw, now);
        if (feedbackTail != tail)
        {
            MarkRiskRefusal(RiskVerdict.StageFault);
        }
    }

    /// <inheritdoc />
    public bool TryTake(out InputEvent report)
    {
        if (feedbackHead == feedbackTail)
        {
            report = default;
            return false;
        }

        report = feedback[feedbackHead & (feedback.Length - 1)];
        feedbackHead++;
        return true;
    }

    /// <inheritdoc />
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Counters.AppendDigest(builder);
        builder.Add(WorkingParents).Add(lastHeartbeat).Add(feedbackTail - feedbackHead);
        timers.AppendDigest(builder);
        watch.AppendDigest(builder);

        ledger.AppendDigest(builder);
        for (var i = 0; i < parents.Length; i++)
        {
            if (parents[i].Status != ParentStatus.Free)
            {
                parents[i].AppendDigest(builder);
            }
        }

        health.AppendDigest(builder);
        foreach (var venue in venues)
        {
            venue.AppendDigest(builder);
        }
    }

    /// <summary>
    /// Refused by the risk gate (at once, or when released at the open). Say so to the stages before, as a parent-level
    /// cancel carrying the verdict, so coordination gives the strategy its quantity back and knows why (it backs off on
    /// that instrument); the ledger records the refusal with its reason.
    /// </summary>
    private void RefuseByRisk(ref OrderEvent order, int ledgerSlot, long now)
    {
        Counters.ParentsRefusedByRisk++;
        ledger.Refuse(ledgerSlot, order.RiskVerdict, OrderEndReason.RiskRefused, now);
        Report(ExecutionType.Cancelled, order.OrderId, ChildOrderId.MaxChildren - 1, order.Account, order.Strategy, order.Instrument, order.Side, order.Quantity.Raw, now);
        MarkRiskRefusal(order.RiskVerdict);
    }

    /// <summary>Takes on an accepted order at <paramref name="now"/> (its decision time, or the open it was held until).</summary>
    private void Start(ref OrderEvent order, long now, int ledgerSlot)
    {
        var slot = (int)(order.OrderId & (parents.Length - 1));
        ref var parent = ref parents[slot];
        var lot = catalog[order.Instrument].LotSize.Raw;
        if (parent.Status != ParentStatus.Free || lot <= 0)
        {
            Counters.ParentsRefused++;
            ledger.Accept(ledgerSlot, now, 0);
            ledger.Refuse(ledgerSlot, order.RiskVerdict, OrderEndReason.RouterFull, now);
            Report(ExecutionType.Cancelled, order.OrderId, ChildOrderId.MaxChildren - 1, order.Account, order.Strategy, order.Instrument, order.Side, order.Quantity.Raw, now);
            return;
        }

        Counters.Parents++;
        WorkingParents++;
        parent = default;
        parent.OrderId = order.OrderId;
        parent.Account = order.Account;
        parent.Strategy = order.Strategy;
        parent.Instrument = order.Instrument;
        parent.AssetClass = catalog[order.Instrument].AssetClass;
        parent.Side = order.Side;
        parent.Algorithm = order.Algorithm;
        parent.Status = ParentStatus.Working;
        parent.LotRaw = lot;
        parent.QuantityRaw = order.Quantity.Raw;
        parent.NextSliceTime = now;
        parent.Type = order.Type is OrderType.Limit or OrderType.ImmediateOrCancel && order.LimitPrice.Raw > 0 ? OrderType.Limit : OrderType.Market;
        parent.Ioc = order.TimeInForce == TimeInForce.ImmediateOrCancel || order.Type == OrderType.ImmediateOrCancel;
        parent.LimitRaw = parent.Type == OrderType.Limit ? order.LimitPrice.Raw : 0;
        parent.ExpireTime = order.TimeInForce == TimeInForce.Day ? catalog[order.Instrument].Calendar.SessionAt(now).Close : 0;
        var mid = analytics.Mid(order.Instrument);
        var reference = mid.Raw > 0 ? mid : order.LimitPrice;

        // A market order's LimitPrice is the reference mid at its decision; a limit order's decision price is the mid.
        parent.Tca.Start(in order, parent.AssetClass, parent.Type == OrderType.Market ? order.LimitPrice : reference);
        parent.Tca.OnArrival(reference, now);
        parent.ArrivalRaw = reference.Raw;
        ledger.Accept(ledgerSlot, now, parent.ExpireTime);
        if ((parent.Type == OrderType.Limit && !parent.Ioc) || nextBarRoute[(int)parent.AssetClass])
        {
            // Its resting children fill as the market moves: the heartbeat refreshes the instrument's venues. So do the
            // children of any order at a venue with a next-bar fill model, which wait there for the next bar.
            parent.Watching = true;
            watch.Add(parent.Instrument.Value, analytics.Instrument(parent.Instrument).Updates);
        }

        Schedule(ref parent, slot, order.Quantity.Raw / lot);
        SendDue(ref parent, now);
        if (parent.Ioc)
        {
            EndIocIfDone(ref parent, now);
        }

        Reschedule(ref parent, slot);
    }

    /// <summary>
    /// When the parent next needs a heartbeat: its next slice (a Momentum parent: while it has lots to give out or a rest to
    /// send again), a rest to send again once its slices are out (unless it waits for a market), its day expiry.
    /// </summary>
    private static long DueOf(in ParentOrder parent)
    {
        var due = parent.ExpireTime > 0 ? parent.ExpireTime : long.MaxValue;
        if (parent.Participating)
        {
            if (parent.UnscheduledRaw > 0 || (parent.RetryRaw > 0 && !parent.Waiting))
            {
                due = Math.Min(due, parent.NextSliceTime);
            }
        }
        else if (parent.NextSlice < parent.SliceCount)
        {
            due = Math.Min(due, parent.NextSliceTime);
        }
        else if (parent.RetryRaw > 0 && !parent.Waiting)
        {
            due = Math.Min(due, parent.RetryAt);
        }

        return due;
    }

    /// <summary>Puts the parent in <paramref name="slot"/> on the heartbeat schedule at its due time (or off it, when it is not working).</summary>
    private void Reschedule(ref ParentOrder parent, int slot)
        => timers.Set(slot, parent.Status == ParentStatus.Working && parent.OrderId != 0 ? DueOf(in parent) : long.MaxValue);

    /// <summary>Cuts the parent's lots into slices per its algorithm (children sum exactly to the parent).</summary>
    private void Schedule(ref ParentOrder parent, int slot, long lots)
    {
        var span = schedules.AsSpan(slot * MaxSlices, MaxSlices);
        if (parent.Ioc)
        {
            // Immediate or cancel: everything in one pass, whatever the algorithm.
            parent.SliceCount = 1;
            span[0] = lots;
            return;
        }

        switch (parent.Algorithm)
        {
            case ExecutionAlgorithm.Momentum:
                // Sized slice by slice from the market's volume and momentum (SendDue), not planned up front.
                parent.Participating = true;
                parent.UnscheduledRaw = lots * parent.LotRaw;
                parent.SliceInterval = (long)options.MomentumSliceInterval.TotalNanoseconds;
                parent.VolumeMark = analytics.SessionVolume(parent.Instrument).Raw;
                parent.Deadline = parent.NextSliceTime + (long)options.MomentumHorizon.TotalNanoseconds;
                break;
            case ExecutionAlgorithm.Twap:
                parent.SliceCount = Math.Min(MaxSlices, options.TwapSlices);
                parent.SliceInterval = (long)options.TwapSliceInterval.TotalNanoseconds;
                TwapSchedule.Compute(lots, span[..parent.SliceCount]);
                break;
            case ExecutionAlgorithm.Vwap:
                parent.SliceCount = Math.Min(MaxSlices, options.VwapSlices);
                parent.SliceInterval = (long)options.VwapSliceInterval.TotalNanoseconds;
                VwapSchedule.Compute(lots, vwapProfile, span[..parent.SliceCount]);
                break;
            case ExecutionAlgorithm.Implementation when ImplementationParameters(in parent, out var p):
                parent.SliceCount = Math.Min(MaxSlices, options.TwapSlices);
                parent.SliceInterval = (long)options.TwapSliceInterval.TotalNanoseconds;
                AlmgrenChriss.Compute(lots, in p, span[..parent.SliceCount]);
                break;
            case ExecutionAlgorithm.Implementation:
                goto case ExecutionAlgorithm.Twap;
            default:
                // Direct and Liquidity: everything now, swept across the venues' displayed depth.
                parent.SliceCount = 1;
                span[0] = lots;
                break;
        }
    }

    /// <summary>
    /// Almgren–Chriss inputs from the market: σ from the instrument's realised 1-minute volatility (annualised, then per
    /// √second, in price units), a temporary impact of one basis point of price per lot-per-second traded, no permanent
    /// impact, and a moderate risk aversion. False when the market gives nothing usable (then TWAP).
    /// </summary>
    private bool ImplementationParameters(in ParentOrder parent, out AlmgrenChrissParameters parameters)
    {
        var price = analytics.Mid(parent.Instrument).ToDouble();
        var timeframe = analytics.TimeframeIndex(60);
        var annual = timeframe >= 0 ? analytics.AnnualisedVolatility(parent.Instrument, timeframe) : double.NaN;
        var seconds = options.TwapSliceInterval.TotalSeconds;
        parameters = new AlmgrenChrissParameters(seconds, annual * price / Math.Sqrt(SecondsPerYear), 1e-4 * price, 0, 1e-6);
        return price > 0 && double.IsFinite(annual) && annual > 0 && seconds > 0;
    }

    private void SendDue(ref ParentOrder parent, long now)
    {
        if (parent.Participating)
        {
            Participate(ref parent, now);
            return;
        }

        while (parent.Status == ParentStatus.Working && parent.NextSlice < parent.SliceCount && parent.NextSliceTime <= now)
        {
            var slot = (int)(parent.OrderId & (parents.Length - 1));
            var quantity = (schedules[(slot * MaxSlices) + parent.NextSlice] * parent.LotRaw) + parent.RetryRaw;
            parent.RetryRaw = 0;
            parent.NextSlice++;
            parent.NextSliceTime += parent.SliceInterval;
            Send(ref parent, quantity, now);
        }

        if (parent.Status == ParentStatus.Working && parent.NextSlice == parent.SliceCount && parent.RetryRaw > 0)
        {
            var retry = parent.RetryRaw;
            parent.RetryRaw = 0;
            Send(ref parent, retry, now);
        }
    }

    /// <summary>
    /// A Momentum slice: participation ρ from the instrument's last 1-minute return against the order's side (more when
    /// the price runs away, less when it comes to the order, within the POV cap) times the volume traded since the last
    /// slice, in whole lots; at the horizon whatever is left goes at once.
    /// </summary>
    private void Participate(ref ParentOrder parent, long now)
    {
        if (parent.NextSliceTime > now)
        {
            return;
        }

        var volume = analytics.SessionVolume(parent.Instrument).Raw;
        var traded = Math.Max(0, volume - parent.VolumeMark);
        parent.VolumeMark = volume;
        parent.NextSliceTime = now + parent.SliceInterval;
        var minute = analytics.TimeframeIndex(60);
        var momentum = minute >= 0 ? analytics.Return(parent.Instrument, minute, 1) : 0;
        var remainingLots = parent.UnscheduledRaw / parent.LotRaw;
        var lots = now >= parent.Deadline
            ? remainingLots
            : MomentumScheduler.SliceLots(remainingLots, traded / parent.LotRaw, MomentumScheduler.Participation(parent.Side, momentum, options.Momentum));
        var quantity = (lots * parent.LotRaw) + parent.RetryRaw;
        parent.UnscheduledRaw -= lots * parent.LotRaw;
        parent.RetryRaw = 0;
        Send(ref parent, quantity, now);
    }

    private void Send(ref ParentOrder parent, long quantityRaw, long now)
    {
        if (quantityRaw <= 0)
        {
            return;
        }

        var route = config.RoutesFor(parent.AssetClass);
        QuoteVenues(route, parent.Instrument, now);
        inputs.Gather(route, venues, config, health, parent.Instrument, parent.Side);
        var limit = parent.Type == OrderType.Limit ? Price.FromRaw(parent.LimitRaw) : LiquiditySweepPlanner.NoLimit(parent.Side);
        var childType = parent.Type == OrderType.Market ? OrderType.Market : parent.Ioc ? OrderType.ImmediateOrCancel : OrderType.Limit;
        var childLimit = childType == OrderType.Market ? default : limit;
        var request = new RouteRequest(parent.Instrument, parent.AssetClass, parent.Side, Quantity.FromRaw(quantityRaw), Quantity.FromRaw(parent.LotRaw), limit)
        {
            ExcludedVenues = parent.ExcludedVenues,
        };
        var decision = router.Route(in request, inputs.Venues, inputs.Depth, allocations);
        if (decision.Count == 0 && (decision.SkippedSlow | decision.SkippedRejecting) != 0)
        {
            // Health left no venue at all: route anyway (best price), or no order would ever be sent again and health,
            // which learns only from orders sent, would never recover.
            Counters.HealthOverrides++;
            decision = router.Route(request with { IgnoreHealth = true }, inputs.Venues, inputs.Depth, allocations);
        }

        var sent = 0L;
        for (var i = 0; i < decision.Count; i++)
        {
            ref readonly var allocation = ref allocations[i];
            sent += SendChild(ref parent, allocation.Venue, childType, allocation.Quantity.Raw, childLimit, now);
        }

        var rest = quantityRaw - sent;
        if (sent > 0 && parent.Waiting)
        {
            parent.Waiting = false;
            watch.Unwait((int)(parent.OrderId & (parents.Length - 1)));
        }

        if (rest > 0 && childType == OrderType.Limit)
        {
            // A limit order's rest that the displayed depth within its limit does not take rests at the first venue of
            // its route that trades the instrument and has not refused it.
            foreach (var id in route)
            {
                if (venues[id.Value].Trades(parent.Instrument) && (parent.ExcludedVenues & RouteRequest.VenueBit(id)) == 0)
                {
                    var resting = SendChild(ref parent, id, OrderType.Limit, rest, childLimit, now);
                    sent += resting;
                    rest -= resting;
                    break;
                }
            }
        }

        if (rest > 0 && parent.Ioc)
        {
            // Immediate or cancel: what found no venue now is cancelled now (handed back as a parent-level cancel).
            Report(ExecutionType.Cancelled, parent.OrderId, ChildOrderId.MaxChildren - 1, parent.Account, parent.Strategy, parent.Instrument, parent.Side, rest, now);
            parent.QuantityClosedRaw += rest;
            return;
        }

        if (rest > 0 && parent.Children >= ChildOrderId.MaxChildren - 1)
        {
            // No child id left: the rest can never be sent. Hand it back (coordination re-sizes from the truth) instead of
            // retrying it for good.
            Counters.RestsUnplaceable++;
            parent.QuantityClosedRaw += rest;
            Report(ExecutionType.Cancelled, parent.OrderId, ChildOrderId.MaxChildren - 1, parent.Account, parent.Strategy, parent.Instrument, parent.Side, rest, now);
            EndIfHandedBack(ref parent, now);
            return;
        }

        // Whatever found no venue goes again: at the next heartbeat when something was placed or venues were excluded
        // (with every venue allowed again, so a parent is never stuck on exclusions); when nothing would take any of it
        // (no venue with a book, no depth), once the instrument's market has changed — not on every heartbeat, which
        // cost every heartbeat a route per stuck parent.
        parent.RetryRaw += rest;
        if (rest <= 0)
        {
            return;
        }

        parent.RetryAt = now + 1;
        if (sent == 0)
        {
            if (parent.ExcludedVenues != 0)
            {
                parent.ExcludedVenues = 0;
            }
            else if (!parent.Waiting)
            {
                parent.Waiting = true;
                watch.Wait((int)(parent.OrderId & (parents.Length - 1)), parent.Instrument.Value, analytics.Instrument(parent.Instrument).Updates);
            }
        }
    }

    /// <summary>Ends a parent whose quantity is all filled or handed back as unplaceable, with nothing left at venues.</summary>
    private void EndIfHandedBack(ref ParentOrder parent, long now)
    {
        if (parent.Status == ParentStatus.Working && parent.QuantityClosedRaw > 0 && parent.FilledRaw + parent.QuantityClosedRaw >= parent.QuantityRaw
            && parent.OutstandingRaw <= 0 && parent.RetryRaw <= 0)
        {
            Counters.ParentsCancelled++;
            ledger.End(ledger.SlotOf(parent.OrderId), OrderStatus.Cancelled, OrderEndReason.Unplaceable, now);
            Finish(ref parent, now);
        }
    }

    /// <summary>Sends one child; returns the quantity the venue took (0 when it could not queue it, or the parent has no child id left).</summary>
    private long SendChild(ref ParentOrder parent, VenueId venue, OrderType type, long quantityRaw, Price limit, long now)
    {
        if (parent.Children >= ChildOrderId.MaxChildren - 1)
        {
            return 0;
        }

        var id = ChildOrderId.Of(parent.OrderId, parent.Children);
        var quantity = Quantity.FromRaw(quantityRaw);
        var child = new ChildOrderRequest(id, parent.Account, parent.Strategy, parent.Instrument, parent.Side, type, quantity, limit);
        if (!venues[venue.Value].Submit(in child, now))
        {
            Counters.ChildrenRefused++;
            return 0;
        }

        parent.Children++;
        parent.OutstandingRaw += quantityRaw;
        Counters.Children++;
        ledger.ChildSent(parent.OrderId, id, venue, type, quantity, limit, Price.FromRaw(parent.ArrivalRaw), now);
        Audit?.ChildRouted(id, parent.Account, parent.Strategy, parent.Instrument, parent.Side, type, quantity, limit, venue, now);
        return quantityRaw;
    }

    /// <summary>
    /// Gives the route's venues the feed's current quote (their books and resting orders follow it); with no quote (bars-only
    /// data) the latest input bar, once per bar: the books are built around its close and resting orders it traded through
    /// fill (docs/orders.md, "Bars-only data").
    /// </summary>
    private void QuoteVenues(ReadOnlySpan<VenueId> route, InstrumentId instrument, long now)
    {
        ref readonly var state = ref analytics.Instrument(instrument);
        var bid = Price.FromRaw(state.Bid);
        var ask = Price.FromRaw(state.Ask);
        if (bid.Raw > 0 && ask.Raw >= bid.Raw)
        {
            foreach (var id in route)
            {
                venues[id.Value].OnQuote(instrument, now, bid, ask);
            }
        }
        else if (state.BarEnd > 0 && state.BarEnd <= now && watch.NewBar(instrument.Value, state.BarEnd))
        {
            // A bar cannot have traded before its session opened: a daily stock bar stamped at the 16:00 close covers
            // the day before it nominally, but its open is the 09:30 open, which is when an order waiting overnight
            // may first fill (docs/orders.md, "Bars-only data").
            var start = state.SessionStart > state.BarStart && state.SessionStart < state.BarEnd ? state.SessionStart : state.BarStart;
            var bar = new VenueBar(start, state.BarEnd, Price.FromRaw(state.BarOpen), Price.FromRaw(state.BarHigh), Price.FromRaw(state.BarLow), Price.FromRaw(state.Last), Quantity.FromRaw(state.BarVolume));
            foreach (var id in route)
            {
                venues[id.Value].OnBar(instrument, now, in bar);
            }
        }
    }

    /// <summary>
    /// The watched instruments whose market changed since the last heartbeat: their venues are refreshed once each (so
    /// resting children fill), and the parents waiting for that market are due again. Backwards: an instrument whose last
    /// waiter leaves is swap-removed, which moves an already visited one into its place.
    /// </summary>
    private void WatchMarkets(long now)
    {
        for (var k = watch.Count - 1; k >= 0; k--)
        {
            var i = watch.InstrumentAt(k);
            var instrument = new InstrumentId(i);
            if (!watch.Changed(i, analytics.Instrument(instrument).Updates))
            {
                continue;
            }

            QuoteVenues(config.RoutesFor(catalog[instrument].AssetClass), instrument, now);
            for (var slot = watch.FirstWaiting(i); slot >= 0;)
            {
                var next = watch.NextWaiting(slot);
                ref var parent = ref parents[slot];
                watch.Unwait(slot);
                parent.Waiting = false;
                parent.RetryAt = now;
                Reschedule(ref parent, slot);
                slot = next;
            }
        }
    }

    private void OnTime(long now)
    {
        if (now < lastHeartbeat)
        {
            return;
        }

        lastHeartbeat = now;
        PumpIntoInputRing();
        ReleaseHeld(now);
        WatchMarkets(now);
        while (timers.TryPopDue(now, out var slot))
        {
            ref var parent = ref parents[slot];
            if (parent.Status != ParentStatus.Working)
            {
                continue;
            }

            try
            {
                OnDue(ref parent, now);
            }
            catch (Exception)
            {
                FaultParentGuarded(ref parent, now);
            }

            // Never due again at this heartbeat: what is left waits for a later one.
            if (parent.Status == ParentStatus.Working)
            {
                timers.Set(slot, Math.Max(DueOf(in parent), now + 1));
            }
        }

        foreach (var venue in venues)
        {
            while (venue.NextReportDue <= now)
            {
                var room = (int)Math.Min(poll.Length, feedback.Length - (feedbackTail - feedbackHead));
                if (room == 0)
                {
                    return; // the reports stay at the venue until the chain has drained the feedback
                }

                var n = venue.Poll(now, poll.AsSpan(0, room));
                for (var r = 0; r < n; r++)
                {
                    feedback[feedbackTail & (feedback.Length - 1)] = poll[r];
                    feedbackTail++;
                }

                if (n == 0)
                {
                    break;
                }
            }
        }
    }

    /// <summary>A parent's due time came: a day order at its session's close expires, anything else sends what is due.</summary>
    private void OnDue(ref ParentOrder parent, long now)
    {
        if (parent.ExpireTime > 0 && now >= parent.ExpireTime)
        {
            // A day order at its session's close: the rest expires (resting children are cancelled).
            Counters.ParentsExpired++;
            Stop(ref parent, now, OrderStatus.Expired, OrderEndReason.DayExpired);
            return;
        }

        SendDue(ref parent, now);
    }

    private void FaultParentGuarded(ref ParentOrder parent, long now)
    {
        Counters.StageFaults++;
        try
        {
            if (parent.Status == ParentStatus.Working)
            {
                FaultParent(ref parent, now);
            }
        }
        catch (Exception)
        {
            Counters.StageFaultsUnresolved++;
        }
    }

    private void PumpIntoInputRing()
    {
        if (PublishInto is not { } ring)
        {
            return;
        }

        while (feedbackHead != feedbackTail && ring.TryNext(out var sequence))
        {
            ring[sequence] = feedback[feedbackHead & (feedback.Length - 1)];
            ring.Publish(sequence);
            feedbackHead++;
            Pumped++;
        }
    }

    /// <summary>Orders the risk stage released from a hold at this heartbeat, checked again: worked, or refused.</summary>
    private void ReleaseHeld(long now)
    {
        if (HeldReleases is not { } released)
        {
            return;
        }

        while (released.TryTake(out var order))
        {
            Counters.ParentsReleased++;
            var tail = feedbackTail;
            try
            {
                var slot = ledger.SlotOf(order.OrderId);
                if (order.IsAccepted)
                {
                    Start(ref order, now, slot);
                }
                else
                {
                    RefuseByRisk(ref order, slot, now);
                }
            }
            catch (Exception)
            {
                Fault(in order, now, tail);
            }
        }
    }

    /// <summary>Records a venue's report of a child in the ledger and, when the child is done, adds its TCA row (per venue).</summary>
    private void Record(ref OrderEvent evt)
    {
        ref readonly var report = ref evt.Execution;
        var id = report.OrderId;
        bool done;
        switch (report.Type)
        {
            case ExecutionType.Ack:
                ledger.OnAck(id, evt.Timestamp);
                return;
            case ExecutionType.Fill:
                done = ledger.OnFill(id, evt.Account, evt.Strategy, evt.Instrument, in report, evt.Timestamp);
                break;
            case ExecutionType.Cancelled or ExecutionType.Reject:
                done = ledger.OnChildClosed(id, report.Type, report.Quantity, report.RejectReason);
                break;
            default:
                return;
        }

        if (done && ledger.ChildSlotOf(id) is var c and >= 0)
        {
            ref readonly var child = ref ledger.Child(c);
            if (child.BenchmarkRaw > 0 && child.QuantityRaw > 0 && child.Venue >= 0 && child.Venue < venues.Length)
            {
                quality.Add(ChildReport(in child, report.Side));
            }
        }
    }

    private static ChildOrderTcaReport ChildReport(in LedgerChild child, OrderSide side)
    {
        var benchmark = FixedPoint.ToDouble(child.BenchmarkRaw);
        double? average = child.FilledRaw > 0 ? FixedPoint.ToDouble((long)(child.NotionalRaw / child.FilledRaw)) : null;
        return new ChildOrderTcaReport
        {
            ParentOrderId = child.ParentId,
            Venue = new VenueId(child.Venue),
            Side = side,
            RoutedQuantity = FixedPoint.ToDouble(child.QuantityRaw),
            FilledQuantity = FixedPoint.ToDouble(child.FilledRaw),
            FillRate = (double)child.FilledRaw / child.QuantityRaw,
            Fills = child.Fills,
            BenchmarkPrice = benchmark,
            AveragePrice = average,
            SlippageBps = average is double a ? TcaMath.SlippageBps(side, a, benchmark) : null,
            Fees = FixedPoint.ToDouble(child.FeesRaw),
            SendToAckNs = child.AckTime >= 0 ? child.AckTime - child.SentTime : null,
            AckToFirstFillNs = child.AckTime >= 0 && child.FirstFillTime >= 0 ? child.FirstFillTime - child.AckTime : null,
            SendToFirstFillNs = child.FirstFillTime >= 0 ? child.FirstFillTime - child.SentTime : null,
        };
    }

    /// <summary>
    /// A venue's report (or the router's own hand-back coming round): an exception while applying it to its parent stops
    /// the parent, refused with <see cref="RiskVerdict.StageFault"/>, rather than leaving it half-updated for good.
    /// </summary>
    private void OnExecution(ref OrderEvent evt)
    {
        try
        {
            ApplyExecution(ref evt);
        }
        catch (Exception)
        {
            ref var parent = ref parents[(int)(ChildOrderId.ParentOf(evt.Execution.OrderId) & (parents.Length - 1))];
            if (parent.OrderId == ChildOrderId.ParentOf(evt.Execution.OrderId) && parent.Status == ParentStatus.Working)
            {
                FaultParentGuarded(ref parent, evt.Timestamp);
            }
            else
            {
                Counters.StageFaults++;
            }
        }
    }

    private void ApplyExecution(ref OrderEvent evt)
    {
        ref readonly var report = ref evt.Execution;
        if (ChildOrderId.IndexOf(report.OrderId) != ChildOrderId.MaxChildren - 1)
        {
            Record(ref evt); // not the router's own parent-level cancel coming back
        }

        var parentId = ChildOrderId.ParentOf(report.OrderId);
        ref var parent = ref parents[(int)(parentId & (parents.Length - 1))];
        if (parent.OrderId == parentId && parent.Status == ParentStatus.Cancelling)
        {
            AfterCancel(ref parent, in report, evt.Timestamp);
            return;
        }

        if (parent.OrderId != parentId || parent.Status != ParentStatus.Working)
        {
            if (report.Type != ExecutionType.Cancelled || ChildOrderId.IndexOf(report.OrderId) != ChildOrderId.MaxChildren - 1)
            {
                Counters.Unmatched++;
            }

            return;
        }

        var venue = new VenueId(report.Venue);
        switch (report.Type)
        {
            case ExecutionType.Ack:
                parent.Tca.OnAck(evt.Timestamp);
                // From the child's own send (a parent's later retries once measured from its first slice: minutes on
                // sparse data, which marked every venue slow for good).
                var child = ledger.ChildSlotOf(report.OrderId);
                health.RecordAck(venue, child >= 0 ? Math.Max(0, evt.Timestamp - ledger.Child(child).SentTime) : 0);
                break;
            case ExecutionType.Fill:
                Counters.Fills++;
                parent.FilledRaw += report.Quantity.Raw;
                parent.OutstandingRaw -= report.Quantity.Raw;
                parent.Tca.OnFill(report.Quantity, report.Price, report.Fee, evt.Timestamp);
                break;
            case ExecutionType.Reject:
                Counters.Rejects++;
                health.RecordReject(venue, report.RejectReason);
                parent.OutstandingRaw -= report.Quantity.Raw;
                parent.ExcludedVenues |= RouteRequest.VenueBit(venue);
                if (report.RejectReason is VenueRejectReason.InvalidQuantity or VenueRejectReason.InvalidPrice or VenueRejectReason.UnknownInstrument)
                {
                    // The same quantity would be refused again wherever it went (below the minimum notional, off the
                    // grid): retrying it every slice is what once sent 4 095 children for a 0.0008 ETHBTC rest. Hand it
                    // back (coordination re-sizes from the truth) instead of routing it again.
                    Counters.RestsUnplaceable++;
                    parent.QuantityClosedRaw += report.Quantity.Raw;
                    Report(ExecutionType.Cancelled, parent.OrderId, ChildOrderId.MaxChildren - 1, parent.Account, parent.Strategy, parent.Instrument, parent.Side, report.Quantity.Raw, evt.Timestamp);
                }
                else
                {
                    CloseOrRetry(ref parent, report.Quantity.Raw, evt.Timestamp);
                }

                break;
            case ExecutionType.Cancelled:
                parent.OutstandingRaw -= report.Quantity.Raw;
                CloseOrRetry(ref parent, report.Quantity.Raw, evt.Timestamp);
                break;
        }

        if (parent.FilledRaw >= parent.QuantityRaw)
        {
            Counters.ParentsFilled++;
            ledger.End(ledger.SlotOf(parent.OrderId), OrderStatus.Filled, OrderEndReason.None, evt.Timestamp);
            Finish(ref parent, evt.Timestamp);
        }
        else if (parent.Ioc)
        {
            EndIocIfDone(ref parent, evt.Timestamp);
        }
        else
        {
            // Everything filled or handed back as unplaceable: the parent is done, cancelled for the rest.
            EndIfHandedBack(ref parent, evt.Timestamp);
        }

        Reschedule(ref parent, (int)(parentId & (parents.Length - 1)));
    }

    /// <summary>
    /// A child's unfilled rest came back (venue cancel or reject): routed again at the next heartbeat — unless the parent
    /// is immediate-or-cancel, whose rest is cancelled (handed back to the stages before as a parent-level cancel).
    /// </summary>
    private void CloseOrRetry(ref ParentOrder parent, long quantityRaw, long now)
    {
        if (!parent.Ioc)
        {
            parent.RetryRaw += quantityRaw;
            parent.RetryAt = now;
            if (parent.Waiting)
            {
                parent.Waiting = false;
                watch.Unwait((int)(parent.OrderId & (parents.Length - 1)));
            }

            return;
        }

        parent.QuantityClosedRaw += quantityRaw;
        Report(ExecutionType.Cancelled, parent.OrderId, ChildOrderId.MaxChildren - 1, parent.Account, parent.Strategy, parent.Instrument, parent.Side, quantityRaw, now);
    }

    /// <summary>An immediate-or-cancel parent with nothing left at venues is done: filled in part (cancelled) or not at all.</summary>
    private void EndIocIfDone(ref ParentOrder parent, long now)
    {
        if (parent.Status != ParentStatus.Working || parent.OutstandingRaw > 0 || parent.RetryRaw > 0 || parent.NextSlice < parent.SliceCount)
        {
            return;
        }

        Counters.ParentsCancelled++;
        ledger.End(ledger.SlotOf(parent.OrderId), OrderStatus.Cancelled, OrderEndReason.ImmediateOrCancel, now);
        Finish(ref parent, now);
    }

    private void CancelParents(AccountId account, long now)
    {
        for (var i = 0; i < parents.Length; i++)
        {
            ref var parent = ref parents[i];
            if (parent.Status != ParentStatus.Working || (account.IsValid && parent.Account != account))
            {
                continue;
            }

            Counters.ParentsCancelled++;
            Stop(ref parent, now, OrderStatus.Cancelled, OrderEndReason.KillSwitch);
        }

        // Orders held until the open are cancelled too (the risk stage dropped them on the same event): their whole
        // quantity goes back as cancelled.
        if (ledger.HeldNow == 0)
        {
            return;
        }

        var slots = ledger.OrderSlots;
        for (var i = 0; i < slots.Length; i++)
        {
            ref readonly var held = ref slots[i];
            if (held.Status == OrderStatus.HeldUntilOpen && (!account.IsValid || held.Account == account))
            {
                Counters.ParentsCancelled++;
                Report(ExecutionType.Cancelled, held.OrderId, ChildOrderId.MaxChildren - 1, held.Account, held.Strategy, held.Instrument, held.Side, held.QuantityRaw, now);
                ledger.End(i, OrderStatus.Cancelled, OrderEndReason.KillSwitch, now);
            }
        }
    }

    /// <summary>
    /// Stops a working parent (kill switch, day expiry): the unsent rest goes back to the pipeline as cancelled, so the
    /// risk gate's working ledger and coordination let go of it; resting children are cancelled at their venues; children
    /// still at venues report for themselves (the parent waits for them as Cancelling).
    /// </summary>
    private void Stop(ref ParentOrder parent, long now, OrderStatus status, OrderEndReason reason)
    {
        var unsent = parent.QuantityRaw - parent.FilledRaw - parent.OutstandingRaw - parent.QuantityClosedRaw;
        if (unsent > 0)
        {
            Report(ExecutionType.Cancelled, parent.OrderId, ChildOrderId.MaxChildren - 1, parent.Account, parent.Strategy, parent.Instrument, parent.Side, unsent, now);
        }

        if (parent.Type == OrderType.Limit && parent.OutstandingRaw > 0)
        {
            foreach (var id in config.RoutesFor(parent.AssetClass))
            {
                venues[id.Value].CancelChildrenOf(parent.OrderId, parent.Children, parent.Instrument, now);
            }
        }

        ledger.End(ledger.SlotOf(parent.OrderId), status, reason, now);
        var outstanding = parent.OutstandingRaw;
        Finish(ref parent, now);
        if (outstanding > 0)
        {
            parent.Status = ParentStatus.Cancelling;
        }
    }

    /// <summary>
    /// A report for a child of a parent a kill switch stopped: fills still count; an unfilled rest (cancel, reject) is
    /// not routed again but handed back as a parent-level cancel; the slot is freed once nothing is outstanding.
    /// </summary>
    private void AfterCancel(ref ParentOrder parent, in ForwardedExecution report, long now)
    {
        switch (report.Type)
        {
            case ExecutionType.Fill:
                Counters.Fills++;
                parent.FilledRaw += report.Quantity.Raw;
                parent.OutstandingRaw -= report.Quantity.Raw;
                break;
            case ExecutionType.Cancelled:
            case ExecutionType.Reject:
                parent.OutstandingRaw -= report.Quantity.Raw;
                Report(ExecutionType.Cancelled, parent.OrderId, ChildOrderId.MaxChildren - 1, parent.Account, parent.Strategy, parent.Instrument, parent.Side, report.Quantity.Raw, now);
                break;
        }

        if (parent.OutstandingRaw <= 0)
        {
            parent.Status = ParentStatus.Free;
        }
    }

    private void Finish(ref ParentOrder parent, long now)
    {
        var mid = analytics.Mid(parent.Instrument);
        parent.Tca.Finish(mid.Raw > 0 ? mid : analytics.Last(parent.Instrument), now);
        if (parent.Tca.IsFinished)
        {
            quality.Add(parent.Tca.Report());
        }

        parent.Status = ParentStatus.Free;
        WorkingParents--;
        var slot = (int)(parent.OrderId & (parents.Length - 1));
        timers.Remove(slot);
        if (parent.Waiting)
        {
            parent.Waiting = false;
            watch.Unwait(slot);
        }

        if (parent.Watching)
        {
            parent.Watching = false;
            watch.Release(parent.Instrument.Value);
        }
    }

    private void Report(ExecutionType type, long parentId, int childIndex, AccountId account, StrategyId strategy, InstrumentId instrument, OrderSide side, long quantityRaw, long now)
    {
        if (feedbackTail - feedbackHead >= feedback.Length)
        {
            Counters.Unmatched++;
            return;
        }

        ref var slot = ref feedback[feedbackTail & (feedback.Length - 1)];
        slot.SetExecution(instrument, now);
        slot.Execution.OrderId = ChildOrderId.Of(parentId, childIndex);
        slot.Execution.Type = type;
        slot.Execution.Side = side;
        slot.Execution.Quantity = Quantity.FromRaw(quantityRaw);
        slot.Execution.Account = account;
        slot.Execution.Strategy = strategy;
        slot.Execution.Venue = -1;
        feedbackTail++;
    }

    /// <summary>Marks the report just queued as the risk gate's refusal: see <see cref="VenueRejectReason.RiskRefused"/>.</summary>
    private void MarkRiskRefusal(RiskVerdict verdict)
    {
        if (feedbackTail == feedbackHead)
        {
            return;
        }

        ref var slot = ref feedback[(feedbackTail - 1) & (feedback.Length - 1)];
        slot.Execution.RejectReason = VenueRejectReason.RiskRefused;
        slot.Execution.Venue = (short)verdict;
    }
}
