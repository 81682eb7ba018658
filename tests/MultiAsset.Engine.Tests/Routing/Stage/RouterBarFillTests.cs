using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Stage;
using MultiAsset.Engine.Routing.Venues;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Routing.Stage;

/// <summary>
/// Bars-only data through the router with a <c>"nextOpen"</c> venue (zero latency, fees and spread: the reference backtest
/// model): a market order decided after bar 1 fills at bar 2's open, handed to the venue by the heartbeat.
/// </summary>
public sealed class RouterBarFillTests
{
    private const long Millisecond = 1_000_000;
    private const long Minute = 60_000 * Millisecond;
    private static readonly long T0 = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * Millisecond;

    private const string Venues = """
        {
          "assetClassRoutes": { "STOCK": ["BAR-SIM"] },
          "venues": [
            { "name": "BAR-SIM", "assetClasses": ["STOCK"], "fees": { "makerBps": 0, "takerBps": 0 },
              "latency": { "ack": "0", "fill": "0" },
              "liquidity": { "halfSpreadMultiplier": 1, "levels": 3, "depthPerLevel": { "lots": 1000 } },
              "barFill": "nextOpen" }
          ]
        }
        """;

    private readonly MarketDataStage marketData = MarketDataStage.Create(RepoFiles.ShippedCatalog, new AnalyticsOptions());
    private readonly RouterStage router;
    private readonly InstrumentId spy = RepoFiles.ShippedCatalog.TryGet("SPY", out var i) ? i.Id : throw new InvalidOperationException("SPY");
    private long sequence;

    public RouterBarFillTests()
        => router = new RouterStage(RepoFiles.ShippedCatalog, marketData.Analytics, VenueConfigReader.Parse(Venues, "bar-venues.json", RepoFiles.ShippedCatalog));

    [Fact]
    public void A_market_order_decided_on_bar_1_fills_at_bar_2s_open_and_one_on_the_last_bar_never_fills()
    {
        Bar(T0, 500.00m, 501.00m, 499.00m, 500.50m);
        Order(1, OrderSide.Buy, 100, T0);
        Assert.Empty(Fills(Heartbeats(T0, T0 + Minute - Millisecond)));

        Bar(T0 + Minute, 500.70m, 502.00m, 500.10m, 501.90m);
        var fill = Assert.Single(Fills(Heartbeats(T0 + Minute, T0 + Minute + (100 * Millisecond))));
        Assert.Equal((100m, 500.70m), (fill.Execution.Quantity.ToDecimal(), fill.Execution.Price.ToDecimal()));
        Assert.Equal(0, router.WorkingParents);

        // Decided on the last bar: no later bar, no fill.
        Order(2, OrderSide.Sell, 100, T0 + Minute);
        Assert.Empty(Fills(Heartbeats(T0 + Minute, T0 + (10 * Minute))));
        Assert.Equal(1, router.WorkingParents);
    }

    private void Bar(long end, decimal open, decimal high, decimal low, decimal close)
    {
        var evt = default(InputEvent);
        evt.SetBar(spy, end, Price.FromDecimal(open), Price.FromDecimal(high), Price.FromDecimal(low), Price.FromDecimal(close), Quantity.FromDecimal(10_000m), 60);
        marketData.OnEvent(ref evt, sequence++, true);
    }

    private void Order(long id, OrderSide side, double quantity, long time)
    {
        var order = new OrderEvent
        {
            Kind = OrderEventKind.NewOrder,
            Type = OrderType.Market,
            Side = side,
            Algorithm = ExecutionAlgorithm.Direct,
            Account = new AccountId(0),
            Strategy = new StrategyId(0),
            Instrument = spy,
            Timestamp = time,
            Quantity = Quantity.FromDouble(quantity),
            LimitPrice = Price.FromDouble(500.50),
            OrderId = id,
            RiskVerdict = RiskVerdict.Accepted,
        };
        router.OnEvent(ref order, 0, true);
    }

    private static IEnumerable<InputEvent> Fills(List<InputEvent> reports) => reports.Where(r => r.Execution.Type == ExecutionType.Fill);

    private List<InputEvent> Heartbeats(long from, long until) => RouterHeartbeats.Run(router, from, until, 10 * Millisecond);
}
