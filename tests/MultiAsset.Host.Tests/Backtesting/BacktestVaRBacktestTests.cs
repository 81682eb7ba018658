using System.Text.Json;
using MultiAsset.Engine.Risk.Analytics.Measures;
using MultiAsset.Host.Backtesting;

namespace MultiAsset.Host.Tests.Backtesting;

public sealed class BacktestVaRBacktestTests
{
    /// <summary>
    /// Hand-computed: day 1 holds 1 000 of X at 100 with VaR 50; X closes the day at 94, so the static book loses 60
    /// (an exception) and the equity fell 60 too. Day 2 holds 940 at 94 with VaR 40; X ends at 96: +20, no exception,
    /// though trading cost the account 5 (actual +15). Day 3 has no forecast (left out, counted).
    /// </summary>
    [Fact]
    public void Build_HandComputedDays_CountsExceptionsOnBothSeries()
    {
        static VaRDayMark Mark(long day, decimal equity, double? var, decimal exposure, decimal mark, decimal next)
            => new(day * 86_400_000_000_000, [new VaRAccountMark("a", "USD", equity, var, var is null ? "warming up" : null, exposure == 0 ? [] : [new VaRPositionMark("X", exposure, mark)], 0)],
                new Dictionary<string, decimal> { ["X"] = next });

        var marks = new[]
        {
            Mark(19_725, 1000m, 50, 1000m, 100m, 100m),
            Mark(19_726, 940m, 40, 940m, 94m, 94m),
            Mark(19_727, 955m, null, 955m, 96m, 96m),
            Mark(19_728, 900m, 30, 900m, 90m, 90m),
        };

        var test = Assert.Single(BacktestVaRBacktest.Build(marks, 0.99));

        Assert.Equal(1, test.DaysWithoutForecast);
        Assert.Equal(["2024-01-03", "2024-01-04"], test.Days.Select(d => d.Date));
        Assert.Equal([-60m, 20m], test.Days.Select(d => d.HypotheticalPnl));
        Assert.Equal([-60m, 15m], test.Days.Select(d => d.ActualPnl));
        Assert.Equal([true, false], test.Days.Select(d => d.HypotheticalException));
        Assert.Equal([true, false], test.Days.Select(d => d.ActualException));
        Assert.Equal(2, test.Hypothetical!.Observations);
        Assert.Equal(1, test.Hypothetical.Exceptions);
        Assert.Equal(VaRBacktest.Run([-60, 20], [50, 40], 0.99).KupiecPValue, test.Hypothetical.KupiecPValue);
    }

    /// <summary>Fewer than two boundaries: no observation, no tests, and a note that says why.</summary>
    [Fact]
    public void Build_OneBoundary_GivesANoteInsteadOfTests()
    {
        var marks = new[] { new VaRDayMark(0, [new VaRAccountMark("a", "USD", 1000m, 0, null, [], 0)], new Dictionary<string, decimal>()) };

        var test = Assert.Single(BacktestVaRBacktest.Build(marks, 0.99));

        Assert.Empty(test.Days);
        Assert.Null(test.Hypothetical);
        Assert.Contains("two UTC day boundaries", test.Note, StringComparison.Ordinal);
    }

    /// <summary>
    /// Six days of vendor minute bars through the live engine: a forecast at every UTC midnight, the day-start marks are
    /// the closes of the last bars before midnight (from the fixture's own formula), each hypothetical P&amp;L is the
    /// day-start exposure times the day's return, and result.json carries the tests.
    /// </summary>
    [Fact]
    public async Task Run_SixDaysOfBars_TestsTheEnginesOwnDailyVaR()
    {
        using var folder = new TempDirectory();
        BacktestFixtures.WriteBars(folder.Path, 6 * 1440);
        File.WriteAllText(Path.Combine(folder.Path, "spec.json"), BacktestFixtures.Spec());
        var result = await BacktestRunner.RunAsync(BacktestSpecReader.Load(Path.Combine(folder.Path, "spec.json"), null));

        var test = Assert.Single(result.VarBacktest);
        Assert.Equal("btc", test.Account);
        Assert.Equal(0, test.DaysWithoutForecast);
        Assert.Equal(["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-06", "2024-01-07"], test.Days.Select(d => d.Date));
        Assert.Empty(test.Days[0].Positions);                   // flat at the first event: nothing to lose
        Assert.Equal(0, test.Days[0].ValueAtRisk);
        for (var k = 1; k < test.Days.Count; k++)
        {
            var day = test.Days[k];
            var held = Assert.Single(day.Positions);
            Assert.Equal(Close((k * 1440) - 2), held.Mark);     // the bar that started 23:58 ends 23:59: the last before midnight
            Assert.Equal(Close(((k + 1) * 1440) - 2), held.NextMark);
            Assert.Equal(Math.Round(held.Exposure * ((held.NextMark / held.Mark) - 1), 2), day.HypotheticalPnl);
            Assert.True(day.ValueAtRisk > 0);
        }

        Assert.Equal(test.Days.Count, test.Hypothetical!.Observations);
        Assert.Equal(test.Days.Count(d => d.HypotheticalException), test.Hypothetical.Exceptions);
        Assert.Equal(test.Days.Count(d => d.ActualException), test.Actual!.Exceptions);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, "out", "result.json")));
        var written = json.RootElement.GetProperty("varBacktest")[0];
        Assert.Equal(test.Days.Count, written.GetProperty("days").GetArrayLength());
        Assert.Equal(test.Hypothetical.Exceptions, written.GetProperty("hypothetical").GetProperty("exceptions").GetInt32());
    }

    private static decimal Close(int i) => Math.Round(42_000m + (decimal)(1500 * Math.Sin(i / 240.0)) + (decimal)(40 * Math.Sin(i * 0.7)), 2);
}
