using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>Opposing intents of one account in one batch, under each resolution; netting into one order.</summary>
public class ConflictResolutionTests
{
    internal static CoordinationConfig With(params ConflictRule[] rules) => new() { ConflictResolution = rules };

    [Fact]
    public void Prioritize_TheListedStrategyWins_TheLosersChangeIsDropped()
    {
        var h = new CoordinationHarness(With(new ConflictRule
        {
            Condition = ConflictCondition.OpposingIntents,
            Resolution = ConflictResolution.Prioritize,
            Strategies = ["arbitrage", "momentum"],
        }));
        var momentum = h.Register("momentum");
        var arbitrage = h.Register("arbitrage");
        h.Batch(h.Buy(momentum, "AAPL", 100), h.Sell(arbitrage, "AAPL", 40));

        var order = Assert.Single(h.Orders());
        Assert.Equal((OrderSide.Sell, Quantity.FromDecimal(40m), arbitrage), (order.Side, order.Quantity, order.Strategy));
        Assert.Equal(Quantity.Zero, h.Ordered(momentum, "AAPL"));
        Assert.Equal(Quantity.FromDecimal(-40m), h.Ordered(arbitrage, "AAPL"));

        var record = Assert.Single(h.Stage.Conflicts.Recent());
        Assert.Equal((ConflictCondition.OpposingIntents, ConflictResolution.Prioritize), (record.Condition, record.Resolution));
        Assert.Equal((arbitrage, momentum, 2), (record.Strategy, record.Other, record.StrategyCount));
        Assert.Equal((Quantity.FromDecimal(-40m), Quantity.FromDecimal(-40m)), (record.StrategyBefore, record.StrategyAfter));
        Assert.Equal((Quantity.FromDecimal(100m), Quantity.Zero), (record.OtherBefore, record.OtherAfter));
        Assert.Equal((Quantity.FromDecimal(60m), Quantity.FromDecimal(-40m)), (record.NetBefore, record.NetAfter));
        Assert.Equal(h.Id("AAPL"), record.Instrument);
    }

    [Fact]
    public void Prioritize_AHigherPriorityReasonBeatsTheStrategyList()
    {
        var h = new CoordinationHarness(With(new ConflictRule
        {
            Condition = ConflictCondition.OpposingIntents,
            Resolution = ConflictResolution.Prioritize,
            Strategies = ["arbitrage", "momentum"],
        }));
        var momentum = h.Register("momentum");
        var arbitrage = h.Register("arbitrage");
        h.Batch(h.Sell(momentum, "AAPL", 100, reason: IntentReason.StopLoss), h.Buy(arbitrage, "AAPL", 40));

        var order = Assert.Single(h.Orders());
        Assert.Equal((OrderSide.Sell, Quantity.FromDecimal(100m), IntentReason.StopLoss), (order.Side, order.Quantity, order.Reason));
    }

    [Fact]
    public void Prioritize_WithoutAList_UsesTheExecutionPriorityOfTheStrategies()
    {
        var config = With(new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Prioritize }) with
        {
            ExecutionPriority = [new ExecutionPriorityRule { Strategy = "momentum", Priority = 5 }],
        };
        var h = new CoordinationHarness(config);
        var momentum = h.Register("momentum");
        var arbitrage = h.Register("arbitrage");
        h.Batch(h.Sell(arbitrage, "AAPL", 40), h.Buy(momentum, "AAPL", 100));

