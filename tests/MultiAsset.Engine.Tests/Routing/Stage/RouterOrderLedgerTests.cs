using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Routing.Orders;
using MultiAsset.Engine.Routing.Stage;
using MultiAsset.Engine.Routing.Venues;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Routing.Stage;

/// <summary>
/// The router's order ledger driven by hand-made order events and reports: accepted → working → partially filled →
/// filled; refused with the gate's reason; held, then released at the open; a day order expiring at the close; limit
/// and immediate-or-cancel orders; TCA per venue and counters that agree.
/// </summary>
public sealed class RouterOrderLedgerTests
{
    private const long Millisecond = 1_000_000;
    private const long Second = 1_000 * Millisecond;
    private static readonly long T0 = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * Millisecond; // Monday 10:00 New York

    private readonly MarketDataStage marketData = MarketDataStage.Create(RepoFiles.ShippedCatalog, new AnalyticsOptions());
    private readonly HandOffQueue<OrderEvent> releases = new(16);
    private readonly RouterStage router;
    private long sequence;

    public RouterOrderLedgerTests()
    {
        var venues = VenueConfigReader.Load(RepoFiles.PathOf("config/venues.json"), RepoFiles.ShippedCatalog);
        router = new RouterStage(RepoFiles.ShippedCatalog, marketData.Analytics, venues) { HeldReleases = releases };
        Quote("SPY", T0 - Second, 500.00, 500.02);
    }

    [Fact]
    public void Hand_made_reports_take_an_order_from_accepted_to_working_to_partially_filled_to_filled()
    {
        var order = Send(NewOrder(1, 30, T0));
        var view = Ledger(1);
        Assert.Equal(OrderStatus.Accepted, view.Status);
        Assert.Equal(1, view.Children); // 30 shares fit the first venue's displayed depth

        var child = ChildOrderId.Of(order.OrderId, 0);
        Report(Execution(child, ExecutionType.Ack, 30, 0, 0, T0 + Millisecond));
        Assert.Equal(OrderStatus.Working, Ledger(1).Status);

        Report(Execution(child, ExecutionType.Fill, 10, 500.02m, 0.01m, T0 + (2 * Millisecond)));
        Assert.Equal(OrderStatus.PartiallyFilled, Ledger(1).Status);
        Assert.Equal(1, router.WorkingParents);

        Report(Execution(child, ExecutionType.Fill, 20, 500.03m, 0.02m, T0 + (3 * Millisecond)));
        var filled = Ledger(1);
        Assert.Equal(OrderStatus.Filled, filled.Status);
        Assert.Equal(30m, Quantity.FromRaw(filled.FilledRaw).ToDecimal());
        Assert.Equal(500.02666666m, Price.FromRaw(filled.AveragePriceRaw).ToDecimal()); // (10·500.02 + 20·500.03)/30
        Assert.Equal(0.03m, Money.FromRaw(filled.FeesRaw).ToDecimal());
        Assert.Equal(T0 + (3 * Millisecond), filled.DoneTime);
        Assert.Equal(0, router.WorkingParents);

        // The child is done: its venue has a TCA row; the counters agree with the ledger.
        var quality = router.ExecutionQuality();
        var venue = Assert.Single(quality.ByVenue);
        Assert.Equal((1, 2), (venue.ChildOrders, venue.Fills));
        Assert.Equal((1L, 1L, 0L, 1L, 2L), (quality.Counts!.Orders, quality.Counts.Accepted, quality.Counts.Refused, quality.Counts.Filled, quality.Counts.Fills));
        Assert.Equal(1, quality.Overall.Orders);
    }

    [Fact]
    public void A_rest_the_venue_rejects_as_an_invalid_quantity_is_handed_back_once_and_the_parent_ends_not_retried()
    {
        var order = Send(NewOrder(1, 30, T0));
        var child = ChildOrderId.Of(order.OrderId, 0);
        Report(Execution(child, ExecutionType.Ack, 30, 0, 0, T0 + Millisecond));
        Report(Execution(child, ExecutionType.Fill, 25, 500.02m, 0.01m, T0 + (2 * Millisecond)));
        var reject = Execution(child, ExecutionType.Reject, 5, 0, 0, T0 + (3 * Millisecond));
        reject.Execution.RejectReason = VenueRejectReason.InvalidQuantity;
        Report(reject);
        for (var beat = 1; beat <= 20; beat++)
        {
            Heartbeat(T0 + (beat * Second));
        }

        var view = Ledger(1);
        Assert.Equal(OrderStatus.Cancelled, view.Status);
        Assert.Equal(OrderEndReason.Unplaceable, view.EndReason);
        Assert.Equal(1, view.Children); // never routed again
        Assert.Equal(0, router.WorkingParents);
        Assert.Equal(1, router.Counters.RestsUnplaceable);
    }

