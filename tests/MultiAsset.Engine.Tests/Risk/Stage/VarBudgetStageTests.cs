using MultiAsset.Engine.Journal.Snapshots;
using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Risk.Stage;

/// <summary>
/// The VaR budget in the real stages (market data → accounts; orders, heartbeats and fills through the risk stage, as a
/// fused thread runs them), on a seeded random walk of AAPL and MSFT: the estimates refresh on event time from the live
/// covariance, the same input gives the same verdicts and digest, and a snapshot restores them.
/// </summary>
public sealed class VarBudgetStageTests
{
    private const long Second = 1_000_000_000;
    private const string RiskJson = """{ "accounts": { "default": { "varLimit": { "budget": 2000, "confidence": 0.99, "horizon": "1m" } } } }""";

    [Fact]
    public void SameInput_GivesSameVerdictsAndDigest_AndExercisesTheLimit()
    {
        var steps = Steps(seed: 7, seconds: 240);
        var a = new Harness();
        var b = new Harness();
        var verdictsA = a.Run(steps);
        var verdictsB = b.Run(steps);

        Assert.Equal(verdictsA, verdictsB);
        Assert.Equal(StateDigest.Of(a.Risk), StateDigest.Of(b.Risk));
        Assert.Contains(RiskVerdict.VarLimit, verdictsA);
        Assert.Contains(RiskVerdict.Accepted, verdictsA);
        var var = a.Risk.Gate.Var!;
        Assert.Equal(VarStatus.Estimated, var.Estimate(a.Account).Status);
        Assert.True(var.Estimate(a.Account).ValueAtRisk > 0);
        Assert.InRange(var.Refreshes, 240, 245); // once per second of event time (+ the covariance's observations)

        var other = new Harness();
        other.Run(Steps(seed: 8, seconds: 240));
        Assert.NotEqual(StateDigest.Of(a.Risk), StateDigest.Of(other.Risk));
    }

    [Fact]
    public void Refresh_HappensOnHeartbeats_NotOnOrders()
    {
        var h = new Harness();
        h.Run(Steps(seed: 3, seconds: 30));
        long refreshes = h.Risk.Gate.Var!.Refreshes;
        var last = h.LastTime;
        h.Order(last + 10, h.Aapl, OrderSide.Buy, 1, 100);
        h.Heartbeat(last + 20); // same second, no new observation: no refresh
        Assert.Equal(refreshes, h.Risk.Gate.Var.Refreshes);
        h.Heartbeat(last + Second);
        Assert.Equal(refreshes + 1, h.Risk.Gate.Var.Refreshes);
    }

    [Fact]
    public void Snapshot_RestoresTheEstimates_AndTheRunContinuesIdentically()
    {
        var steps = Steps(seed: 11, seconds: 200);
        var original = new Harness();
        original.Run(steps.AsSpan(0, steps.Length / 2));

        var buffer = new SnapshotBuffer();
        new StateGraphWriter(EngineSnapshotPolicy.Instance).Write([original.MarketData, original.Accounts, original.Risk], buffer);
        var restored = new Harness();
        new StateGraphReader(EngineSnapshotPolicy.Instance).Restore(buffer.Written, [restored.MarketData, restored.Accounts, restored.Risk]);
        restored.ContinueFrom(original); // the harness's own clock and ids (the host's input numbering)
        Assert.Equal(StateDigest.Of(original.Risk), StateDigest.Of(restored.Risk));
        Assert.Equal(original.Risk.Gate.Var!.Estimate(original.Account), restored.Risk.Gate.Var!.Estimate(restored.Account));

        var rest = steps.AsSpan(steps.Length / 2);
        Assert.Equal(original.Run(rest), restored.Run(rest));
        Assert.Equal(StateDigest.Of(original.Risk), StateDigest.Of(restored.Risk));
    }

    /// <summary>One second of input: new prices for AAPL and MSFT, and maybe an order (instrument 0/1, side, quantity).</summary>
    private readonly record struct Step(double Aapl, double Msft, int Instrument, bool Buy, int Quantity);

