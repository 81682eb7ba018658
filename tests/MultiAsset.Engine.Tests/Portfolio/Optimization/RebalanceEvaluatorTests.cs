using MultiAsset.Engine.Portfolio.Optimization;
using MultiAsset.Engine.Portfolio.Optimization.Rebalancing;

namespace MultiAsset.Engine.Tests.Portfolio.Optimization;

public class RebalanceEvaluatorTests
{
    private const long Day = 86_400_000_000_000;

    private static RebalanceState State(double[] current, double[] target, long now = 0, long last = 0) => new()
    {
        NowNanos = now,
        LastRebalanceNanos = last,
        Assets = ["BTC", "NASDAQ", "SPY"],
        CurrentWeights = current,
        TargetWeights = target,
        RebalanceThreshold = 0.05,
    };

    private static CompiledRebalanceTrigger Compile(string type, string condition, string action = "Rebalance") =>
        RebalanceTriggerCompiler.Compile(new RebalanceTrigger { Type = type, Condition = condition, Action = action });

    [Fact]
    public void Evaluate_TimeTrigger_FiresExactlyWhenPeriodElapsed()
    {
        var t = Compile("Time", "every 1d");
        Assert.Equal(Day, t.IntervalNanos);
        Assert.False(RebalanceEvaluator.Evaluate(t, State([0.3, 0.3, 0.4], [0.3, 0.3, 0.4], now: (5 * Day) - 1, last: 4 * Day)).Fired);
        var d = RebalanceEvaluator.Evaluate(t, State([0.35, 0.25, 0.4], [0.3, 0.3, 0.4], now: 5 * Day, last: 4 * Day));
        Assert.True(d.Fired);
        Assert.Equal([0.3, 0.3, 0.4], d.TargetWeights);
    }

