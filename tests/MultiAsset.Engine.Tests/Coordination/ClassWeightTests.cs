using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>Asset-class weights: start at the document's targets, move within the band, re-size the class's positions.</summary>
public class ClassWeightTests
{
    [Fact]
    public void Weights_StartAtTheDocumentTargets()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        Assert.Equal(0.70, h.Stage.ClassWeight(s, AssetClass.Stock), 12);
        Assert.Equal(0.30, h.Stage.ClassWeight(s, AssetClass.Crypto), 12);
        Assert.Equal(0, h.Stage.ClassWeight(s, AssetClass.Forex));
    }

    [Fact]
    public void WeightChangeInsideTheBand_ResizesTheClassPositions()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "AAPL", 0.5, 150.37), h.Target(s, "BTCUSD", 1, 50_000));
        h.Orders();

        h.Batch(h.ClassWeight(s, AssetClass.Stock, 0.05, change: true));

        // 0.5 × 1 000 000 × 75 % / 150.37 = 2493.85 → 2493; was 2327: buy 166. Crypto is untouched.
        var order = Assert.Single(h.Orders());
        Assert.Equal(h.Id("AAPL"), order.Instrument);
        Assert.Equal((OrderSide.Buy, Quantity.FromDecimal(166m)), (order.Side, order.Quantity));
        Assert.Equal(IntentReason.ExecutionRule, order.Reason);
        Assert.Equal(0.75, h.Stage.ClassWeight(s, AssetClass.Stock), 12);
        Assert.Equal(0, h.Stage.Conflicts.Total);
    }

    [Fact]
    public void TradesAreNotResized_OnlyClassSizedTargets()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Buy(s, "MSFT", 10));
        h.Orders();
        h.Batch(h.ClassWeight(s, AssetClass.Stock, 0.6, change: false));
        Assert.Empty(h.Orders());
        Assert.Equal(Quantity.FromDecimal(10m), h.Ordered(s, "MSFT"));
    }

    [Fact]
    public void RequestOutsideTheBand_IsClampedAndRecorded()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.ClassWeight(s, AssetClass.Stock, 0.95, change: false, time: 42));

        Assert.Equal(0.80, h.Stage.ClassWeight(s, AssetClass.Stock), 12);
        var record = Assert.Single(h.Stage.Conflicts.Recent());
        Assert.Equal(ConflictCondition.AllocationBand, record.Condition);
        Assert.Equal(ConflictResolution.Prioritize, record.Resolution);
        Assert.Equal(0.95, record.WeightRequested, 12);
        Assert.Equal(0.80, record.WeightApplied, 12);
        Assert.Equal((AssetClass.Stock, s, 42L, InstrumentId.None), (record.AssetClass, record.Strategy, record.Timestamp, record.Instrument));
    }

    [Fact]
    public void ChangeBelowTheBand_IsClampedToTheMinimum()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.ClassWeight(s, AssetClass.Crypto, -0.25, change: true));
        Assert.Equal(0.20, h.Stage.ClassWeight(s, AssetClass.Crypto), 12);
        Assert.Equal(1, h.Stage.Conflicts.Count(ConflictCondition.AllocationBand, ConflictResolution.Prioritize));
    }

    [Fact]
    public void CancelRule_IgnoresTheRequest()
    {
        var config = new CoordinationConfig
        {
            ConflictResolution = [new ConflictRule { Condition = ConflictCondition.AllocationBand, Resolution = ConflictResolution.Cancel }],
        };
        var h = new CoordinationHarness(config);
        var s = h.Register("momentum");
        h.Batch(h.ClassWeight(s, AssetClass.Stock, 0.95, change: false));

        Assert.Equal(0.70, h.Stage.ClassWeight(s, AssetClass.Stock), 12);
        Assert.Equal(ConflictResolution.Cancel, Assert.Single(h.Stage.Conflicts.Recent()).Resolution);
    }

    [Fact]
    public void ClassTheDocumentDoesNotAllocateTo_HasTheBandZero()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.ClassWeight(s, AssetClass.Forex, 0.1, change: false));
        Assert.Equal(0, h.Stage.ClassWeight(s, AssetClass.Forex));
        Assert.Equal(ConflictCondition.AllocationBand, Assert.Single(h.Stage.Conflicts.Recent()).Condition);
    }
}
