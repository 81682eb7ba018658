using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>Orders that never trade give their quantity back to the strategy that asked for them.</summary>
public class ReleaseTests
{
    [Fact]
    public void A_parent_level_cancel_takes_the_unfilled_quantity_off_the_strategys_ordered_position_and_is_passed_on()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "AAPL", 0.5, 150.37, time: 1_000));
        var order = Assert.Single(h.Orders());
        Assert.Equal(Quantity.FromDecimal(2327m), h.Ordered(s, "AAPL"));

        var cancel = new IntentEvent
        {
            Kind = IntentKind.Execution,
            Account = order.Account,
            Strategy = s,
            Instrument = order.Instrument,
            Timestamp = 2_000,
            Execution = new ForwardedExecution
            {
                OrderId = ChildOrderId.Of(order.OrderId, ChildOrderId.MaxChildren - 1),
                Type = ExecutionType.Cancelled,
                Side = OrderSide.Buy,
                Quantity = Quantity.FromDecimal(2000m),
            },
        };
        h.Stage.OnEvent(ref cancel, 100, endOfBatch: true);

        Assert.Equal(Quantity.FromDecimal(327m), h.Ordered(s, "AAPL"));
        Assert.Equal(Quantity.FromDecimal(327m), h.Stage.AccountPosition(order.Account, order.Instrument));
        Assert.Equal(1, h.Stage.Counters.Released);
        var forwarded = Assert.Single(h.Events(), e => e.Kind == OrderEventKind.Execution);
        Assert.Equal(ExecutionType.Cancelled, forwarded.Execution.Type);

        // A child's own cancel (the router routes the rest again) changes nothing.
        cancel.Execution.OrderId = ChildOrderId.Of(order.OrderId, 0);
        h.Stage.OnEvent(ref cancel, 101, endOfBatch: true);
        Assert.Equal(Quantity.FromDecimal(327m), h.Ordered(s, "AAPL"));
    }

    [Fact]
    public void A_netted_order_gives_its_unfilled_quantity_back_in_proportion_to_what_each_strategy_put_in()
    {
        var h = new CoordinationHarness();
        var a = h.Register("a");
        var b = h.Register("b");
        h.Batch(h.Buy(a, "AAPL", 100), h.Buy(b, "AAPL", 50));
        var order = Assert.Single(h.Orders());
        Assert.Equal(Quantity.FromDecimal(150m), order.Quantity);

        var cancel = new IntentEvent
        {
            Kind = IntentKind.Execution,
            Account = order.Account,
            Strategy = order.Strategy,
            Instrument = order.Instrument,
            Execution = new ForwardedExecution
            {
                OrderId = ChildOrderId.Of(order.OrderId, ChildOrderId.MaxChildren - 1),
                Type = ExecutionType.Cancelled,
                Side = OrderSide.Buy,
                Quantity = Quantity.FromDecimal(60m),
            },
        };
        h.Stage.OnEvent(ref cancel, 100, endOfBatch: true);

        Assert.Equal(Quantity.FromDecimal(60m), h.Ordered(a, "AAPL")); // 100 − 60 × 100/150
        Assert.Equal(Quantity.FromDecimal(30m), h.Ordered(b, "AAPL")); // 50 − 60 × 50/150
        Assert.Equal(Quantity.FromDecimal(90m), h.Stage.AccountPosition(order.Account, order.Instrument));
    }
}