    [Fact]
    public void A_refused_order_is_kept_with_the_gates_reason()
    {
        var order = NewOrder(1, 100, T0);
        order.RiskVerdict = RiskVerdict.PositionLimit;
        Send(order);

        var view = Ledger(1);
        Assert.Equal((OrderStatus.Refused, RiskVerdict.PositionLimit, OrderEndReason.RiskRefused, T0), (view.Status, view.Verdict, view.EndReason, view.DoneTime));
        Assert.Equal((1L, 0L, 1L), (router.Ledger.Orders, router.Ledger.Accepted, router.Ledger.Refused));
        var json = router.ReadModel(_ => "default").Order(router.Ledger, 1, null)!;
        Assert.Equal(("refused", "PositionLimit", "riskRefused"), (json.Status, json.RiskVerdict, json.EndReason));
    }

    [Fact]
    public void A_held_order_waits_without_a_cancel_and_is_worked_when_the_risk_stage_releases_it_at_the_open()
    {
        var saturday = new DateTimeOffset(2026, 3, 7, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * Millisecond;
        var open = RepoFiles.ShippedCatalog[Id("SPY")].Calendar.SessionAt(saturday).Open;
        var order = NewOrder(1, 10, saturday);
        order.RiskVerdict = RiskVerdict.HeldUntilOpen;
        Send(order);

        var held = Ledger(1);
        Assert.Equal((OrderStatus.HeldUntilOpen, open), (held.Status, held.ReleaseTime));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 13, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * Millisecond, open); // Monday 9:30 New York (EDT)
        Assert.Empty(Feedback()); // no cancel: the stages before still count it as working
        Assert.Equal(0, router.WorkingParents);

        // The risk stage checks it again at the open and hands it over with its new verdict on that heartbeat.
        Quote("SPY", open, 501.00, 501.02);
        order.RiskVerdict = RiskVerdict.Accepted;
        releases.TryAdd(in order);
        Heartbeat(open);

        var released = Ledger(1);
        Assert.Equal(OrderStatus.Accepted, released.Status);
        Assert.Equal(RiskVerdict.Accepted, released.Verdict);
        Assert.True(released.Children >= 1);
        Assert.Equal(1, router.WorkingParents);
        Assert.Equal((1L, 0L, 1L), (router.Counters.ParentsReleased, router.Ledger.HeldNow, router.Ledger.Held));
    }

    [Fact]
    public void A_held_order_the_gate_refuses_at_the_open_is_refused_with_that_reason()
    {
        var order = NewOrder(1, 10, T0);
        order.RiskVerdict = RiskVerdict.HeldUntilOpen;
        Send(order);
        order.RiskVerdict = RiskVerdict.DailyLossLimit;
        releases.TryAdd(in order);
        Heartbeat(T0 + Second);

        Assert.Equal((OrderStatus.Refused, RiskVerdict.DailyLossLimit), (Ledger(1).Status, Ledger(1).Verdict));
        var cancel = Assert.Single(Feedback());
        Assert.Equal((ExecutionType.Cancelled, VenueRejectReason.RiskRefused, 10m), (cancel.Execution.Type, cancel.Execution.RejectReason, cancel.Execution.Quantity.ToDecimal()));
    }

