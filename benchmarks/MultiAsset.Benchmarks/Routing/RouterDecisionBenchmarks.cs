using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Routing.Algorithms;
using MultiAsset.Engine.Routing.Smart;
using MultiAsset.Engine.Routing.Venues;

namespace MultiAsset.Benchmarks.Routing;

/// <summary>
/// Smart order routing over the shipped <c>config/venues.json</c>: the routing decision for one AAPL slice across the three
/// STOCK venues (14 displayed levels, fees, health), the same with its inputs gathered from the live simulated venues, and
/// one order's round trip through a simulated venue (quote refresh, market order walking two levels, poll of its ack and
/// fills). ns per order; target ≤ 1 µs for the decision, 0 B everywhere.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class RouterDecisionBenchmarks
{
    private const long Microsecond = 1_000;

    private readonly RouteAllocation[] allocations = new RouteAllocation[8];
    private readonly InputEvent[] reports = new InputEvent[16];
    private VenueConfig config = null!;
    private IExecutionVenue[] venues = null!;
    private SimulatedVenue nyse = null!;
    private VenueHealth health = null!;
    private SmartOrderRouter router = null!;
    private RouteInputs inputs = null!;
    private RouteRequest request;
    private InstrumentId aapl;
    private Price bid;
    private Price ask;
    private long now;
    private long childId;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = InstrumentCatalogLoader.Load(RepoFiles.PathOf(InstrumentCatalogLoader.DefaultPath));
        config = VenueConfigReader.Load(RepoFiles.PathOf(VenueConfigReader.DefaultPath), catalog);
        venues = [.. config.Venues.Select(v => new SimulatedVenue(v, catalog))];
        nyse = (SimulatedVenue)venues[config.RoutesFor(AssetClass.Stock)[0].Value];
        health = new VenueHealth(config.Venues.Count, config.Policy.HealthWindow);
        router = new SmartOrderRouter(config.Policy, 64);
        inputs = new RouteInputs(8, 16);
        catalog.TryResolve("AAPL", out aapl);
        bid = Price.FromDecimal(230.00m);
        ask = Price.FromDecimal(230.02m);
        now = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000; // Monday 10:00 New York
        foreach (var venue in venues)
        {
            venue.OnQuote(aapl, now, bid, ask);
        }

        // Some history, so the health checks have figures to judge (all healthy).
        foreach (var id in config.RoutesFor(AssetClass.Stock))
        {
            for (int i = 0; i < config.Policy.HealthWindow; i++)
            {
                health.RecordAck(id, 200 * Microsecond);
            }
        }

        inputs.Gather(config.RoutesFor(AssetClass.Stock), venues, config, health, aapl, OrderSide.Buy);
        request = new RouteRequest(aapl, AssetClass.Stock, OrderSide.Buy, Quantity.FromDecimal(1_500), Quantity.FromDecimal(1), LiquiditySweepPlanner.NoLimit(OrderSide.Buy));
        if (Decision() < 2 || GatherAndDecide() < 2 || VenueSubmitAndPoll() < 3)
        {
            throw new InvalidOperationException("The benchmark scenario does not split across venues or fill as intended.");
        }
    }

    /// <summary>The decision alone: 1,500 shares across NYSE/NASDAQ/IEX displayed depth (14 levels).</summary>
    [Benchmark(Baseline = true, Description = "Router decision, 3 venues / 14 levels")]
    public int Decision() => router.Route(request, inputs.Venues, inputs.Depth, allocations).Count;

    /// <summary>Gathering the venues' depth, fees and health, then deciding.</summary>
    [Benchmark(Description = "Gather inputs from 3 venues + decision")]
    public int GatherAndDecide()
    {
        inputs.Gather(config.RoutesFor(AssetClass.Stock), venues, config, health, aapl, OrderSide.Buy);
        return router.Route(request, inputs.Venues, inputs.Depth, allocations).Count;
    }

    /// <summary>One order through NYSE-SIM: quote refresh, a 600-share market buy (two levels), poll of ack + fills.</summary>
    [Benchmark(Description = "Venue OnQuote + Submit + Poll, per order")]
    public int VenueSubmitAndPoll()
    {
        now += Microsecond;
        nyse.OnQuote(aapl, now, bid, ask);
        var child = new ChildOrderRequest(++childId, new AccountId(0), new StrategyId(0), aapl, OrderSide.Buy, OrderType.Market, Quantity.FromRaw(600 * Quantity.Scale), Price.Zero);
        nyse.Submit(child, now);
        // Past the fill latency plus its jitter: every report of this order is due.
        return nyse.Poll(now + 1_000 * Microsecond, reports);
    }
}
