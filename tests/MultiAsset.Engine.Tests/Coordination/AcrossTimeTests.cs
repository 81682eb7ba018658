using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>Conflicts against standing positions (earlier events), the capital rule, and rebalancing actions.</summary>
public class AcrossTimeTests
{
    private const long Hour = 3_600_000_000_000;

    [Fact]
    public void OpposingStrategiesInDifferentEvents_ProduceAConflictRecord()
    {
        var h = new CoordinationHarness();
        var a = h.Register("a");
        var b = h.Register("b");
        h.Batch(h.Target(a, "BTCUSD", 1, 50_000, time: Hour));
        h.Batch(h.Target(b, "BTCUSD", -1, 50_000, IntentReason.EntryShort, time: 3 * Hour));

        // Both have 150 000 of the crypto budget (equal shares, 30 %): a is long 3 BTC; b's short of 3 meets it.
        var record = Assert.Single(h.Stage.Conflicts.Recent());
        Assert.True(record.Standing);
        Assert.Equal(ConflictCondition.OpposingIntents, record.Condition);
        Assert.Equal(ConflictResolution.Average, record.Resolution);
        Assert.Equal(b, record.Strategy);
        Assert.Equal(a, record.Other);
        Assert.Equal(Quantity.FromDecimal(-3m), record.StrategyBefore);
        Assert.Equal(Quantity.FromDecimal(3m), record.OtherBefore);
        Assert.Equal(Quantity.FromDecimal(3m), record.NetBefore);
        Assert.Equal(Quantity.Zero, record.NetAfter);

        var view = Assert.Single(h.Stage.ConflictReport().Conflicts);
        Assert.True(view.AcrossTime);
        Assert.Equal(["netted", "standing"], view.Strategies.Select(x => x.Role));

        // The same target again is not logged again.
        h.Batch(h.Target(b, "BTCUSD", -1, 50_000, IntentReason.EntryShort, time: 4 * Hour));
        Assert.Equal(1, h.Stage.Conflicts.Total);
    }

    [Fact]
    public void UnderPrioritize_ALowerRankedStrategyCannotOpposeAStandingPosition()
    {
        var config = new CoordinationConfig
        {
            ConflictResolution = [new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Prioritize, Strategies = ["a", "b"] }],
        };
        var h = new CoordinationHarness(config);
        var a = h.Register("a");
        var b = h.Register("b");
        h.Batch(h.Target(a, "BTCUSD", 1, 50_000, time: Hour));
        h.Orders();
        h.Batch(h.Target(b, "BTCUSD", -1, 50_000, IntentReason.EntryShort, time: 2 * Hour));

