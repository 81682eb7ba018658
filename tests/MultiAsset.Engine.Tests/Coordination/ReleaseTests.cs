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
}