    [Fact]
    public void A_day_limit_order_rests_and_expires_at_the_close_of_its_session()
    {
        var close = RepoFiles.ShippedCatalog[Id("SPY")].Calendar.SessionAt(T0).Close;
        var order = NewOrder(1, 10, T0, OrderType.Limit, 490.00m, TimeInForce.Day);
        Send(order);
        Assert.Equal(close, Ledger(1).ExpireTime);
        var before = RunUntil(T0 + (5 * Second));
        Assert.Equal(0m, Filled(before)); // 10 below the market: it rests
        Assert.Equal(OrderStatus.Working, Ledger(1).Status);

        var after = RunUntil(close + (5 * Second), from: close - Second);
        Assert.Equal((OrderStatus.Expired, OrderEndReason.DayExpired), (Ledger(1).Status, Ledger(1).EndReason));
        Assert.Equal(close, Ledger(1).DoneTime);
        Assert.Contains(after, r => r.Execution.Type == ExecutionType.Cancelled && ChildOrderId.IndexOf(r.Execution.OrderId) == 0 && r.Execution.Quantity.ToDecimal() == 10m);
        Assert.Contains(after, r => r.Execution.Type == ExecutionType.Cancelled && ChildOrderId.IndexOf(r.Execution.OrderId) == ChildOrderId.MaxChildren - 1 && r.Execution.Quantity.ToDecimal() == 10m);
        Assert.Equal((0, 1L), (router.WorkingParents, router.Ledger.Expired));
    }

    [Fact]
    public void A_marketable_limit_order_fills_at_or_better_than_its_limit()
    {
        Send(NewOrder(1, 50, T0, OrderType.Limit, 500.05m));
        var reports = RunUntil(T0 + (2 * Second));
        Assert.Equal(50m, Filled(reports));
        Assert.All(reports.Where(r => r.Execution.Type == ExecutionType.Fill), f => Assert.True(f.Execution.Price.ToDecimal() <= 500.05m));
        Assert.Equal(OrderStatus.Filled, Ledger(1).Status);
    }

    [Fact]
    public void An_immediate_or_cancel_order_that_finds_nothing_within_its_limit_is_cancelled_not_retried()
    {
        Send(NewOrder(1, 10, T0, OrderType.Limit, 490.00m, TimeInForce.ImmediateOrCancel));
        var reports = RunUntil(T0 + Second);

        Assert.Equal((OrderStatus.Cancelled, OrderEndReason.ImmediateOrCancel), (Ledger(1).Status, Ledger(1).EndReason));
        Assert.Equal(0m, Filled(reports));
        var parentCancel = Assert.Single(reports, r => ChildOrderId.IndexOf(r.Execution.OrderId) == ChildOrderId.MaxChildren - 1);
        Assert.Equal((ExecutionType.Cancelled, 10m), (parentCancel.Execution.Type, parentCancel.Execution.Quantity.ToDecimal()));
        Assert.Equal(Ledger(1).Children, reports.Count(r => r.Execution.Type == ExecutionType.Ack)); // one pass: no child sent again
        Assert.Equal(0, router.WorkingParents);
    }

    [Fact]
    public void Fills_and_child_orders_agree_across_the_ledger_the_counters_and_the_tca_after_a_run()
    {
        Send(NewOrder(1, 300, T0));
        Send(NewOrder(2, 1000, T0 + Millisecond, algorithm: ExecutionAlgorithm.Twap));
        var refused = NewOrder(3, 10, T0 + (2 * Millisecond));
        refused.RiskVerdict = RiskVerdict.MaxNotional;
        Send(refused);
        var reports = RunUntil(T0 + (70 * Second));

        var counts = router.OrderCounts();
        var fills = reports.Count(r => r.Execution.Type == ExecutionType.Fill);
        Assert.Equal((3L, 2L, 1L, 2L), (counts.Orders, counts.Accepted, counts.Refused, counts.Filled));
        Assert.Equal(fills, counts.Fills);
        Assert.Equal(fills, router.Ledger.FillCount);
        Assert.Equal(router.Counters.Children, counts.ChildOrders);
        var quality = router.ExecutionQuality();
        Assert.Equal(counts.ChildOrders, quality.ByVenue.Sum(v => v.ChildOrders)); // every child done, every child in a venue row
        Assert.Equal(fills, quality.ByVenue.Sum(v => v.Fills));
        Assert.Equal(fills, quality.Overall.Fills);
        Assert.Equal(1300m, router.ReadModel(_ => "default").Fills(router.Ledger, new OrderFilter(-1, null, null, -1, null, null, long.MinValue, -1, -1), 10_000).Sum(f => f.Quantity));
    }

