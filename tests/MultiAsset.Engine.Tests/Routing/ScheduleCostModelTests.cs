using MultiAsset.Engine.Routing.Algorithms;

namespace MultiAsset.Engine.Tests.Routing;

public class ScheduleCostModelTests
{
    // τ = 10 s, σ = 0.1, η = 0.01, γ = 0.001, ε = 0.02 ⇒ η̃ = 0.01 − 0.001·10/2 = 0.005.
    private static readonly AlmgrenChrissParameters Model = new(10, 0.1, 0.01, 0.001, 1e-3, 0.02);

    [Fact]
    public void Evaluate_TwoSlices_MatchesHandComputation()
    {
        // X = 100, n = (60, 40), holdings after each trade (40, 0):
        // E = ½·0.001·100² + 0.02·100 + (0.005/10)·(60² + 40²) = 5 + 2 + 2.6 = 9.6
        // V = 0.1²·10·(40² + 0²) = 160
        var cost = ScheduleCostModel.Evaluate([60, 40], 1, Model);
        Assert.Equal(9.6, cost.ExpectedCost, 12);
        Assert.Equal(160, cost.Variance, 10);
        Assert.Equal(Math.Sqrt(160), cost.StandardDeviation, 12);
    }

    [Fact]
    public void Evaluate_CountsUnitsPerLot()
    {
        var inLots = ScheduleCostModel.Evaluate([6, 4], 10, Model);
        Assert.Equal(9.6, inLots.ExpectedCost, 12);
        Assert.Equal(160, inLots.Variance, 10);
    }

    [Fact]
    public void Evaluate_ThreeSlices_MatchesHandComputation()
    {
        // X = 10, n = (5, 3, 2), holdings (5, 2, 0): E = 0.05 + 0.2 + 0.0005·38 = 0.269; V = 0.1·(25 + 4) = 2.9
        var cost = ScheduleCostModel.Evaluate([5, 3, 2], 1, Model);
        Assert.Equal(0.269, cost.ExpectedCost, 12);
        Assert.Equal(2.9, cost.Variance, 12);
    }

    [Fact]
    public void Evaluate_ImmediateExecution_HasNoVariance()
    {
        var cost = ScheduleCostModel.Evaluate([100, 0, 0], 1, Model);
        Assert.Equal(0, cost.Variance);
        Assert.Equal(5 + 2 + (0.0005 * 10_000), cost.ExpectedCost, 12);
    }

    [Fact]
    public void Evaluate_InvalidInputs_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScheduleCostModel.Evaluate([1], 0, Model));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScheduleCostModel.Evaluate([1], 1, Model with { FixedCostPerUnit = -1 }));
    }
}