    [Fact]
    public void Evaluate_ThresholdTrigger_UsesPercentAndFiresOnlyBeyondIt()
    {
        var t = Compile("Threshold", "drift > 5%");
        Assert.False(RebalanceEvaluator.Evaluate(t, State([0.34, 0.26, 0.4], [0.3, 0.3, 0.4])).Fired);
        var d = RebalanceEvaluator.Evaluate(t, State([0.36, 0.24, 0.4], [0.3, 0.3, 0.4]));
        Assert.True(d.Fired);
        Assert.Contains("drift 0.06 > 0.05: true", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ThresholdWithoutCondition_UsesAllocationRebalanceThreshold()
    {
        var t = Compile("Threshold", string.Empty);
        var s = State([0.33, 0.27, 0.4], [0.3, 0.3, 0.4]) with { RebalanceThreshold = 0.02 };
        Assert.True(RebalanceEvaluator.Evaluate(t, s).Fired);
        Assert.False(RebalanceEvaluator.Evaluate(t, s with { RebalanceThreshold = 0.04 }).Fired);
    }

    [Fact]
    public void Evaluate_VolatilityRegimeChange_FiresOnRatio()
    {
        var t = Compile("Volatility", "volRatio > 1.5", "TakeProfit");
        var calm = State([0.5, 0.2, 0.3], [0.3, 0.3, 0.4]) with { ShortWindowVolatility = 0.2, LongWindowVolatility = 0.15 };
        Assert.False(RebalanceEvaluator.Evaluate(t, calm).Fired);
        var stressed = calm with { ShortWindowVolatility = 0.3 };
        var d = RebalanceEvaluator.Evaluate(t, stressed);
        Assert.True(d.Fired);
        // TakeProfit: overweight BTC cut to target, the underweights untouched, remainder in cash
        Assert.Equal([0.3, 0.2, 0.3], d.TargetWeights);
    }

    [Fact]
    public void Evaluate_SeedMomentumRule_RequiresBothLegs()
    {
        var t = Compile("Momentum", "BTC momentum > 0.05 AND NASDAQ momentum > 0.03");
        var s = State([0.3, 0.3, 0.4], [0.35, 0.3, 0.35]) with { AssetMomentum = new Dictionary<string, double> { ["BTC"] = 0.08, ["NASDAQ"] = 0.02 } };
        Assert.False(RebalanceEvaluator.Evaluate(t, s).Fired);
        s = s with { AssetMomentum = new Dictionary<string, double> { ["BTC"] = 0.08, ["NASDAQ"] = 0.04 } };
        var d = RebalanceEvaluator.Evaluate(t, s);
        Assert.True(d.Fired);
        Assert.Equal([0.35, 0.3, 0.35], d.TargetWeights);
    }

    [Fact]
    public void Evaluate_SameInputs_SameDecision()
    {
        var t = Compile("Threshold", "drift >= 0.05");
        var s = State([0.35, 0.25, 0.4], [0.3, 0.3, 0.4]);
        Assert.Equal(RebalanceEvaluator.Evaluate(t, s).Reason, RebalanceEvaluator.Evaluate(t, s).Reason);
    }

    [Fact]
    public void Compile_BadNumber_ErrorGivesPosition()
    {
        var ex = Assert.Throws<OptimizationInputException>(() => Compile("Threshold", "drift > five"));
        Assert.Equal("trigger.condition", ex.Field);
        Assert.Contains("at position 8: 'five' is not a number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_MetricOfWrongType_ErrorNamesAllowedMetrics()
    {
        var ex = Assert.Throws<OptimizationInputException>(() => Compile("Volatility", "drift > 0.1"));
        Assert.Contains("metric 'drift' is not valid for a Volatility trigger (use vol or volRatio)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_UnknownAction_ErrorListsActions()
    {
        var ex = Assert.Throws<OptimizationInputException>(() => Compile("Time", "every 1d", "Sell"));
        Assert.Equal("trigger.action", ex.Field);
        Assert.Contains("Rebalance, HedgeRisk, TakeProfit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OlsBetas_KnownLinearRelation_RecoversBetas()
    {
        // asset0 = 0.001 + 1.5·h + noise-free; asset1 = −0.5·h; hedge itself beta 1
        var rng = new Random(3);
        var h = Enumerable.Range(0, 100).Select(_ => (rng.NextDouble() - 0.5) * 0.04).ToArray();
        var assets = h.Select(x => (IReadOnlyList<double>)new[] { 0.001 + (1.5 * x), -0.5 * x, x }).ToArray();
        var hedge = h.Select(x => (IReadOnlyList<double>)new[] { x }).ToArray();
        var betas = HedgeRatios.OlsBetas(assets, hedge);
        Assert.Equal(1.5, betas[0], 10);
        Assert.Equal(-0.5, betas[1], 10);
        Assert.Equal(1.0, betas[2], 10);
    }

    [Fact]
    public void Evaluate_HedgeRisk_MakesPortfolioBetaNeutral()
    {
        // assets BTC (β 2.0), NASDAQ (β 1.2), SPY = hedge instrument
        var overlay = new HedgeOverlay([2], [2.0, 1.2, 1.0], 1.0);
        var t = Compile("Volatility", "vol > 0.3", "HedgeRisk");
        var s = State([0.3, 0.7, 0.0], [0.3, 0.7, 0.0]) with { ShortWindowVolatility = 0.45, Hedge = overlay };
        var d = RebalanceEvaluator.Evaluate(t, s);
        Assert.True(d.Fired);
        Assert.Equal(0.3, d.TargetWeights[0], 15);
        Assert.Equal(0.7, d.TargetWeights[1], 15);
        Assert.Equal(-((0.3 * 2.0) + (0.7 * 1.2)), d.TargetWeights[2], 12);
        double beta = (d.TargetWeights[0] * 2.0) + (d.TargetWeights[1] * 1.2) + (d.TargetWeights[2] * 1.0);
        Assert.Equal(0.0, beta, 12);
    }
}