    [Fact]
    public void Ledger_state_is_in_the_digest()
    {
        static ulong Run(decimal quantity)
        {
            var t = new RouterOrderLedgerTests();
            t.Send(NewOrder(1, quantity, T0));
            t.RunUntil(T0 + Second);
            return StateDigest.Of(t.router);
        }

        Assert.Equal(Run(30), Run(30));
        Assert.NotEqual(Run(30), Run(31));
    }

    private static InstrumentId Id(string symbol) => RepoFiles.ShippedCatalog.TryGet(symbol, out var i) ? i.Id : throw new ArgumentException(symbol);

    private static decimal Filled(IEnumerable<InputEvent> reports) => reports.Where(r => r.Execution.Type == ExecutionType.Fill).Sum(r => r.Execution.Quantity.ToDecimal());

    private LedgerOrder Ledger(long id)
    {
        var slot = router.Ledger.SlotOf(id);
        Assert.True(slot >= 0, $"order {id} not in the ledger");
        return router.Ledger[slot];
    }

    private void Quote(string symbol, long time, double bid, double ask)
    {
        var evt = default(InputEvent);
        evt.SetQuote(Id(symbol), time, Price.FromDouble(bid), Price.FromDouble(ask), Quantity.FromDouble(500), Quantity.FromDouble(500));
        marketData.OnEvent(ref evt, sequence++, true);
    }

    private static OrderEvent NewOrder(long id, decimal quantity, long time, OrderType type = OrderType.Market, decimal limit = 500.01m, TimeInForce timeInForce = TimeInForce.Gtc, ExecutionAlgorithm algorithm = ExecutionAlgorithm.Direct) => new()
    {
        Kind = OrderEventKind.NewOrder,
        Type = type,
        TimeInForce = timeInForce,
        Side = OrderSide.Buy,
        Algorithm = algorithm,
        Account = new AccountId(0),
        Strategy = StrategyId.None,
        Reason = IntentReason.Operator,
        Instrument = Id("SPY"),
        Timestamp = time,
        Quantity = Quantity.FromDecimal(quantity),
        LimitPrice = Price.FromDecimal(limit),
        OrderId = id,
        RiskVerdict = RiskVerdict.Accepted,
    };

    private OrderEvent Send(OrderEvent order)
    {
        router.OnEvent(ref order, 0, true);
        return order;
    }

    private static OrderEvent Execution(long childId, ExecutionType type, decimal quantity, decimal price, decimal fee, long time) => new()
    {
        Kind = OrderEventKind.Execution,
        Account = new AccountId(0),
        Strategy = StrategyId.None,
        Instrument = Id("SPY"),
        Timestamp = time,
        Execution = new ForwardedExecution
        {
            OrderId = childId,
            Type = type,
            Side = OrderSide.Buy,
            Quantity = Quantity.FromDecimal(quantity),
            Price = Price.FromDecimal(price),
            Fee = Money.FromDecimal(fee),
            Venue = 0,
            Liquidity = type == ExecutionType.Fill ? Liquidity.Taker : Liquidity.None,
        },
    };

    private void Report(OrderEvent report) => router.OnEvent(ref report, 0, true);

    private void Heartbeat(long time)
    {
        var beat = new OrderEvent { Kind = OrderEventKind.Heartbeat, Timestamp = time };
        router.OnEvent(ref beat, 0, true);
    }

    private List<InputEvent> Feedback()
    {
        var reports = new List<InputEvent>();
        while (router.TryTake(out var report))
        {
            reports.Add(report);
        }

        return reports;
    }

    /// <summary>Heartbeats every 10 ms from <paramref name="from"/> (default T0) up to <paramref name="until"/>, each report fed back as the pipeline would.</summary>
    private List<InputEvent> RunUntil(long until, long? from = null)
    {
        var reports = new List<InputEvent>();
        for (var t = from ?? T0; t <= until; t += 10 * Millisecond)
        {
            Heartbeat(t);
            foreach (var report in Feedback())
            {
                reports.Add(report);
                Report(new OrderEvent
                {
                    Kind = OrderEventKind.Execution,
                    Account = report.Execution.Account,
                    Strategy = report.Execution.Strategy,
                    Instrument = report.Instrument,
                    Timestamp = report.Timestamp,
                    Execution = ForwardedExecution.From(in report.Execution),
                });
            }
        }

        return reports;
    }
}