        Assert.Empty(h.Orders());
        var view = Assert.Single(h.Stage.ConflictReport().Conflicts);
        Assert.Equal(["loser", "standing"], view.Strategies.Select(x => x.Role));
        Assert.Equal(0m, view.Strategies[0].QuantityAfter);
    }

    [Fact]
    public void FixedWeightsThatDoNotListAStrategy_Renormalise_AndNothingIsSilentlyZero()
    {
        var config = new CoordinationConfig
        {
            CapitalAllocation =
            [
                new CapitalAllocationRule { Account = "default", Method = CapitalAllocationMethod.FixedWeights, Weights = new Dictionary<string, double> { ["x"] = 60, ["y"] = 40, ["z"] = 0 } },
            ],
        };
        var h = new CoordinationHarness(config);
        var x = h.Register("x");
        var y = h.Register("y");
        var n = h.Register("new");
        var z = h.Register("z");

        // "new" is not listed and the list leaves nothing: it gets 1/4; x and y share 3/4 as 60:40; z is listed at 0 %.
        Assert.Equal(0.25, h.Stage.CapitalShare(n), 12);
        Assert.Equal(0.45, h.Stage.CapitalShare(x), 12);
        Assert.Equal(0.30, h.Stage.CapitalShare(y), 12);
        Assert.True(h.Stage.CapitalStatus(n)!.CanTrade);
        Assert.Equal(250_000, h.Stage.CapitalStatus(n)!.Capital, 6);
        var zero = h.Stage.CapitalStatus(z)!;
        Assert.False(zero.CanTrade);
        Assert.Contains("0 %", zero.Reason);
    }

    [Fact]
    public void HedgeRisk_HalvesThePositions_AndLaterTargetsKeepTheSmallerSize()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "AAPL", 1, 100));
        h.Orders();
        h.Batch(h.Rebalance(s, RebalanceAction.HedgeRisk));
        var sell = Assert.Single(h.Orders());
        Assert.Equal(OrderSide.Sell, sell.Side);
        Assert.Equal(Quantity.FromDecimal(3_500m), sell.Quantity);

        h.Batch(h.Target(s, "AAPL", 1, 100));
        Assert.Empty(h.Orders());

        // A Rebalance action restores the scale: back to 7 000.
        h.Batch(h.Rebalance(s, RebalanceAction.Rebalance));
        Assert.Equal(Quantity.FromDecimal(3_500m), Assert.Single(h.Orders()).Quantity);
    }

    [Fact]
    public void TakeProfit_ClosesOnlyThePositionsBeyondTheirEntry()
    {
        var view = new TestAccountView(Support.RepoFiles.ShippedCatalog);
        var h = new CoordinationHarness(capital: view);
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "AAPL", 1, 100));
        h.Batch(h.Target(s, "MSFT", 1, 400));
        h.Orders();
        view.Mark("AAPL", 110);
        view.Mark("MSFT", 390);
        h.Batch(h.Rebalance(s, RebalanceAction.TakeProfit));

        var close = Assert.Single(h.Orders());
        Assert.Equal(h.Id("AAPL"), close.Instrument);
        Assert.Equal(OrderSide.Sell, close.Side);
        Assert.Equal(Quantity.FromDecimal(7_000m), close.Quantity);
    }

    [Fact]
    public void AThresholdRebalance_ActsOnlyWhenAClassDriftedBeyondItsThreshold()
    {
        var h = new CoordinationHarness();
        var document = CoordinationHarness.Document("drift") with
        {
            Allocation =
            [
                new Engine.Signals.Strategies.AssetAllocation { AssetClass = AssetClass.Stock, TargetWeight = 70, MinWeight = 50, MaxWeight = 90, RebalanceThreshold = 5 },
                new Engine.Signals.Strategies.AssetAllocation { AssetClass = AssetClass.Crypto, TargetWeight = 30, MinWeight = 10, MaxWeight = 50, RebalanceThreshold = 5 },
            ],
        };
        var s = h.Register(document);
        h.Batch(h.Target(s, "AAPL", 1, 100), h.Target(s, "BTCUSD", 1, 50_000));
        h.Orders();

        // 700 000 in stock, 300 000 in crypto: exactly on target.
        h.Batch(h.Rebalance(s, RebalanceAction.Rebalance, RebalanceTrigger.Threshold));
        Assert.Empty(h.Orders());
        Assert.Equal(1, h.Stage.Counters.RebalancesSkipped);

        // A class-weight rule takes crypto to 10 % (6 → 2 BTC): stock is now 700 000 / 800 000 = 87.5 %, 17.5 points
        // from 70 % (threshold 5): the rebalance restores 30 % crypto, buying the 4 BTC back.
        h.Batch(h.ClassWeight(s, AssetClass.Crypto, 0.10, change: false));
        h.Orders();
        h.Batch(h.Rebalance(s, RebalanceAction.Rebalance, RebalanceTrigger.Threshold));
        var buy = Assert.Single(h.Orders());
        Assert.Equal(h.Id("BTCUSD"), buy.Instrument);
        Assert.Equal(Quantity.FromDecimal(4m), buy.Quantity);
    }
}
