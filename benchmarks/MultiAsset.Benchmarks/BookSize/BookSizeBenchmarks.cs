using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Routing.Stage;
using MultiAsset.Engine.Routing.Venues;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Benchmarks.BookSize;

/// <summary>
/// The cost of one market-data event with a book of <see cref="WorkingOrders"/> working limit orders: an AAPL quote
/// through market data and accounts, then the heartbeat it causes through coordination (forwarded onto the order ring),
/// the risk stage (working-order ledger, held orders) and the router (due parents, watched instruments, the venues'
/// refresh and resting-order match) — the stages in the order the fused engine runs them. Every order is a gtc limit buy
/// far below the market, resting at NYSE-SIM (with its working parent in the router and its quantity in the risk
/// ledger), so nothing fills and the book stays the same size. ns per market-data event; flat across 10 / 1 000 /
/// 100 000 orders and 0 B is the goal.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class BookSizeBenchmarks
{
    private const long Millisecond = 1_000_000;

    private MarketDataStage marketData = null!;
    private AccountsStage accounts = null!;
    private CoordinationStage coordination = null!;
    private ValueRingBuffer<OrderEvent> orderRing = null!;
    private RiskStage risk = null!;
    private RouterStage router = null!;
    private InstrumentId aapl;
    private long now;
    private long inputSequence;
    private long intentSequence;
    private long orderRead = -1;
    private bool up;

    /// <summary>Working parents, each with one resting child.</summary>
    [Params(10, 1_000, 100_000)]
    public int WorkingOrders { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalog = InstrumentCatalogLoader.Load(RepoFiles.PathOf(InstrumentCatalogLoader.DefaultPath));
        catalog.TryResolve("AAPL", out aapl);
        marketData = MarketDataStage.Create(catalog, new AnalyticsOptions());
        var accountsConfig = AccountsConfigReader.Load(RepoFiles.PathOf("config/accounts.json"), CurrencyTable.FromCatalog(catalog));
        var book = new AccountBook(catalog, accountsConfig);
        var names = accountsConfig.Accounts.Select(a => a.Key).ToList();
        var riskConfig = RiskConfigReader.Load(RepoFiles.PathOf("config/risk.json"), catalog, names);
        accounts = new AccountsStage(book, new StopLossMonitor(riskConfig, catalog), new ValueRingBuffer<IntentEvent>(1 << 12), TimeSpan.FromSeconds(1));
        risk = new RiskStage(new PreTradeRiskGate(riskConfig, catalog), accounts, marketData.Analytics);
        orderRing = new ValueRingBuffer<OrderEvent>(1 << 12);
        coordination = new CoordinationStage(catalog, new AccountDirectory(names), new StrategyRegistry(), orderRing, new FixedAccountCapital(Money.FromDouble(1_000_000)));

        // The shipped venues, with room for the whole book.
        var shipped = VenueConfigReader.Load(RepoFiles.PathOf(VenueConfigReader.DefaultPath), catalog);
        var roomy = shipped.Venues.Select(v => new VenueDefinition
        {
            Id = v.Id, Name = v.Name, AssetClasses = v.AssetClasses, Instruments = v.Instruments, Fees = v.Fees, Latency = v.Latency,
            Liquidity = v.Liquidity, RejectProbability = 0, MaxWorkingOrders = WorkingOrders + 16, MaxPendingReports = (2 * WorkingOrders) + 64, Seed = v.Seed,
        }).ToList();
        var routes = Enum.GetValues<AssetClass>().ToDictionary(c => c, c => (IReadOnlyList<VenueId>)shipped.RoutesFor(c).ToArray());
        var venues = new VenueConfig(roomy, routes, shipped.Policy);
        router = new RouterStage(catalog, marketData.Analytics, venues, new RouterOptions { MaxWorkingParents = WorkingOrders + 16, FeedbackCapacity = (2 * WorkingOrders) + 1024 });

        now = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * Millisecond; // Monday 10:00 New York
        Quote();
        var account = new AccountId(0);
        for (var id = 1L; id <= WorkingOrders; id++)
        {
            var order = new OrderEvent
            {
                Kind = OrderEventKind.NewOrder,
                Type = OrderType.Limit,
                TimeInForce = TimeInForce.Gtc,
                Side = OrderSide.Buy,
                Algorithm = ExecutionAlgorithm.Direct,
                Account = account,
                Instrument = aapl,
                Timestamp = now,
                Quantity = Quantity.FromDecimal(1m),
                LimitPrice = Price.FromDecimal(100.00m + ((id % 500) * 0.01m)), // far below the 230 market, on the tick grid
                OrderId = id,
                RiskVerdict = RiskVerdict.Accepted,
            };
            risk.Working.Add(in order);
            router.OnEvent(ref order, id, true);
        }

        // Acks come back: the parents are working, the reports drained.
        now += 10 * Millisecond;
        Heartbeat();
        while (router.TryTake(out var report))
        {
            var evt = new OrderEvent { Kind = OrderEventKind.Execution, Account = report.Execution.Account, Instrument = report.Instrument, Timestamp = report.Timestamp, Execution = ForwardedExecution.From(in report.Execution) };
            risk.OnEvent(ref evt, 0, true);
            router.OnEvent(ref evt, 0, true);
        }

        if (router.WorkingParents != WorkingOrders || ((SimulatedVenue)router.Venues[0]).WorkingOrders + ((SimulatedVenue)router.Venues[1]).WorkingOrders + ((SimulatedVenue)router.Venues[2]).WorkingOrders != WorkingOrders)
        {
            throw new InvalidOperationException($"Setup: {router.WorkingParents} working parents, expected {WorkingOrders}.");
        }
    }

    /// <summary>One AAPL quote (alternating a cent up and down) and the heartbeat it causes, through every stage.</summary>
    [Benchmark]
    public void MarketDataEvent()
    {
        now += 10 * Millisecond;
        Quote();
        Heartbeat();
    }

    private void Quote()
    {
        up = !up;
        var evt = default(InputEvent);
        evt.SetQuote(aapl, now, Price.FromDecimal(up ? 230.01m : 230.00m), Price.FromDecimal(up ? 230.03m : 230.02m), Quantity.FromDecimal(500m), Quantity.FromDecimal(500m));
        marketData.OnEvent(ref evt, inputSequence, true);
        accounts.OnEvent(ref evt, inputSequence, true);
        inputSequence++;
    }

    private void Heartbeat()
    {
        var intent = default(IntentEvent);
        intent.Kind = IntentKind.Heartbeat;
        intent.Timestamp = now;
        intent.SourceSequence = inputSequence - 1;
        coordination.OnEvent(ref intent, intentSequence++, true);
        while (orderRead < orderRing.Cursor)
        {
            orderRead++;
            ref var order = ref orderRing[orderRead];
            risk.OnEvent(ref order, orderRead, true);
            router.OnEvent(ref order, orderRead, true);
        }
    }
}