    private static Step[] Steps(int seed, int seconds)
    {
        var random = new Random(seed);
        double aapl = 200;
        double msft = 400;
        var steps = new Step[seconds];
        for (var s = 0; s < seconds; s++)
        {
            aapl *= Math.Exp(0.002 * Normal(random));
            msft *= Math.Exp(0.0015 * Normal(random));
            int instrument = s % 2 == 0 ? random.Next(2) : -1;
            steps[s] = new Step(Math.Round(aapl, 2), Math.Round(msft, 2), instrument, random.Next(3) > 0, random.Next(10, 400));
        }

        return steps;
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private sealed class Harness
    {
        private static readonly long Monday = new DateTimeOffset(2026, 3, 9, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        private readonly ValueRingBuffer<IntentEvent> intents = new(1 << 12);
        private long inputSequence;
        private long orderSequence;
        private long nextOrderId = 1;
        private long clock = Monday;

        public Harness()
        {
            var catalog = RepoFiles.ShippedCatalog;
            Aapl = catalog.TryGet("AAPL", out var aapl) ? aapl.Id : default;
            Msft = catalog.TryGet("MSFT", out var msft) ? msft.Id : default;
            var options = new AnalyticsOptions { CorrelationUniverse = [Aapl.Value, Msft.Value], CorrelationIntervalSeconds = 1, CorrelationLambda = 0.8 };
            MarketData = MarketDataStage.Create(catalog, options);
            var accountsConfig = AccountsConfigReader.Load(RepoFiles.PathOf("config/accounts.json"), CurrencyTable.FromCatalog(catalog));
            var book = new AccountBook(catalog, accountsConfig);
            var risk = RiskConfigReader.Parse(RiskJson, "test-risk.json", catalog, [.. accountsConfig.Accounts.Select(a => a.Key)]);
            Accounts = new AccountsStage(book, new StopLossMonitor(risk, catalog), intents, TimeSpan.FromSeconds(1));
            Risk = new RiskStage(new PreTradeRiskGate(risk, catalog), Accounts, MarketData.Analytics, analyticsOptions: options);
            Account = book.Config.IdOf("default");
        }

        public MarketDataStage MarketData { get; }

        public AccountsStage Accounts { get; }

        public RiskStage Risk { get; }

        public AccountId Account { get; }

        public InstrumentId Aapl { get; }

        public InstrumentId Msft { get; }

        public long LastTime => clock;

        public void ContinueFrom(Harness other)
        {
            clock = other.clock;
            nextOrderId = other.nextOrderId;
            inputSequence = other.inputSequence;
            orderSequence = other.orderSequence;
        }

        public List<RiskVerdict> Run(ReadOnlySpan<Step> steps)
        {
            var verdicts = new List<RiskVerdict>();
            foreach (var step in steps)
            {
                clock += Second;
                Quote(Aapl, clock, step.Aapl);
                Quote(Msft, clock + 1, step.Msft);
                Heartbeat(clock + 2);
                if (step.Instrument >= 0)
                {
                    var instrument = step.Instrument == 0 ? Aapl : Msft;
                    double price = step.Instrument == 0 ? step.Aapl : step.Msft;
                    var side = step.Buy ? OrderSide.Buy : OrderSide.Sell;
                    var order = Order(clock + 3, instrument, side, step.Quantity, price);
                    verdicts.Add(order.RiskVerdict);
                    if (order.RiskVerdict == RiskVerdict.Accepted)
                    {
                        Fill(clock + 4, instrument, side, step.Quantity, price, order.OrderId);
                    }
                }
            }

            return verdicts;
        }

        public void Heartbeat(long time)
        {
            var evt = new OrderEvent { Kind = OrderEventKind.Heartbeat, Timestamp = time };
            Risk.OnEvent(ref evt, orderSequence++, true);
        }

        public OrderEvent Order(long time, InstrumentId instrument, OrderSide side, double quantity, double price)
        {
            var order = new OrderEvent
            {
                Kind = OrderEventKind.NewOrder,
                Type = OrderType.Market,
                Side = side,
                Account = Account,
                Strategy = new StrategyId(0),
                Instrument = instrument,
                Timestamp = time,
                Quantity = Quantity.FromDouble(quantity),
                LimitPrice = Price.FromDouble(price),
                OrderId = nextOrderId++,
            };
            Risk.OnEvent(ref order, orderSequence++, true);
            return order;
        }

        private void Quote(InstrumentId instrument, long time, double mid)
        {
            var evt = default(InputEvent);
            evt.SetQuote(instrument, time, Price.FromDouble(mid - 0.01), Price.FromDouble(mid + 0.01), Quantity.FromDouble(100), Quantity.FromDouble(100));
            Input(ref evt);
        }

        private void Fill(long time, InstrumentId instrument, OrderSide side, double quantity, double price, long orderId)
        {
            var evt = default(InputEvent);
            evt.SetExecution(instrument, time);
            evt.Execution.OrderId = ChildOrderId.Of(orderId, 0);
            evt.Execution.Type = ExecutionType.Fill;
            evt.Execution.Side = side;
            evt.Execution.Quantity = Quantity.FromDouble(quantity);
            evt.Execution.Price = Price.FromDouble(price);
            evt.Execution.Account = Account;
            Input(ref evt);
            var report = new OrderEvent { Kind = OrderEventKind.Execution, Account = Account, Instrument = instrument, Execution = ForwardedExecution.From(in evt.Execution) };
            Risk.OnEvent(ref report, orderSequence++, true);
        }

        private void Input(ref InputEvent evt)
        {
            MarketData.OnEvent(ref evt, inputSequence, true);
            Accounts.OnEvent(ref evt, inputSequence, true);
            inputSequence++;
        }
    }
}
