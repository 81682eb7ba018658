using MultiAsset.Host.Backtesting;

namespace MultiAsset.Host.Tests.Backtesting.Sweeps;

public sealed class SweepCommandTests
{
    [Fact]
    public async Task Backtest_Sweep_PrintsTheTopTableAndTheCounts()
    {
        using var folder = new TempDirectory();
        SweepFixtures.WriteBacktest(folder.Path, 300);
        var path = SweepFixtures.WriteSweep(folder.Path, """ "grid": { "fast": [3, 5], "slow": [20] } """);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await BacktestCommand.RunAsync(["sweep", path, "--workers", "2", "-o", Path.Combine(folder.Path, "s")], output, error);

        Assert.True(code == 0, error.ToString());
        Assert.Contains("best by sharpe", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("2 runs made, 0 resumed, 2 workers", output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder.Path, "s", "sweep.csv")));
    }

    [Fact]
    public async Task Backtest_SweepWithBadWorkers_ExitsTwoWithUsage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await BacktestCommand.RunAsync(["sweep", "x.json", "--workers", "zero"], output, error);

        Assert.Equal(2, code);
        Assert.Contains("usage: backtest sweep SWEEP.json", error.ToString(), StringComparison.Ordinal);
    }
}
