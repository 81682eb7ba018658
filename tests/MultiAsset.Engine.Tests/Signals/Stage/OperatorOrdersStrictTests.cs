using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;

namespace MultiAsset.Engine.Tests.Signals.Stage;

/// <summary>The orders batch takes the fields an order has, refuses what the engine cannot honour, and never drops a field.</summary>
public sealed class OperatorOrdersStrictTests
{
    [Fact]
    public void A_valid_market_order_with_every_supported_field_becomes_one_operator_intent()
    {
        var h = new SignalStageHarness();
        var reply = h.Send(CommandKind.SubmitOrders, """
            { "orders": [ { "account": "default", "symbol": "EURUSD", "side": "buy", "quantity": 3000, "type": "market", "timeInForce": "GTC", "algorithm": "twap" } ] }
            """);

        Assert.Equal(CommandStatus.Ok, reply.Status);
        var intent = Assert.Single(h.NewIntents());
        Assert.Equal(IntentReason.Operator, intent.Reason);
        Assert.Equal(OrderSide.Buy, intent.Side);
        Assert.Equal(3000.0, intent.Quantity.ToDouble());
        Assert.Equal(ExecutionAlgorithm.Twap, intent.Algorithm);
        Assert.Equal(h.Id("EURUSD"), intent.Instrument);
    }

    [Theory]
    [InlineData("day", TimeInForce.Day)]
    [InlineData("IOC", TimeInForce.ImmediateOrCancel)]
    [InlineData("gtc", TimeInForce.Gtc)]
    public void A_limit_order_on_the_tick_grid_goes_on_with_its_limit_price_and_time_in_force(string timeInForce, TimeInForce expected)
    {
        var h = new SignalStageHarness();
        var reply = h.Send(CommandKind.SubmitOrders, $$"""
            { "orders": [ { "account": "default", "symbol": "SPY", "side": "sell", "quantity": 5, "type": "limit", "limitPrice": 512.37, "timeInForce": "{{timeInForce}}" } ] }
            """);

        Assert.Equal(CommandStatus.Ok, reply.Status);
        var intent = Assert.Single(h.NewIntents());
        Assert.Equal(OrderType.Limit, intent.OrderType);
        Assert.Equal(expected, intent.TimeInForce);
        Assert.Equal(512.37m, intent.ReferencePrice.ToDecimal());
        var receipt = Assert.IsType<Engine.Signals.Stage.OrderBatchReceipt>(reply.Result);
        Assert.Equal(1, receipt.Accepted);
        var entry = Assert.Single(receipt.Orders);
        Assert.Equal(("limit", 512.37m, "sell", 5m), (entry.Type, entry.LimitPrice, entry.Side, entry.Quantity));
    }

    [Theory]
    [InlineData("""{ "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1, "type": "limit", "limitPrice": 500.005 }""", "orders[0].limitPrice: 500.005 is not on the tick grid of SPY")]
    [InlineData("""{ "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1, "type": "limit", "limitPrice": "500" }""", "orders[0].limitPrice: expected a positive number")]
    [InlineData("""{ "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1, "type": "limit" }""", "orders[0].limitPrice: required for a limit order")]
    [InlineData("""{ "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1, "type": "limit", "limitPrice": -1 }""", "orders[0].limitPrice: expected a positive number")]
    [InlineData("""{ "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1, "limitPrice": 500 }""", "orders[0].limitPrice: not allowed on a market order")]
    [InlineData("""{ "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1, "type": "stop" }""", "orders[0].type: expected market or limit")]
    [InlineData("""{ "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1, "timeInForce": "fok" }""", "orders[0].timeInForce: 'fok' is not supported (expected gtc, day or ioc)")]
    [InlineData("""{ "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1, "timeInForce": "forever" }""", "orders[0].timeInForce: expected gtc, day or ioc")]
    [InlineData("""{ "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1, "strategy": "x" }""", "orders[0].strategy: unknown field")]
    [InlineData("""{ "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1e-9 }""", "orders[0].quantity: has more than 8 decimals")]
    [InlineData("""{ "account": "default", "symbol": "BTCUSD", "side": "buy", "quantity": 0.000001 }""", "orders[0].quantity: must be a whole number of lots")]
    [InlineData("""{ "account": "default", "symbol": "SPY", "side": "buy", "quantity": 0 }""", "orders[0].quantity: must be positive")]
    [InlineData("""{ "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1e30 }""", "orders[0].quantity: must be positive and at most")]
    [InlineData("""{ "account": "default", "symbol": "SPY", "side": "buy", "quantity": "10" }""", "orders[0].quantity: expected a number but found String")]
    [InlineData("""{ "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1, "quantity": 2 }""", "orders[0].quantity: the key is written twice")]
    [InlineData("""{ "account": "", "symbol": "SPY", "side": "buy", "quantity": 1 }""", "orders[0].account: '' is not an account id")]
    [InlineData("""{ "account": "../default", "symbol": "SPY", "side": "buy", "quantity": 1 }""", "orders[0].account: '../default' is not an account id")]
    [InlineData("""{ "account": "default", "symbol": "SPY\u0000", "side": "buy", "quantity": 1 }""", "orders[0].symbol")]
    [InlineData("""{ "account": "default", "symbol": "SPY", "side": 1, "quantity": 1 }""", "orders[0].side: expected a string but found Number")]
    [InlineData("""{ "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1, "algorithm": "7" }""", "orders[0].algorithm")]
    public void An_order_the_engine_cannot_honour_exactly_is_refused_naming_the_field(string order, string expected)
    {
        var h = new SignalStageHarness();
        var reply = h.Send(CommandKind.SubmitOrders, $$"""{ "orders": [ { "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1 }, {{order}} ] }""".Replace("orders[0]", "orders[1]", StringComparison.Ordinal));

        Assert.Equal(CommandStatus.BadRequest, reply.Status);
        Assert.Contains(expected.Replace("orders[0]", "orders[1]", StringComparison.Ordinal), reply.Message, StringComparison.Ordinal);
        Assert.Empty(h.NewIntents());
    }

    [Theory]
    [InlineData("""{ "orders": [], "extra": 1 }""", "orders: extra: unknown field")]
    [InlineData("""{ "orders": [ { "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1 } ], "orders": [] }""", "orders: orders: the key is written twice")]
    [InlineData("""[]""", "orders: $: expected an object")]
    public void A_malformed_batch_is_refused(string body, string expected)
    {
        var h = new SignalStageHarness();
        var reply = h.Send(CommandKind.SubmitOrders, body);

        Assert.Equal(CommandStatus.BadRequest, reply.Status);
        Assert.StartsWith(expected, reply.Message, StringComparison.Ordinal);
        Assert.Empty(h.NewIntents());
    }

    [Theory]
    [InlineData("""{ "account": "", "on": true }""", "kill switch: account: '' is not an account id")]
    [InlineData("""{ "account": 5, "on": true }""", "kill switch: account: null is not an account id")]
    [InlineData("""{ "on": true, "scope": "x" }""", "kill switch: scope: unknown field")]
    public void A_kill_switch_with_an_empty_or_unknown_field_is_refused_never_global(string body, string expected)
    {
        var h = new SignalStageHarness();
        var reply = h.Send(CommandKind.SetKillSwitch, body);

        Assert.Equal(CommandStatus.BadRequest, reply.Status);
        Assert.StartsWith(expected, reply.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(h.NewEvents(), e => e.Kind == IntentKind.KillSwitch);
    }
}
