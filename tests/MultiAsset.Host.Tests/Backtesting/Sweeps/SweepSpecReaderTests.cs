using MultiAsset.Engine.Pipeline;
using MultiAsset.Host.Backtesting.Sweeps;

namespace MultiAsset.Host.Tests.Backtesting.Sweeps;

public sealed class SweepSpecReaderTests
{
    [Fact]
    public void Load_BadSweep_ListsEveryProblem()
    {
        using var folder = new TempDirectory();
        SweepFixtures.WriteBacktest(folder.Path, 10);
        var path = SweepFixtures.WriteSweep(folder.Path, """
            "strategy": "nope", "grid": { "fast": [], "slow": [30, 30] }, "metric": "alpha", "workers": 0,
            "walkForward": { "inSample": "30x", "outOfSample": "10d", "step": "1d" }, "colour": 1
            """);

        var error = Assert.Throws<ConfigurationException>(() => SweepSpecReader.Load(path));

        Assert.Contains("colour: unknown field", error.Message, StringComparison.Ordinal);
        Assert.Contains("strategy: 'nope' is not a strategy of the backtest", error.Message, StringComparison.Ordinal);
        Assert.Contains("grid.fast: expected a non-empty array", error.Message, StringComparison.Ordinal);
        Assert.Contains("grid.slow: a value is listed twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("metric: unknown value 'alpha'", error.Message, StringComparison.Ordinal);
        Assert.Contains("workers: 0 is out of range", error.Message, StringComparison.Ordinal);
        Assert.Contains("walkForward.inSample: invalid duration", error.Message, StringComparison.Ordinal);
        Assert.Contains("walkForward.step: must be at least outOfSample", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Random_DefaultsAndStrategy()
    {
        using var folder = new TempDirectory();
        SweepFixtures.WriteBacktest(folder.Path, 10);
        var path = SweepFixtures.WriteSweep(folder.Path, """
            "random": { "samples": 8, "seed": 7, "parameters": { "fast": { "min": 2, "max": 9, "integer": true }, "slow": { "min": 20, "max": 60, "integer": true } } },
            "metric": "maxDrawdown"
            """);

        var spec = SweepSpecReader.Load(path, workers: 3);

        Assert.Equal("sma-btc", spec.StrategyId);
        Assert.Equal(SweepMetric.MaxDrawdown, spec.Metric);
        Assert.Equal(3, spec.Workers);
        Assert.Equal(["fast", "slow"], spec.ParameterNames);
        Assert.InRange(spec.Sets.Count, 1, 8);
        Assert.Equal(Path.Combine(folder.Path, "results", "sweep-sweep"), spec.Output);
    }
}
