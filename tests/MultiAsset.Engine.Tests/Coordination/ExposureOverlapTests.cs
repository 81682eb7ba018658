using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>The account's strategies together beyond <c>maxNotional</c> on one instrument (limit here: 10 000 at price 100 = 100 shares).</summary>
public class ExposureOverlapTests
{
    private static CoordinationHarness Harness(ConflictResolution resolution, string[]? order = null) => new(ConflictResolutionTests.With(new ConflictRule
    {
        Condition = ConflictCondition.ExposureOverlap,
        Resolution = resolution,
        MaxNotional = 10_000,
        Strategies = order ?? [],
    }));

    [Fact]
    public void Average_ScalesTheGrowingChangesProRataToTheLimit()
    {
        var h = Harness(ConflictResolution.Average);
        var a = h.Register("a");
        var b = h.Register("b");
        h.Batch(h.Buy(a, "AAPL", 80), h.Buy(b, "AAPL", 80));

        var order = Assert.Single(h.Orders());
        Assert.Equal(Quantity.FromDecimal(100m), order.Quantity);
        Assert.Equal(Quantity.FromDecimal(50m), h.Ordered(a, "AAPL"));
        Assert.Equal(Quantity.FromDecimal(50m), h.Ordered(b, "AAPL"));
        var record = Assert.Single(h.Stage.Conflicts.Recent());
        Assert.Equal((ConflictCondition.ExposureOverlap, ConflictResolution.Average), (record.Condition, record.Resolution));
        Assert.Equal((Quantity.FromDecimal(160m), Quantity.FromDecimal(100m)), (record.NetBefore, record.NetAfter));
    }

    [Fact]
    public void Prioritize_DropsTheLowerPriorityChange()
    {
        var h = Harness(ConflictResolution.Prioritize, ["a", "b"]);
        var a = h.Register("a");
        var b = h.Register("b");
        h.Batch(h.Buy(b, "AAPL", 80), h.Buy(a, "AAPL", 80));

        Assert.Equal(Quantity.FromDecimal(80m), Assert.Single(h.Orders()).Quantity);
        Assert.Equal(Quantity.FromDecimal(80m), h.Ordered(a, "AAPL"));
        Assert.Equal(Quantity.Zero, h.Ordered(b, "AAPL"));
    }

    [Fact]
    public void Prioritize_TrimsTheWinnerWhenItAloneStillExceeds()
    {
        var h = Harness(ConflictResolution.Prioritize, ["a", "b"]);
        var a = h.Register("a");
        var b = h.Register("b");
        h.Batch(h.Buy(a, "AAPL", 150), h.Buy(b, "AAPL", 30));

        Assert.Equal(Quantity.FromDecimal(100m), Assert.Single(h.Orders()).Quantity);
        Assert.Equal(Quantity.FromDecimal(100m), h.Ordered(a, "AAPL"));
        Assert.Equal(Quantity.Zero, h.Ordered(b, "AAPL"));
    }

    [Fact]
    public void Cancel_DropsEveryGrowingChange_ButLetsReductionsThrough()
    {
        var h = Harness(ConflictResolution.Cancel);
        var a = h.Register("a");
        var b = h.Register("b");
        var c = h.Register("c");
        h.Batch(h.Buy(c, "AAPL", 60));
        h.Orders();
        h.Batch(h.Buy(a, "AAPL", 80), h.Buy(b, "AAPL", 20), h.Sell(c, "AAPL", 10));

        var order = Assert.Single(h.Orders());
        Assert.Equal((OrderSide.Sell, Quantity.FromDecimal(10m)), (order.Side, order.Quantity));
        Assert.Equal(Quantity.Zero, h.Ordered(a, "AAPL"));
    }

    [Fact]
    public void Defer_HoldsTheLatestGrowingChangeUntilItFits()
    {
        var h = Harness(ConflictResolution.Defer);
        var a = h.Register("a");
        var b = h.Register("b");
        h.Batch(h.Buy(a, "AAPL", 70), h.Buy(b, "AAPL", 50));

        Assert.Equal(Quantity.FromDecimal(70m), Assert.Single(h.Orders()).Quantity);
        Assert.Equal(1, h.Stage.PendingChanges);

        // a reduces: now b's held 50 fits (70 − 30 + 50 = 90 ≤ 100) and goes out with it, netted.
        h.Batch(h.Sell(a, "AAPL", 30));
        var order = Assert.Single(h.Orders());
        Assert.Equal((OrderSide.Buy, Quantity.FromDecimal(20m)), (order.Side, order.Quantity));
        Assert.Equal(Quantity.FromDecimal(50m), h.Ordered(b, "AAPL"));
    }

    [Fact]
    public void OneStrategyAlone_IsNoOverlap()
    {
        var h = Harness(ConflictResolution.Cancel);
        var a = h.Register("a");
        h.Register("b");
        h.Batch(h.Buy(a, "AAPL", 500));

        Assert.Equal(Quantity.FromDecimal(500m), Assert.Single(h.Orders()).Quantity);
        Assert.Equal(0, h.Stage.Conflicts.Total);
    }

    [Fact]
    public void ExistingPositionOfAnotherStrategy_Counts()
    {
        var h = Harness(ConflictResolution.Cancel);
        var a = h.Register("a");
        var b = h.Register("b");
        h.Batch(h.Buy(a, "AAPL", 90));
        h.Batch(h.Buy(b, "AAPL", 20));

        Assert.Single(h.Orders());
        Assert.Equal(Quantity.Zero, h.Ordered(b, "AAPL"));
        Assert.Equal(1, h.Stage.Conflicts.Count(ConflictCondition.ExposureOverlap, ConflictResolution.Cancel));
    }
}
