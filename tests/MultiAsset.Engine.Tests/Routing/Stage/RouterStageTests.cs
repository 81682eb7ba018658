using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Stage;
using MultiAsset.Engine.Routing.Venues;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Routing.Stage;

public sealed class RouterStageTests
{
    private const long Millisecond = 1_000_000;
    private const long Second = 1_000 * Millisecond;
    private static readonly long T0 = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * Millisecond;

    private readonly MarketDataStage marketData = MarketDataStage.Create(RepoFiles.ShippedCatalog, new AnalyticsOptions());
    private readonly RouterStage router;
    private long sequence;
    private long nextOrderId = 1;

    public RouterStageTests()
    {
        var venues = VenueConfigReader.Load(RepoFiles.PathOf("config/venues.json"), RepoFiles.ShippedCatalog);
        router = new RouterStage(RepoFiles.ShippedCatalog, marketData.Analytics, venues);
        var evt = default(InputEvent);
        evt.SetQuote(Id("SPY"), T0 - Second, Price.FromDouble(500.00), Price.FromDouble(500.02), Quantity.FromDouble(500), Quantity.FromDouble(500));
        marketData.OnEvent(ref evt, sequence++, true);
    }

    [Fact]
    public void A_direct_order_is_sent_at_once_and_its_fills_complete_the_parent_exactly()
    {
        var order = Order(ExecutionAlgorithm.Direct, 300, T0);
        Assert.Equal(1, router.WorkingParents);

        var reports = RunUntil(T0 + (2 * Second));
        var fills = reports.Where(r => r.Execution.Type == ExecutionType.Fill).ToList();
        Assert.Equal(300m, fills.Sum(f => f.Execution.Quantity.ToDecimal()));
        Assert.All(reports, r => Assert.Equal(order.OrderId, ChildOrderId.ParentOf(r.Execution.OrderId)));
        Assert.All(fills, f => Assert.InRange(f.Execution.Price.ToDecimal(), 500.00m, 500.10m));
        Assert.Equal(0, router.WorkingParents);
        Assert.Equal(1, router.Counters.ParentsFilled);
        Assert.Equal(1, router.ExecutionQuality().Overall.Orders);
    }

    [Fact]
    public void A_twap_order_goes_out_one_slice_per_interval_and_the_slices_sum_to_the_parent()
    {
        Order(ExecutionAlgorithm.Twap, 1000, T0);
        var first = RunUntil(T0 + (3 * Second)); // slices at 0 s only (6 s apart by default)
        Assert.Equal(100m, Filled(first));

        var all = first.Concat(RunUntil(T0 + (70 * Second))).ToList();
        Assert.Equal(1000m, Filled(all));
        Assert.Equal(0, router.WorkingParents);
    }

    [Fact]
    public void A_kill_switch_stops_the_schedule_and_returns_the_unsent_rest_as_cancelled()
    {
        var order = Order(ExecutionAlgorithm.Twap, 1000, T0);
        RunUntil(T0 + (3 * Second));
        var kill = new OrderEvent { Kind = OrderEventKind.KillSwitch, Account = new AccountId(0), Quantity = Quantity.FromDouble(1), Timestamp = T0 + (3 * Second) };
        router.OnEvent(ref kill, 0, true);

        var cancel = Assert.Single(Feedback(), r => r.Execution.Type == ExecutionType.Cancelled);
        Assert.Equal(order.OrderId, ChildOrderId.ParentOf(cancel.Execution.OrderId));
        Assert.Equal(900m, cancel.Execution.Quantity.ToDecimal());
        Assert.Equal(0, router.WorkingParents);
        Assert.Equal(0m, Filled(RunUntil(T0 + (70 * Second))));
    }

    [Fact]
    public void A_momentum_order_participates_in_the_volume_traded_since_its_last_slice()
    {
        Order(ExecutionAlgorithm.Momentum, 1000, T0);
        Assert.Equal(0m, Filled(RunUntil(T0 + Second))); // no volume yet: nothing to participate in

        var trade = default(InputEvent);
        trade.SetTrade(Id("SPY"), T0 + (2 * Second), Price.FromDouble(500.01), Quantity.FromDouble(2000));
        marketData.OnEvent(ref trade, sequence++, true);

        // Neutral momentum (no completed 1-minute bar yet): 10 % of the 2 000 shares traded, at the 5 s slice.
        Assert.Equal(200m, Filled(RunUntil(T0 + (6 * Second))));
        Assert.Equal(1, router.WorkingParents);

        // Past the 10-minute horizon the rest goes at once.
        Assert.Equal(800m, Filled(RunUntil(T0 + (601 * Second))));
        Assert.Equal(0, router.WorkingParents);
    }

