using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>Orders of one flush go out by reason priority, then strategy priority, then arrival; ids follow that order.</summary>
public class ExecutionPriorityTests
{
    [Fact]
    public void StopLossAndArbitrageLegsFirst_ThenStrategyPriority_ThenArrival()
    {
        var config = new CoordinationConfig
        {
            ExecutionPriority = [new ExecutionPriorityRule { Strategy = "favoured", Priority = 20 }],
        };
        var h = new CoordinationHarness(config);
        var plain = h.Register("plain");
        var favoured = h.Register("favoured");
        var risk = h.Register("risk");
        var arb = h.Register("arb");
        h.Batch(
            h.Buy(plain, "AAPL", 1),
            h.Buy(plain, "MSFT", 1),
            h.Buy(favoured, "NVDA", 1),
            h.Trade(arb, "BTCUSD", OrderSide.Buy, 1, 50_000),
            h.Sell(risk, "SPY", 1, reason: IntentReason.StopLoss));

        var orders = h.Orders();
        Assert.Equal(["SPY", "BTCUSD", "NVDA", "AAPL", "MSFT"], orders.Select(o => h.Catalog[o.Instrument].Symbol));
        Assert.Equal([1L, 2, 3, 4, 5], orders.Select(o => o.OrderId));
        Assert.Equal(ExecutionAlgorithm.Direct, orders[1].Algorithm);
    }

    [Fact]
    public void ConfiguredReasonPriority_OverridesTheDefaults()
    {
        var config = new CoordinationConfig
        {
            ExecutionPriority = [new ExecutionPriorityRule { Reason = IntentReason.Rebalance, Priority = 500 }],
        };
        var h = new CoordinationHarness(config);
        var s = h.Register("s");
        h.Batch(h.Sell(s, "AAPL", 1, reason: IntentReason.StopLoss), h.TargetWeight(s, "MSFT", 0.01, 100));

        Assert.Equal(["MSFT", "AAPL"], h.Orders().Select(o => h.Catalog[o.Instrument].Symbol));
    }

    [Fact]
    public void AlgorithmPerUrgency_IsConfigurable()
    {
        var config = new CoordinationConfig
        {
            Algorithms = [ExecutionAlgorithm.Implementation, ExecutionAlgorithm.Vwap, ExecutionAlgorithm.Liquidity],
        };
        var h = new CoordinationHarness(config);
        var s = h.Register("s");
        h.Batch(
            h.Trade(s, "AAPL", OrderSide.Buy, 1, 100, urgency: IntentUrgency.Low),
            h.Trade(s, "MSFT", OrderSide.Buy, 1, 100, urgency: IntentUrgency.Normal),
            h.Trade(s, "NVDA", OrderSide.Buy, 1, 100, urgency: IntentUrgency.Immediate));

        var bySymbol = h.Orders().ToDictionary(o => h.Catalog[o.Instrument].Symbol, o => o.Algorithm);
        Assert.Equal(ExecutionAlgorithm.Implementation, bySymbol["AAPL"]);
        Assert.Equal(ExecutionAlgorithm.Vwap, bySymbol["MSFT"]);
        Assert.Equal(ExecutionAlgorithm.Liquidity, bySymbol["NVDA"]);
    }

    [Fact]
    public void NettedOrder_TakesTheMostUrgentContributorInItsDirection()
    {
        var h = new CoordinationHarness();
        var a = h.Register("a");
        var b = h.Register("b");
        h.Batch(
            h.Trade(a, "AAPL", OrderSide.Buy, 10, 100, IntentReason.EntryLong, IntentUrgency.Low),
            h.Trade(b, "AAPL", OrderSide.Buy, 5, 101, IntentReason.ArbitrageLeg, IntentUrgency.Immediate));

        var order = Assert.Single(h.Orders());
        Assert.Equal((IntentUrgency.Immediate, ExecutionAlgorithm.Direct, IntentReason.ArbitrageLeg, b), (order.Urgency, order.Algorithm, order.Reason, order.Strategy));
        Assert.Equal(MultiAsset.Engine.Model.Quantity.FromDecimal(15m), order.Quantity);
        Assert.Equal(MultiAsset.Engine.Model.Price.FromDecimal(101m), order.LimitPrice);
    }
}
