using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Orders;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Routing.Orders;

/// <summary>The order ledger on its own: transitions, totals, bounded memory with eviction, and no allocation per update.</summary>
public sealed class OrderLedgerTests
{
    private const long T0 = 1_772_463_600_000_000_000;

    [Fact]
    public void An_order_goes_accepted_working_partially_filled_filled_with_exact_totals()
    {
        var ledger = new OrderLedger(4, new OrderLedgerOptions { RetainedOrders = 4, Children = 16, Fills = 16 });
        var slot = ledger.Open(Order(7, 300));
        Assert.Equal(OrderStatus.New, ledger[slot].Status);

        ledger.Accept(slot, T0, 0);
        Assert.Equal(OrderStatus.Accepted, ledger[slot].Status);
        var child = ChildOrderId.Of(7, 0);
        ledger.ChildSent(7, child, new VenueId(1), OrderType.Market, Quantity.FromDecimal(300), default, Price.FromDecimal(500), T0);
        ledger.OnAck(child, T0 + 10);
        Assert.Equal(OrderStatus.Working, ledger[slot].Status);

        Assert.False(ledger.OnFill(child, new AccountId(0), new StrategyId(2), new InstrumentId(3), Fill(100, 500.01m, 0.5m), T0 + 20));
        Assert.Equal(OrderStatus.PartiallyFilled, ledger[slot].Status);
        Assert.True(ledger.OnFill(child, new AccountId(0), new StrategyId(2), new InstrumentId(3), Fill(200, 500.02m, 1.0m), T0 + 30));
        ledger.End(slot, OrderStatus.Filled, OrderEndReason.None, T0 + 30);

        ref readonly var o = ref ledger[slot];
        Assert.Equal(OrderStatus.Filled, o.Status);
        Assert.Equal(300m, Quantity.FromRaw(o.FilledRaw).ToDecimal());
        Assert.Equal(500.01666666m, Price.FromRaw(o.AveragePriceRaw).ToDecimal()); // (100·500.01 + 200·500.02)/300, truncated at 8 decimals
        Assert.Equal(1.5m, Money.FromRaw(o.FeesRaw).ToDecimal());
        Assert.Equal((1, 2, T0 + 30), (o.Children, o.Fills, o.DoneTime));
        Assert.Equal((1L, 1L, 2L, 1L), (ledger.Orders, ledger.Accepted, ledger.FillCount, ledger.Filled));
        Assert.Equal(2, ledger.FillSlots.ToArray().Count(f => f.OrderId == 7));
        Assert.Equal(ChildStatus.Filled, ledger.Child(ledger.ChildSlotOf(child)).Status);
    }

    [Fact]
    public void A_refusal_keeps_its_reason_and_a_hold_is_counted_until_released()
    {
        var ledger = new OrderLedger(4, new OrderLedgerOptions { RetainedOrders = 4 });
        var refused = ledger.Open(Order(1, 10));
        ledger.Refuse(refused, RiskVerdict.PositionLimit, OrderEndReason.RiskRefused, T0);
        Assert.Equal((OrderStatus.Refused, RiskVerdict.PositionLimit, OrderEndReason.RiskRefused), (ledger[refused].Status, ledger[refused].Verdict, ledger[refused].EndReason));

        var held = ledger.Open(Order(2, 10));
        ledger.Hold(held, T0 + 3_600_000_000_000, T0);
        Assert.Equal((OrderStatus.HeldUntilOpen, 1L, 1L), (ledger[held].Status, ledger.HeldNow, ledger.Held));
        ledger.Accept(held, T0 + 3_600_000_000_000, 0);
        Assert.Equal((OrderStatus.Accepted, 0L, 1L, 0L), (ledger[held].Status, ledger.HeldNow, ledger.Held, ledger[held].ReleaseTime));
        Assert.Equal((2L, 1L, 1L, 1L), (ledger.Orders, ledger.Accepted, ledger.Refused, ledger.OpenCount));
    }