    [Fact]
    public void Children_still_at_venues_when_the_kill_switch_comes_report_their_fills_and_the_parent_is_let_go_after()
    {
        Order(ExecutionAlgorithm.Direct, 300, T0); // sent at once; the venues report after their latency
        var kill = new OrderEvent { Kind = OrderEventKind.KillSwitch, Account = new AccountId(0), Quantity = Quantity.FromDouble(1), Timestamp = T0 };
        router.OnEvent(ref kill, 0, true);
        Assert.Equal(0, router.WorkingParents);
        Assert.DoesNotContain(Feedback(), r => r.Execution.Type == ExecutionType.Cancelled); // nothing was left unsent

        var reports = RunUntil(T0 + (2 * Second));
        Assert.Equal(300m, Filled(reports)); // the children at the venues still fill, and the pipeline hears of it
        Assert.True(router.Counters.Fills >= 1);
        Order(ExecutionAlgorithm.Direct, 10, T0 + (3 * Second)); // the next order is worked: the stopped one let its slot go
        Assert.Equal(1, router.WorkingParents);
        Assert.Equal(0, router.Counters.ParentsRefused);
    }

    [Fact]
    public void An_order_the_risk_gate_refused_is_not_worked()
    {
        var order = NewOrder(ExecutionAlgorithm.Direct, 100, T0);
        order.RiskVerdict = RiskVerdict.MaxNotional;
        router.OnEvent(ref order, 0, true);
        Assert.Equal(0, router.WorkingParents);
        Assert.Equal(0, router.Counters.Children);

        // It goes back to the stages before as a parent-level cancel of the whole quantity.
        var cancel = Assert.Single(Feedback());
        Assert.Equal(ExecutionType.Cancelled, cancel.Execution.Type);
        Assert.Equal(order.OrderId, ChildOrderId.ParentOf(cancel.Execution.OrderId));
        Assert.Equal(ChildOrderId.MaxChildren - 1, ChildOrderId.IndexOf(cancel.Execution.OrderId));
        Assert.Equal(100m, cancel.Execution.Quantity.ToDecimal());
    }

    [Fact]
    public void The_same_orders_and_time_give_the_same_digest()
    {
        static ulong Run()
        {
            var t = new RouterStageTests();
            t.Order(ExecutionAlgorithm.Twap, 1000, T0);
            t.Order(ExecutionAlgorithm.Direct, 50, T0 + Second);
            t.RunUntil(T0 + (20 * Second));
            return Engine.Pipeline.StateDigest.Of(t.router);
        }

        Assert.Equal(Run(), Run());
    }

    private static InstrumentId Id(string symbol) => RepoFiles.ShippedCatalog.TryGet(symbol, out var i) ? i.Id : throw new ArgumentException(symbol);

    private static decimal Filled(IEnumerable<InputEvent> reports) => reports.Where(r => r.Execution.Type == ExecutionType.Fill).Sum(r => r.Execution.Quantity.ToDecimal());

    private OrderEvent NewOrder(ExecutionAlgorithm algorithm, double quantity, long time) => new()
    {
        Kind = OrderEventKind.NewOrder,
        Type = OrderType.Market,
        Side = OrderSide.Buy,
        Algorithm = algorithm,
        Account = new AccountId(0),
        Strategy = new StrategyId(0),
        Instrument = Id("SPY"),
        Timestamp = time,
        Quantity = Quantity.FromDouble(quantity),
        LimitPrice = Price.FromDouble(500.01),
        OrderId = nextOrderId++,
        RiskVerdict = RiskVerdict.Accepted,
    };

    private OrderEvent Order(ExecutionAlgorithm algorithm, double quantity, long time)
    {
        var order = NewOrder(algorithm, quantity, time);
        router.OnEvent(ref order, 0, true);
        return order;
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

    /// <summary>Heartbeats every 10 ms up to <paramref name="until"/>, each report fed back as the pipeline would.</summary>
    private List<InputEvent> RunUntil(long until) => RouterHeartbeats.Run(router, T0, until, 10 * Millisecond);
}
