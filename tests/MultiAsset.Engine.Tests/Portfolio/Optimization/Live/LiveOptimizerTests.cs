using MultiAsset.Engine.Portfolio.Optimization;
using MultiAsset.Engine.Portfolio.Optimization.Contract;
using MultiAsset.Engine.Portfolio.Optimization.Live;
using MultiAsset.Engine.Portfolio.Optimization.Rebalancing;

namespace MultiAsset.Engine.Tests.Portfolio.Optimization.Live;

public class LiveOptimizerTests
{
    private const long Hour = 3_600_000_000_000;

    private static LiveEstimates Estimates(long asOf) => new(
        ["A", "B"],
        [[0.04, 0.0], [0.0, 0.16]],
        [0.05, 0.08],
        30,
        17,
        asOf,
        "test");

    [Fact]
    public void RiskParity_OnLiveEstimates_GivesInverseVolatilityWeights_AsATargetWeightsRequest()
    {
        var spec = LiveOptimizerSpec.ParseList("""
            { "optimizers": [ { "account": "safe-haven", "strategy": "safe-haven-flows", "optimizationMethod": "RiskParity",
              "constraints": { "maxAssetWeight": 0.9 },
              "rebalancingTriggers": [ { "type": "Time", "condition": "every 4h", "action": "Rebalance" } ] } ] }
            """)[0];
        var optimizer = new LiveOptimizer(spec);
        Assert.Equal(4 * Hour, optimizer.EveryNanoseconds);
        Assert.True(optimizer.IsDue(0));

        // Uncorrelated, vols 0.2 and 0.4: equal risk ⇒ weights ∝ 1/σ = 2/3, 1/3.
        var (request, _) = optimizer.Run(Estimates(10 * Hour));
        Assert.Equal("safe-haven-flows", request.Strategy);
        Assert.Equal("safe-haven", request.Account);
        Assert.Equal(RebalanceAction.Rebalance, request.Action);
        Assert.Equal(0.666667, request.Weights["A"], 6);
        Assert.Equal(0.333333, request.Weights["B"], 6);
        Assert.Null(request.FindProblem());

        // On event time: not due 3 h later, due 4 h later.
        Assert.False(optimizer.IsDue(13 * Hour));
        Assert.True(optimizer.IsDue(14 * Hour));
    }

    [Fact]
    public void AnOptimizerWithoutATimeTrigger_IsRefusedWithTheField()
    {
        var spec = new LiveOptimizerSpec { Account = "a", Strategy = "s", OptimizationMethod = "MeanVariance" };
        var e = Assert.Throws<OptimizationInputException>(() => new LiveOptimizer(spec));
        Assert.Equal("optimizer.rebalancingTriggers", e.Field);
    }
}
