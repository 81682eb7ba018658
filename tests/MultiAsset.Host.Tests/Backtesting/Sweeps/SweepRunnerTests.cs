using System.Globalization;
using MultiAsset.Host.Backtesting.Sweeps;

namespace MultiAsset.Host.Tests.Backtesting.Sweeps;

/// <summary>Sweeps of SmaCross over the vendor minute-bar fixture, end to end (import once, parallel engines, tables, resume, walk-forward).</summary>
public sealed class SweepRunnerTests
{
    private static int Column(string[] header, string name) => Array.IndexOf(header, name);

    [Fact]
    public async Task Run_TwoByTwoGridOnTwoWorkers_WritesRankedTablesAndResumes()
    {
        using var folder = new TempDirectory();
        SweepFixtures.WriteBacktest(folder.Path, 3 * 1440);
        var path = SweepFixtures.WriteSweep(folder.Path, """ "grid": { "fast": [5, 10], "slow": [30, 60] }, "metric": "totalReturn", "workers": 2 """);
        var spec = SweepSpecReader.Load(path);

        var first = await SweepRunner.RunAsync(spec);

        Assert.Equal((4, 0), (first.Ran, first.Resumed));
        Assert.Equal(4, Directory.GetDirectories(Path.Combine(spec.Output, "runs")).Length);
        Assert.All(first.Ranked, r => Assert.Equal(SweepRunStatus.Ok, r.Status));
        var lines = File.ReadAllLines(Path.Combine(spec.Output, "sweep.csv"));
        Assert.Equal(5, lines.Length);
        var header = lines[0].Split(',');
        var returns = lines.Skip(1).Select(l => double.Parse(l.Split(',')[Column(header, "totalReturn")], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(returns.OrderDescending(), returns);
        Assert.True(first.Ranked.Sum(r => r.Metrics!.Trades) > 4, "the strategy should trade");
        Assert.True(File.Exists(Path.Combine(spec.Output, "sweep.json")));
        Assert.False(File.Exists(Path.Combine(spec.Output, "runs", first.Ranked[0].RunId, "report.html")));

        var second = await SweepRunner.RunAsync(spec);

        Assert.Equal((0, 4), (second.Ran, second.Resumed));
        Assert.Equal(lines, File.ReadAllLines(Path.Combine(spec.Output, "sweep.csv")));
    }

    [Fact]
    public async Task Run_OneWorkerOrTwo_WritesTheSameSweepCsvBytes()
    {
        using var folder = new TempDirectory();
        SweepFixtures.WriteBacktest(folder.Path, 1440);
        var path = SweepFixtures.WriteSweep(folder.Path, """ "grid": { "fast": [3, 5, 8], "slow": [20, 40] }, "metric": "sharpe" """);

        await SweepRunner.RunAsync(SweepSpecReader.Load(path, Path.Combine(folder.Path, "one"), workers: 1));
        await SweepRunner.RunAsync(SweepSpecReader.Load(path, Path.Combine(folder.Path, "two"), workers: 2));

        Assert.Equal(File.ReadAllBytes(Path.Combine(folder.Path, "one", "sweep.csv")), File.ReadAllBytes(Path.Combine(folder.Path, "two", "sweep.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder.Path, "one", "sweep.json")), File.ReadAllBytes(Path.Combine(folder.Path, "two", "sweep.json")));
    }

    [Fact]
    public async Task Run_FastNotBelowSlow_IsRecordedInvalidWithTheStrategysReason()
    {
        using var folder = new TempDirectory();
        SweepFixtures.WriteBacktest(folder.Path, 600);
        var path = SweepFixtures.WriteSweep(folder.Path, """ "grid": { "fast": [5, 40], "slow": [30] }, "workers": 2 """);

        var outcome = await SweepRunner.RunAsync(SweepSpecReader.Load(path));

        Assert.Equal([SweepRunStatus.Ok, SweepRunStatus.Invalid], outcome.Ranked.Select(r => r.Status));
        var invalid = outcome.Ranked[1];
        Assert.Equal("fast=40 slow=30", invalid.Parameters.ToString());
        Assert.Contains("must be less than slow", invalid.Reason, StringComparison.Ordinal);
        var row = File.ReadAllLines(Path.Combine(outcome.Output, "sweep.csv"))[2];
        Assert.Contains(",invalid,", row, StringComparison.Ordinal);
        Assert.Contains("must be less than slow", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WalkForward_WritesWindowsAndTheStitchedEquity()
    {
        using var folder = new TempDirectory();
        SweepFixtures.WriteBacktest(folder.Path, 3 * 1440);
        var path = SweepFixtures.WriteSweep(folder.Path, """
            "grid": { "fast": [5, 10], "slow": [30] }, "metric": "totalReturn", "workers": 2,
            "walkForward": { "inSample": "1d", "outOfSample": "12h" }
            """);

        var outcome = await SweepRunner.RunAsync(SweepSpecReader.Load(path));

        Assert.Equal(4, outcome.Windows!.Count);
        Assert.Equal(4 * 2 + 4, outcome.Ran);
        var windows = File.ReadAllLines(Path.Combine(outcome.Output, "walkforward.csv"));
        Assert.Equal(5, windows.Length);
        Assert.StartsWith("w01,2024-01-02T00:0", windows[1], StringComparison.Ordinal);
        Assert.All(outcome.Windows, w => Assert.Equal(SweepRunStatus.Ok, w.OutOfSample!.Status));
        Assert.True(File.Exists(Path.Combine(outcome.Output, "windows", "w01.csv")));

        var equity = File.ReadAllLines(Path.Combine(outcome.Output, "walkforward-equity.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["w01", "w02", "w03", "w04"], equity.Select(e => e[1]).Distinct());
        var times = equity.Select(e => DateTimeOffset.Parse(e[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
        // Compounding the windows' out-of-sample returns gives the stitched curve's end.
        var expected = outcome.Windows.Aggregate(decimal.Parse(equity[0][2], CultureInfo.InvariantCulture), (e, w) => e * (1 + (decimal)w.OutOfSample!.Metrics!.TotalReturn!.Value));
        var end = decimal.Parse(equity[^1][2], CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(end - expected) < 0.01m, $"stitched end {end}, compounded {expected}");
        Assert.NotNull(outcome.Stitched);
        Assert.Equal((double)(end / decimal.Parse(equity[0][2], CultureInfo.InvariantCulture)) - 1, outcome.Stitched!.TotalReturn, 6);
    }

    /// <summary>Cancelled after the first run finishes: the finished run stays, and the next call resumes it.</summary>
    [Fact]
    public async Task Run_Cancelled_KeepsFinishedRunsForTheNextCall()
    {
        using var folder = new TempDirectory();
        SweepFixtures.WriteBacktest(folder.Path, 1440);
        var path = SweepFixtures.WriteSweep(folder.Path, """ "grid": { "fast": [3, 4, 5, 6, 7, 8], "slow": [20] }, "workers": 1 """);
        var spec = SweepSpecReader.Load(path);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SweepRunner.RunAsync(spec, new CancelOnFirst(cancel), cancellationToken: cancel.Token));

        Assert.False(File.Exists(Path.Combine(spec.Output, "sweep.csv")));
        var again = await SweepRunner.RunAsync(spec);
        Assert.InRange(again.Resumed, 1, 5);
        Assert.Equal(6, again.Ran + again.Resumed);
    }

    private sealed class CancelOnFirst(CancellationTokenSource cancel) : ISweepObserver
    {
        public void Planned(int runs)
        {
        }

        public void Completed(SweepRunRow row) => cancel.Cancel();
    }
}
