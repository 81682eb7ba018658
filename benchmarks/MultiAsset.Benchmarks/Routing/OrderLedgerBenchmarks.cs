using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Orders;

namespace MultiAsset.Benchmarks.Routing;

/// <summary>
/// The router's order ledger per order: one parent's whole life — entered, accepted, a child sent and acknowledged, two
/// fills (fill ring, child and parent totals), ended filled — on a ledger that is full, so every new order also evicts
/// the oldest finished one and overwrites the oldest child and fills. Target: well under a microsecond, 0 B.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class OrderLedgerBenchmarks
{
    private const long T0 = 1_772_463_600_000_000_000;
    private readonly OrderLedger ledger = new(4_096 + 1_024);
    private ForwardedExecution first;
    private ForwardedExecution second;
    private OrderEvent order;
    private long id;

    [GlobalSetup]
    public void Setup()
    {
        order = new OrderEvent
        {
            Kind = OrderEventKind.NewOrder,
            Type = OrderType.Market,
            Side = OrderSide.Buy,
            Account = new AccountId(0),
            Strategy = new StrategyId(1),
            Instrument = new InstrumentId(2),
            Timestamp = T0,
            Quantity = Quantity.FromDecimal(300),
            LimitPrice = Price.FromDecimal(500),
        };
        first = new ForwardedExecution { Type = ExecutionType.Fill, Side = OrderSide.Buy, Quantity = Quantity.FromDecimal(100), Price = Price.FromDecimal(500.01m), Fee = Money.FromDecimal(0.5m), Venue = 1, Liquidity = Liquidity.Taker };
        second = first with { Quantity = Quantity.FromDecimal(200), Price = Price.FromDecimal(500.02m) };
        for (var i = 0; i < 40_000; i++)
        {
            OneOrder(); // fill every ring: the measured orders evict and overwrite
        }
    }

    /// <summary>One order's life in the ledger (7 updates).</summary>
    [Benchmark(Description = "Order ledger: one order's life (7 updates, evicting)")]
    public long OneOrder()
    {
        order.OrderId = ++id;
        var slot = ledger.Open(in order);
        ledger.Accept(slot, T0, 0);
        var child = ChildOrderId.Of(id, 0);
        ledger.ChildSent(id, child, new VenueId(1), OrderType.Market, order.Quantity, default, order.LimitPrice, T0);
        ledger.OnAck(child, T0 + 150_000);
        ledger.OnFill(child, order.Account, order.Strategy, order.Instrument, in first, T0 + 250_000);
        ledger.OnFill(child, order.Account, order.Strategy, order.Instrument, in second, T0 + 260_000);
        ledger.End(slot, OrderStatus.Filled, OrderEndReason.None, T0 + 260_000);
        return ledger.FillCount;
    }
}
