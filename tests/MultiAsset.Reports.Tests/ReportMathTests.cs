namespace MultiAsset.Reports.Tests;

public sealed class ReportMathTests
{
    private static TimedValue At(string time, double value) => new(DateTime.Parse(time, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), value);

    [Fact]
    public void MonthlyReturns_TenPercentUpThenTenPercentDown_GivesPlusAndMinusTen()
    {
        // 100 → 110 in January (through a dip: compounding within the month gives the close-to-close ratio),
        // 110 → 99 in February: +10 % and −10 %.
        TimedValue[] equity =
        [
            At("2024-01-01T00:00:00Z", 100), At("2024-01-01T18:00:00Z", 104), At("2024-01-15T12:00:00Z", 95), At("2024-01-31T23:00:00Z", 110),
            At("2024-02-02T12:00:00Z", 120), At("2024-02-29T12:00:00Z", 99),
        ];

        var months = ReportMath.MonthlyReturns(equity);

        Assert.Equal(2, months.Count);
        Assert.Equal((2024, 1), (months[0].Year, months[0].Month));
        Assert.Equal(0.10, months[0].Return, 12);
        Assert.Equal((2024, 2), (months[1].Year, months[1].Month));
        Assert.Equal(-0.10, months[1].Return, 12);
    }

    [Fact]
    public void MonthlyReturns_AcrossYears_KeepsEachYearsMonthApart()
    {
        TimedValue[] equity = [At("2023-12-31T00:00:00Z", 100), At("2023-12-31T12:00:00Z", 100), At("2024-01-15T00:00:00Z", 105), At("2024-12-31T00:00:00Z", 84)];

        var months = ReportMath.MonthlyReturns(equity);

        Assert.Equal([(2023, 12, 0.0), (2024, 1, 0.05), (2024, 12, -0.2)], months.Select(m => (m.Year, m.Month, Math.Round(m.Return, 12))).ToArray());
    }

    [Fact]
    public void DailyReturns_FirstDayWithOneSample_HasNoReturnAndDaysCloseAtTheirLastSample()
    {
        // docs/backtest-metrics.md: equity 100, 110, 99, 120 on four days gives r = 0.1, −0.1, 0.2121…
        TimedValue[] equity = [At("2024-01-01T10:00:00Z", 100), At("2024-01-02T09:00:00Z", 50), At("2024-01-02T23:59:00Z", 110), At("2024-01-03T10:00:00Z", 99), At("2024-01-05T10:00:00Z", 120)];

        var returns = ReportMath.DailyReturns(equity);

        Assert.Equal([new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 3), new DateOnly(2024, 1, 5)], returns.Select(r => r.Day).ToArray());
        Assert.Equal(0.1, returns[0].Return, 12);
        Assert.Equal(-0.1, returns[1].Return, 12);
        Assert.Equal(120.0 / 99 - 1, returns[2].Return, 12);
    }

    [Fact]
    public void DailyReturns_FirstDayWithSeveralSamples_RunsFromTheFirstSample()
    {
        TimedValue[] equity = [At("2024-01-01T00:00:00Z", 100), At("2024-01-01T12:00:00Z", 102)];

        var returns = ReportMath.DailyReturns(equity);

        Assert.Equal(0.02, Assert.Single(returns).Return, 12);
    }

    [Fact]
    public void RollingSharpe_HandComputedWindow_MatchesMetricsDocCase()
    {
        // docs/backtest-metrics.md hand case: r = 0.1, −0.1, 0.2121…, rf = 0, P = 252 → Sharpe 7.09915…
        DailyReturn[] returns = [new(new DateOnly(2024, 1, 2), 0.1), new(new DateOnly(2024, 1, 3), -0.1), new(new DateOnly(2024, 1, 4), 120.0 / 99 - 1)];

        var sharpe = ReportMath.RollingSharpe(returns, 3, 252, 0);

        var (day, value) = Assert.Single(sharpe);
        Assert.Equal(new DateOnly(2024, 1, 4), day);
        Assert.Equal(7.09915, value, 4);
    }

    [Fact]
    public void RollingSharpe_RiskFreeRate_IsCompoundedPerPeriod()
    {
        DailyReturn[] returns = [new(new DateOnly(2024, 1, 2), 0.01), new(new DateOnly(2024, 1, 3), 0.03)];
        var f = Math.Pow(1.04, 1.0 / 252) - 1;

        var (_, value) = Assert.Single(ReportMath.RollingSharpe(returns, 2, 252, 0.04));

        Assert.Equal((0.02 - f) / Math.Sqrt(0.0002) * Math.Sqrt(252), value, 9);
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(5, 0)]
    [InlineData(6, 3)]
    [InlineData(11, 5)]
    [InlineData(125, 62)]
    [InlineData(126, 63)]
    [InlineData(1000, 63)]
    public void RollingWindow_AdaptsToShortRuns(int returns, int window) => Assert.Equal(window, ReportMath.RollingWindow(returns));

    [Fact]
    public void Drawdowns_FromRunningPeak()
    {
        TimedValue[] equity = [At("2024-01-01T00:00:00Z", 100), At("2024-01-02T00:00:00Z", 110), At("2024-01-03T00:00:00Z", 99), At("2024-01-04T00:00:00Z", 120)];

        Assert.Equal([0, 0, -0.1, 0], ReportMath.Drawdowns(equity).Select(d => Math.Round(d, 12)).ToArray());
    }

    [Fact]
    public void SumAsOf_HoldsEachAccountsLastValue()
    {
        var t1 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var t2 = t1.AddHours(1);
        var t3 = t1.AddHours(2);

        var sums = ReportMath.SumAsOf([(t1, "a", [100.0]), (t2, "b", [50.0]), (t3, "a", [90.0])], 1);

        Assert.Equal([(t1, 100.0), (t2, 150.0), (t3, 140.0)], sums.Select(s => (s.Time, s.Values[0])).ToArray());
    }

    [Fact]
    public void DailyChanges_AlignsOnTheUnionOfDaysHoldingValues()
    {
        IReadOnlyList<TimedValue> a = [At("2024-01-01T10:00:00Z", 1), At("2024-01-01T20:00:00Z", 2), At("2024-01-03T10:00:00Z", 5)];
        IReadOnlyList<TimedValue> b = [At("2024-01-02T10:00:00Z", -1)];

        var changes = ReportMath.DailyChanges([a, b]);

        Assert.Equal([2, 0, 3], changes[0]);
        Assert.Equal([0, -1, 0], changes[1]);
    }

    [Fact]
    public void Correlation_PerfectAndOppositeAndConstant()
    {
        Assert.Equal(1, ReportMath.Correlation([1, 2, 3], [2, 4, 6]), 12);
        Assert.Equal(-1, ReportMath.Correlation([1, 2, 3], [3, 2, 1]), 12);
        Assert.True(double.IsNaN(ReportMath.Correlation([1, 1, 1], [1, 2, 3])));
    }
}