    [Fact]
    public void Beyond_its_size_the_ledger_forgets_the_oldest_finished_orders_never_an_open_one()
    {
        var ledger = new OrderLedger(2, new OrderLedgerOptions { RetainedOrders = 3 });
        var open = ledger.Open(Order(1, 10));
        ledger.Accept(open, T0, 0);
        for (long id = 2; id <= 20; id++)
        {
            var slot = ledger.Open(Order(id, 10));
            ledger.Refuse(slot, RiskVerdict.MaxQuantity, OrderEndReason.RiskRefused, T0 + id);
        }

        Assert.True(ledger.SlotOf(1) >= 0); // the open one stays
        Assert.Equal([17L, 18, 19, 20], Enumerable.Range(2, 19).Where(id => ledger.SlotOf(id) >= 0).Select(id => (long)id)); // 5 slots: 1 open + the 4 newest
        Assert.Equal(15, ledger.Evicted);
        Assert.Equal(0, ledger.Untracked);
        Assert.Equal(20, ledger.Orders);
    }

    [Fact]
    public void Every_slot_open_an_order_is_counted_but_not_kept()
    {
        var ledger = new OrderLedger(1, new OrderLedgerOptions { RetainedOrders = 1 });
        ledger.Accept(ledger.Open(Order(1, 10)), T0, 0);
        ledger.Accept(ledger.Open(Order(2, 10)), T0, 0);
        Assert.Equal(-1, ledger.Open(Order(3, 10)));
        Assert.Equal((3L, 1L), (ledger.Orders, ledger.Untracked));
    }

    [Fact]
    public void Per_order_updates_allocate_nothing()
    {
        var ledger = new OrderLedger(64, new OrderLedgerOptions { RetainedOrders = 256, Children = 512, Fills = 1024 });
        long id = 1;
        Run(ledger, ref id, 2_000); // warm up, and wrap every ring and evict
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(ledger, ref id, 20_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        AllocationAssert.NonePerOperation(allocated, 20_000L * 7);
        Assert.True(ledger.Evicted > 0);
    }

    private static void Run(OrderLedger ledger, ref long id, int orders)
    {
        for (var i = 0; i < orders; i++, id++)
        {
            var slot = ledger.Open(Order(id, 10));
            ledger.Accept(slot, T0, 0);
            var child = ChildOrderId.Of(id, 0);
            ledger.ChildSent(id, child, new VenueId(0), OrderType.Market, Quantity.FromDecimal(10), default, Price.FromDecimal(100), T0);
            ledger.OnAck(child, T0);
            ledger.OnFill(child, new AccountId(0), new StrategyId(0), new InstrumentId(0), Fill(4, 100, 0.1m), T0);
            ledger.OnFill(child, new AccountId(0), new StrategyId(0), new InstrumentId(0), Fill(6, 100.01m, 0.1m), T0);
            ledger.End(ledger.SlotOf(id), OrderStatus.Filled, OrderEndReason.None, T0);
        }
    }

    private static OrderEvent Order(long id, decimal quantity) => new()
    {
        Kind = OrderEventKind.NewOrder,
        Type = OrderType.Market,
        Side = OrderSide.Buy,
        Account = new AccountId(0),
        Strategy = new StrategyId(2),
        Instrument = new InstrumentId(3),
        Timestamp = T0,
        Quantity = Quantity.FromDecimal(quantity),
        OrderId = id,
        SourceSequence = 42,
    };

    private static ForwardedExecution Fill(decimal quantity, decimal price, decimal fee) => new()
    {
        Type = ExecutionType.Fill,
        Side = OrderSide.Buy,
        Quantity = Quantity.FromDecimal(quantity),
        Price = Price.FromDecimal(price),
        Fee = Money.FromDecimal(fee),
        Venue = 1,
        Liquidity = Liquidity.Taker,
    };
}