        var order = Assert.Single(h.Orders());
        Assert.Equal((OrderSide.Buy, Quantity.FromDecimal(100m), momentum), (order.Side, order.Quantity, order.Strategy));
    }

    [Fact]
    public void Average_NetsIntoOneOrder_AndEachStrategyKeepsItsOwnDelta()
    {
        var h = new CoordinationHarness(With(new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Average }));
        var a = h.Register("a");
        var b = h.Register("b");
        h.Batch(h.Buy(a, "AAPL", 100), h.Sell(b, "AAPL", 40));

        var order = Assert.Single(h.Orders());
        Assert.Equal((OrderSide.Buy, Quantity.FromDecimal(60m), a), (order.Side, order.Quantity, order.Strategy));
        Assert.Equal(Quantity.FromDecimal(100m), h.Ordered(a, "AAPL"));
        Assert.Equal(Quantity.FromDecimal(-40m), h.Ordered(b, "AAPL"));
        Assert.Equal(Quantity.FromDecimal(60m), h.Stage.AccountPosition(h.Account("default"), h.Id("AAPL")));

        var allocations = h.Stage.Allocations.Recent();
        Assert.Equal(2, allocations.Length);
        Assert.All(allocations, x => Assert.Equal(order.OrderId, x.OrderId));
        Assert.Equal(Quantity.FromDecimal(60m), allocations[0].Delta + allocations[1].Delta);
        Assert.Equal(1, h.Stage.Counters.NettedOrders);
        Assert.Equal(ConflictResolution.Average, Assert.Single(h.Stage.Conflicts.Recent()).Resolution);
    }

    [Fact]
    public void Average_IsTheDefault_AndAnExactCrossSendsNoOrder()
    {
        var h = new CoordinationHarness();
        var a = h.Register("a");
        var b = h.Register("b");
        h.Batch(h.Buy(a, "AAPL", 50), h.Sell(b, "AAPL", 50));

        Assert.Empty(h.Orders());
        Assert.Equal(Quantity.FromDecimal(50m), h.Ordered(a, "AAPL"));
        Assert.Equal(Quantity.FromDecimal(-50m), h.Ordered(b, "AAPL"));
        Assert.Equal(1, h.Stage.Counters.InternalCrosses);
        Assert.All(h.Stage.Allocations.Recent(), x => Assert.Equal(0, x.OrderId));
    }

    [Fact]
    public void Cancel_DropsBothSides()
    {
        var h = new CoordinationHarness(With(new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Cancel }));
        var a = h.Register("a");
        var b = h.Register("b");
        var c = h.Register("c");
        h.Batch(h.Buy(a, "AAPL", 100), h.Sell(b, "AAPL", 40), h.Buy(c, "MSFT", 5));

        var order = Assert.Single(h.Orders());
        Assert.Equal(h.Id("MSFT"), order.Instrument);
        Assert.Equal(Quantity.Zero, h.Ordered(a, "AAPL"));
        Assert.Equal(Quantity.Zero, h.Ordered(b, "AAPL"));
        var record = Assert.Single(h.Stage.Conflicts.Recent());
        Assert.Equal((Quantity.FromDecimal(60m), Quantity.Zero), (record.NetBefore, record.NetAfter));
    }

    [Fact]
    public void Defer_HoldsTheLaterIntent_AndAStandingOppositionKeepsHoldingItUntilItsRetriesRunOut()
    {
        var h = new CoordinationHarness(With(new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Defer, Retries = 2 }));
        var a = h.Register("a");
        var b = h.Register("b");
        h.Batch(h.Buy(a, "AAPL", 100), h.Sell(b, "AAPL", 40));

        var first = Assert.Single(h.Orders());
        Assert.Equal((OrderSide.Buy, Quantity.FromDecimal(100m), a), (first.Side, first.Quantity, first.Strategy));
        Assert.Equal(1, h.Stage.PendingChanges);
        var record = Assert.Single(h.Stage.Conflicts.Recent());
        Assert.Equal((ConflictResolution.Defer, a, b, 0), (record.Resolution, record.Strategy, record.Other, record.Attempt));

        // Any next batch retries it. a's buy is now a standing position (ordered in the earlier event), and b's sell
        // still opposes it — a conflict across time: held again, then cancelled when its retries run out.
        h.Batch(h.Buy(a, "MSFT", 1));
        var orders = h.Orders();
        var msft = Assert.Single(orders);
        Assert.Equal(h.Id("MSFT"), msft.Instrument);
        Assert.Equal(1, h.Stage.PendingChanges);
        Assert.Equal(2, h.Stage.Counters.Deferred);
        var standing = h.Stage.Conflicts.Recent()[^1];
        Assert.True(standing.Standing);
        Assert.Equal((ConflictResolution.Defer, b, a, 1), (standing.Resolution, standing.Strategy, standing.Other, standing.Attempt));
        Assert.Equal(Quantity.FromDecimal(100m), standing.OtherBefore);

        h.Batch(h.Buy(a, "MSFT", 1));
        Assert.Single(h.Orders());
        Assert.Equal(Quantity.Zero, h.Ordered(b, "AAPL"));
        Assert.Equal(0, h.Stage.PendingChanges);
        Assert.Equal(1, h.Stage.Counters.DeferExpired);
    }

    [Fact]
    public void Defer_HeldIntentStillOpposed_IsHeldAgain_ThenCancelledAfterItsRetries()
    {
        var h = new CoordinationHarness(With(new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Defer, Retries = 1 }));
        var a = h.Register("a");
        var b = h.Register("b");
        h.Batch(h.Buy(a, "AAPL", 100), h.Sell(b, "AAPL", 40));
        h.Batch(h.Buy(a, "AAPL", 10));

        // Batch 2: b's held sell meets a's new buy: b has had its one retry, so it is cancelled; a's buy goes out.
        var orders = h.Orders();
        Assert.Equal(2, orders.Count);
        Assert.All(orders, o => Assert.Equal((OrderSide.Buy, a), (o.Side, o.Strategy)));
        Assert.Equal(Quantity.Zero, h.Ordered(b, "AAPL"));
        Assert.Equal(0, h.Stage.PendingChanges);
        var records = h.Stage.Conflicts.Recent();
        Assert.Equal(2, records.Length);
        Assert.Equal((ConflictResolution.Cancel, 1, b), (records[1].Resolution, records[1].Attempt, records[1].Other));
        Assert.Equal(1, h.Stage.Counters.DeferExpired);
    }

    [Fact]
    public void Defer_BeyondTheAccountsBudget_Cancels()
    {
        var config = With(new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Defer }) with { MaxIntentsDeferred = 1 };
        var h = new CoordinationHarness(config);
        var a = h.Register("a");
        var b = h.Register("b");
        h.Batch(h.Buy(a, "AAPL", 10), h.Sell(b, "AAPL", 10), h.Buy(a, "MSFT", 10), h.Sell(b, "MSFT", 10));

        Assert.Equal(1, h.Stage.PendingChanges);
        Assert.Equal((1L, 1L), (h.Stage.Counters.Deferred, h.Stage.Counters.DeferOverflow));
    }

    [Fact]
    public void OpposingIntentsOfDifferentAccounts_AreNoConflict()
    {
        var h = new CoordinationHarness(With(new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Cancel }));
        var a = h.Register("a", account: "default");
        var b = h.Register("b", account: "fx-carry");
        h.Batch(h.Buy(a, "AAPL", 100), h.Sell(b, "AAPL", 40));

        var orders = h.Orders();
        Assert.Equal(2, orders.Count);
        Assert.Equal(0, h.Stage.Conflicts.Total);
        Assert.Equal(new[] { h.Account("default").Value, h.Account("fx-carry").Value }, orders.Select(o => o.Account.Value).Order());
    }

    [Fact]
    public void ManyStrategiesOnOneInstrument_BecomeOneOrder()
    {
        var h = new CoordinationHarness();
        var a = h.Register("a");
        var b = h.Register("b");
        var c = h.Register("c");
        h.Batch(h.Buy(a, "AAPL", 100), h.Sell(b, "AAPL", 30), h.Buy(c, "AAPL", 20));

        var order = Assert.Single(h.Orders());
        Assert.Equal((OrderSide.Buy, Quantity.FromDecimal(90m), a), (order.Side, order.Quantity, order.Strategy));
        Assert.Equal(Quantity.FromDecimal(90m), h.Ordered(a, "AAPL") + h.Ordered(b, "AAPL") + h.Ordered(c, "AAPL"));
        Assert.Equal(3, Assert.Single(h.Stage.Conflicts.Recent()).StrategyCount);
    }

    [Fact]
    public void ScopedRule_AppliesOnlyToItsAssetClass()
    {
        var h = new CoordinationHarness(With(
            new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Cancel, AssetClass = AssetClass.Crypto },
            new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Average }));
        var a = h.Register("a");
        var b = h.Register("b");
        h.Batch(h.Buy(a, "AAPL", 10), h.Sell(b, "AAPL", 4), h.Buy(a, "BTCUSD", 1), h.Sell(b, "BTCUSD", 0.5));

        var order = Assert.Single(h.Orders());
        Assert.Equal((h.Id("AAPL"), Quantity.FromDecimal(6m)), (order.Instrument, order.Quantity));
    }
}
