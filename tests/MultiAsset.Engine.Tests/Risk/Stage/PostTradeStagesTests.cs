using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.Risk.Stage;

public sealed class PostTradeStagesTests
{
    private const long Second = 1_000_000_000;
    private static readonly long T = PostTradeStagesHarness.Monday;

    [Fact]
    public void Fills_reported_on_the_input_ring_update_the_book_exactly()
    {
        var h = new PostTradeStagesHarness();
        h.Quote("SPY", T, 500.00, 500.02);
        h.Fill("default", "SPY", T + Second, OrderSide.Buy, 10, 500.02, 0.05, 1);
        h.Fill("default", "SPY", T + (2 * Second), OrderSide.Buy, 5, 500.04, 0.03, 2);

        var account = h.Account("default");
        Assert.Equal(Quantity.FromDouble(15), h.Book.Position(account, h.Id("SPY")));
        var usd = h.Book.Currencies.Of("USD");
        var initial = h.Book.Config[account].InitialCash.Single(c => c.Currency == usd).Amount;
        // cash = initial − 10 × 500.02 − 5 × 500.04 − fees 0.08
        Assert.Equal(initial.Raw - Money.FromDecimal(5000.20m + 2500.20m + 0.08m).Raw, h.Book.Cash(account, usd).Raw);
        Assert.Equal(2, h.Accounts.Fills);
    }

    [Fact]
    public void Accepted_orders_count_as_working_until_their_fills_arrive()
    {
        var h = new PostTradeStagesHarness();
        h.Quote("SPY", T, 500.00, 500.02);
        var order = h.Order("default", "SPY", T + Second, OrderSide.Buy, 100, 500.01);
        Assert.Equal(RiskVerdict.Accepted, order.RiskVerdict);
        Assert.Equal(Quantity.FromDouble(100), h.Risk.Working.Buy(h.Account("default"), h.Id("SPY")));

        var fill = h.Fill("default", "SPY", T + (2 * Second), OrderSide.Buy, 60, 500.02, 0, order.OrderId);
        h.OrderEvent(new OrderEvent { Kind = OrderEventKind.Execution, Account = h.Account("default"), Instrument = h.Id("SPY"), Execution = ForwardedExecution.From(in fill.Execution) });
        Assert.Equal(Quantity.FromDouble(40), h.Risk.Working.Buy(h.Account("default"), h.Id("SPY")));
    }

    [Fact]
    public void A_child_reject_keeps_the_quantity_working_until_the_router_gives_the_parent_up()
    {
        var h = new PostTradeStagesHarness();
        h.Quote("SPY", T, 500.00, 500.02);
        var order = h.Order("default", "SPY", T + Second, OrderSide.Buy, 100, 500.01);
        OrderEvent Report(ExecutionType type, int child, double quantity) => new()
        {
            Kind = OrderEventKind.Execution,
            Account = h.Account("default"),
            Instrument = h.Id("SPY"),
            Execution = new ForwardedExecution { OrderId = ChildOrderId.Of(order.OrderId, child), Type = type, Side = OrderSide.Buy, Quantity = Quantity.FromDouble(quantity) },
        };

        h.OrderEvent(Report(ExecutionType.Reject, 0, 100)); // the router routes it again: still working
        Assert.Equal(Quantity.FromDouble(100), h.Risk.Working.Buy(h.Account("default"), h.Id("SPY")));
        h.OrderEvent(Report(ExecutionType.Cancelled, ChildOrderId.MaxChildren - 1, 100)); // the router's final cancel
        Assert.Equal(Quantity.Zero, h.Risk.Working.Buy(h.Account("default"), h.Id("SPY")));
    }

    [Fact]
    public void The_kill_switch_event_stops_the_next_order_of_that_account_only()
    {
        var h = new PostTradeStagesHarness();
        h.Quote("SPY", T, 500.00, 500.02);
        h.OrderEvent(new OrderEvent { Kind = OrderEventKind.KillSwitch, Account = h.Account("default"), Quantity = Quantity.FromDouble(1) });

        Assert.Equal(RiskVerdict.KillSwitch, h.Order("default", "SPY", T + Second, OrderSide.Buy, 10, 500.01).RiskVerdict);
        Assert.Equal(RiskVerdict.Accepted, h.Order("safe-haven", "SPY", T + Second, OrderSide.Buy, 10, 500.01).RiskVerdict);

        h.OrderEvent(new OrderEvent { Kind = OrderEventKind.KillSwitch, Account = h.Account("default"), Quantity = Quantity.Zero });
        Assert.Equal(RiskVerdict.Accepted, h.Order("default", "SPY", T + (2 * Second), OrderSide.Buy, 10, 500.01).RiskVerdict);
    }

    [Fact]
    public void A_stop_loss_breach_publishes_one_closing_intent_per_position()
    {
        var h = new PostTradeStagesHarness();
        h.Quote("SPY", T, 500.00, 500.02);
        h.Fill("safe-haven", "SPY", T + Second, OrderSide.Buy, 100, 500.00, 0, 1);
        h.Quote("SPY", T + (2 * Second), 499.00, 499.02);
        Assert.DoesNotContain(h.NewIntents(), i => i.Reason == IntentReason.StopLoss);

        // safe-haven's STOCK stop-loss is 6 % from entry: 470 is a 6 % loss.
        h.Quote("SPY", T + (4 * Second), 469.00, 469.02);
        h.Quote("SPY", T + (6 * Second), 468.00, 468.02);
        var close = Assert.Single(h.NewIntents(), i => i.Reason == IntentReason.StopLoss);
        Assert.Equal(IntentKind.Close, close.Kind);
        Assert.Equal(h.Id("SPY"), close.Instrument);
        Assert.Equal(h.Account("safe-haven"), close.Account);

        h.Quote("SPY", T + (8 * Second), 467.00, 467.02);
        Assert.DoesNotContain(h.NewIntents(), i => i.Reason == IntentReason.StopLoss); // latched: once per breach
    }
}
