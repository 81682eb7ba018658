using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Routing.Algorithms;
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
/// <para>Children are market orders (a Liquidity parent sweeps now): the venue matches them when they arrive, so a kill
/// switch has no resting child to cancel — it stops the parent's schedule and returns the unsent rest.</para>
/// </remarks>
public sealed class RouterStage : IValueEventHandler<OrderEvent>, IStateDigest, IFeedbackSource
{
    private const int MaxSlices = 64;
    private const double SecondsPerYear = 365.0 * 86_400;

    private readonly InstrumentCatalog catalog;
    private readonly MarketAnalytics analytics;
    private readonly VenueConfig config;
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
    private long feedbackHead;
    private long feedbackTail;
    private long lastHeartbeat = long.MinValue;

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
        schedules = new long[capacity * MaxSlices];
        vwapProfile = [.. this.options.VwapProfile];
        feedback = new InputEvent[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(256, this.options.FeedbackCapacity))];
        quality = new ExecutionQualityAggregator(strategyNames, id => venueConfig[id].Name);
    }

    /// <summary>
    /// In the staged layout (stages on their own threads) the reports go into the input ring instead, from this stage's
    /// thread, never waiting: what does not fit waits for the next heartbeat. Not deterministic — the chained layout is.
    /// </summary>
    public ValueRingBuffer<InputEvent>? PublishInto { get; init; }

    /// <summary>Reports published into the input ring (staged layout only).</summary>
    public long Pumped { get; private set; }

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

    /// <summary>Execution quality of the finished parent orders (the seed's <c>GET /execution/quality</c>). Engine thread only.</summary>
    public ExecutionQualityResponse ExecutionQuality() => quality.Build();

    /// <inheritdoc />
    public void OnEvent(ref OrderEvent order, long sequence, bool endOfBatch)
    {
        switch (order.Kind)
        {
            case OrderEventKind.NewOrder when order.IsAccepted:
                Start(ref order);
                break;
            case OrderEventKind.NewOrder when order.RiskVerdict != RiskVerdict.Pending:
                // Refused by the risk gate (or held until the open, which is not implemented: refused too). Say so to
                // the stages before, as a parent-level cancel carrying the verdict, so coordination gives the strategy
                // its quantity back and knows why (it backs off on that instrument).
                Counters.ParentsRefusedByRisk++;
                Report(ExecutionType.Cancelled, order.OrderId, ChildOrderId.MaxChildren - 1, order.Account, order.Strategy, order.Instrument, order.Side, order.Quantity.Raw, order.Timestamp);
                MarkRiskRefusal(order.RiskVerdict);
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

    private void Start(ref OrderEvent order)
    {
        var slot = (int)(order.OrderId & (parents.Length - 1));
        ref var parent = ref parents[slot];
        var lot = catalog[order.Instrument].LotSize.Raw;
        if (parent.Status != ParentStatus.Free || lot <= 0)
        {
            Counters.ParentsRefused++;
            Report(ExecutionType.Cancelled, order.OrderId, ChildOrderId.MaxChildren - 1, order.Account, order.Strategy, order.Instrument, order.Side, order.Quantity.Raw, order.Timestamp);
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
        parent.NextSliceTime = order.Timestamp;
        parent.Tca.Start(in order, parent.AssetClass, order.LimitPrice);
        var mid = analytics.Mid(order.Instrument);
        parent.Tca.OnArrival(mid.Raw > 0 ? mid : order.LimitPrice, order.Timestamp);
        Schedule(ref parent, slot, order.Quantity.Raw / lot);
        SendDue(ref parent, order.Timestamp);
    }

    /// <summary>Cuts the parent's lots into slices per its algorithm (children sum exactly to the parent).</summary>
    private void Schedule(ref ParentOrder parent, int slot, long lots)
    {
        var span = schedules.AsSpan(slot * MaxSlices, MaxSlices);
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
        var bid = Price.FromRaw(analytics.Instrument(parent.Instrument).Bid);
        var ask = Price.FromRaw(analytics.Instrument(parent.Instrument).Ask);
        if (bid.Raw > 0 && ask.Raw >= bid.Raw)
        {
            foreach (var id in route)
            {
                venues[id.Value].OnQuote(parent.Instrument, now, bid, ask);
            }
        }

        inputs.Gather(route, venues, config, health, parent.Instrument, parent.Side);
        var request = new RouteRequest(parent.Instrument, parent.AssetClass, parent.Side, Quantity.FromRaw(quantityRaw), Quantity.FromRaw(parent.LotRaw), LiquiditySweepPlanner.NoLimit(parent.Side))
        {
            ExcludedVenues = parent.ExcludedVenues,
        };
        var decision = router.Route(in request, inputs.Venues, inputs.Depth, allocations);
        var sent = 0L;
        for (var i = 0; i < decision.Count && parent.Children < ChildOrderId.MaxChildren - 1; i++)
        {
            ref readonly var allocation = ref allocations[i];
            var child = new ChildOrderRequest(ChildOrderId.Of(parent.OrderId, parent.Children), parent.Account, parent.Strategy, parent.Instrument, parent.Side, OrderType.Market, allocation.Quantity, default);
            if (venues[allocation.Venue.Value].Submit(in child, now))
            {
                parent.Children++;
                parent.OutstandingRaw += allocation.Quantity.Raw;
                sent += allocation.Quantity.Raw;
                Counters.Children++;
            }
            else
            {
                Counters.ChildrenRefused++;
            }
        }

        // Whatever found no venue (none healthy, all excluded, no depth) goes again at the next heartbeat, with every
        // venue allowed again so a parent is never stuck on exclusions.
        parent.RetryRaw += quantityRaw - sent;
        if (sent == 0)
        {
            parent.ExcludedVenues = 0;
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
        for (var i = 0; i < parents.Length && WorkingParents > 0; i++)
        {
            if (parents[i].Status == ParentStatus.Working)
            {
                SendDue(ref parents[i], now);
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

    private void OnExecution(ref OrderEvent evt)
    {
        ref readonly var report = ref evt.Execution;
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
                health.RecordAck(venue, Math.Max(0, evt.Timestamp - parent.NextSliceTime + parent.SliceInterval));
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
                parent.RetryRaw += report.Quantity.Raw;
                parent.ExcludedVenues |= RouteRequest.VenueBit(venue);
                break;
            case ExecutionType.Cancelled:
                parent.OutstandingRaw -= report.Quantity.Raw;
                parent.RetryRaw += report.Quantity.Raw;
                break;
        }

        if (parent.FilledRaw >= parent.QuantityRaw)
        {
            Counters.ParentsFilled++;
            Finish(ref parent, evt.Timestamp);
        }
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

            // The unsent rest goes back to the pipeline as cancelled, so the risk gate's working ledger and
            // coordination let go of it; children already at venues report for themselves.
            var unsent = parent.QuantityRaw - parent.FilledRaw - parent.OutstandingRaw;
            if (unsent > 0)
            {
                Report(ExecutionType.Cancelled, parent.OrderId, ChildOrderId.MaxChildren - 1, parent.Account, parent.Strategy, parent.Instrument, parent.Side, unsent, now);
            }

            Counters.ParentsCancelled++;
            var outstanding = parent.OutstandingRaw;
            Finish(ref parent, now);
            if (outstanding > 0)
            {
                parent.Status = ParentStatus.Cancelling;
            }
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
