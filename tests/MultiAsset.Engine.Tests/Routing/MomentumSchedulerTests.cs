using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Algorithms;

namespace MultiAsset.Engine.Tests.Routing;

public class MomentumSchedulerTests
{
    // ρ₀ = 10 %, k = 100, floor 2 %, POV cap 25 %.
    private static readonly MomentumParameters Parameters = new(0.10, 100, 0.02, 0.25);

    [Theory]
    [InlineData(OrderSide.Buy, 0.0, 0.10)]
    [InlineData(OrderSide.Buy, 0.002, 0.12)]     // price rising against a buy: speed up
    [InlineData(OrderSide.Sell, 0.002, 0.08)]    // rising is favourable for a sell: slow down
    [InlineData(OrderSide.Sell, -0.002, 0.12)]
    [InlineData(OrderSide.Buy, 0.05, 0.25)]      // 0.6 capped at the POV cap
    [InlineData(OrderSide.Sell, 0.05, 0.02)]     // −0.4 floored
    [InlineData(OrderSide.Buy, double.NaN, 0.10)] // warming-up analytics count as neutral
    public void Participation_AdaptsToAdverseMomentum_WithinBounds(OrderSide side, double momentum, double expected)
    {
        Assert.Equal(expected, MomentumScheduler.Participation(side, momentum, Parameters), 12);
    }

    [Fact]
    public void Plan_HandComputed_CompletesOnTheLastSlice()
    {
        var children = new long[4];
        long residual = MomentumScheduler.Plan(OrderSide.Buy, 100, [0, 0.002, -0.002, 0.05], [200, 200, 200, 200], Parameters, children);
        // ρ = 0.10, 0.12, 0.08, 0.25 ⇒ ⌊ρV⌋ = 20, 24, 16, 50, the last one limited to the 40 left
        Assert.Equal([20L, 24, 16, 40], children);
        Assert.Equal(0, residual);
    }

    [Fact]
    public void Plan_ThinVolume_RespectsTheCapAndReportsTheResidual()
    {
        var children = new long[4];
        long residual = MomentumScheduler.Plan(OrderSide.Sell, 1000, [-1, -1, -1, -1], [100, 99, 0, 7], Parameters, children);
        Assert.Equal([25L, 24, 0, 1], children); // ⌊0.25·V⌋: never above the cap
        Assert.Equal(950, residual);
    }

    [Fact]
    public void Plan_InvalidInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => MomentumScheduler.Plan(OrderSide.Buy, 10, [0], [1, 2], Parameters, new long[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MomentumScheduler.Plan(OrderSide.None, 10, [0], [1], Parameters, new long[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MomentumScheduler.Plan(OrderSide.Buy, 10, [0], [1], Parameters with { MaxParticipation = 1.5 }, new long[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MomentumScheduler.Plan(OrderSide.Buy, 10, [0], [1], Parameters with { BaseParticipation = 0.3 }, new long[1]));
    }
}
