using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;

namespace MultiAsset.Engine.Tests.Signals.Stage;

public sealed class ForwardingTests
{
    private const long Millisecond = 1_000_000;
    private static readonly long Start = new DateTimeOffset(2026, 3, 7, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * Millisecond;

    [Fact]
    public void Execution_reports_flow_on_to_the_intent_ring_unchanged()
    {
        var h = new SignalStageHarness();
        var evt = default(InputEvent);
        evt.SetExecution(h.Id("BTCUSD"), Start);
        evt.Execution.OrderId = ChildOrderId.Of(17, 2);
        evt.Execution.Type = ExecutionType.Fill;
        evt.Execution.Side = OrderSide.Sell;
        evt.Execution.Quantity = Quantity.FromDouble(0.25);
        evt.Execution.Price = Price.FromDouble(60_123.45);
        evt.Execution.Fee = Money.FromDouble(1.5);
        evt.Execution.Account = new AccountId(1);
        evt.Execution.Strategy = new StrategyId(3);
        evt.Execution.Venue = 4;
        evt.Execution.Liquidity = Liquidity.Taker;
        h.Feed(ref evt);

        var forwarded = Assert.Single(h.NewEvents(), e => e.Kind == IntentKind.Execution);
        Assert.Equal(h.Id("BTCUSD"), forwarded.Instrument);
        Assert.Equal(1, forwarded.Account.Value);
        Assert.Equal(3, forwarded.Strategy.Value);
        Assert.Equal(Start, forwarded.Timestamp);
        Assert.Equal(17, ChildOrderId.ParentOf(forwarded.Execution.OrderId));
        Assert.Equal(ExecutionType.Fill, forwarded.Execution.Type);
        Assert.Equal(OrderSide.Sell, forwarded.Execution.Side);
        Assert.Equal(Quantity.FromDouble(0.25), forwarded.Execution.Quantity);
        Assert.Equal(Price.FromDouble(60_123.45), forwarded.Execution.Price);
        Assert.Equal(Money.FromDouble(1.5), forwarded.Execution.Fee);
        Assert.Equal(4, forwarded.Execution.Venue);
        Assert.Equal(Liquidity.Taker, forwarded.Execution.Liquidity);
    }

    [Fact]
    public void Heartbeats_follow_event_time_at_the_configured_interval()
    {
        var h = new SignalStageHarness();
        for (var i = 0; i <= 100; i++)
        {
            h.Trade("BTCUSD", Start + (i * Millisecond), 60_000);
        }

        var beats = h.NewEvents().Where(e => e.Kind == IntentKind.Heartbeat).Select(e => e.Timestamp).ToList();
        Assert.Equal(Enumerable.Range(0, 11).Select(i => Start + (i * 10 * Millisecond)), beats);
    }

    [Fact]
    public void A_kill_switch_command_is_validated_and_forwarded_in_order()
    {
        var h = new SignalStageHarness();
        var reply = h.Send(CommandKind.SetKillSwitch, """{ "account": "fx-carry", "on": true }""");
        Assert.Equal(CommandStatus.Ok, reply.Status);
        var kill = Assert.Single(h.NewEvents(), e => e.Kind == IntentKind.KillSwitch);
        Assert.Equal(2, kill.Account.Value);
        Assert.Equal(1.0, kill.Weight);

        Assert.Equal(CommandStatus.Ok, h.Send(CommandKind.SetKillSwitch, """{ "on": false }""").Status);
        var global = Assert.Single(h.NewEvents(), e => e.Kind == IntentKind.KillSwitch);
        Assert.False(global.Account.IsValid);
        Assert.Equal(0.0, global.Weight);

        Assert.Equal(CommandStatus.NotFound, h.Send(CommandKind.SetKillSwitch, """{ "account": "nobody", "on": true }""").Status);
        Assert.Equal(CommandStatus.BadRequest, h.Send(CommandKind.SetKillSwitch, """{ "account": "fx-carry" }""").Status);
        Assert.DoesNotContain(h.NewEvents(), e => e.Kind == IntentKind.KillSwitch);
    }
}
