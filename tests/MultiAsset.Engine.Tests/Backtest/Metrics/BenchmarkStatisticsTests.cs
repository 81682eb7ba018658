using MultiAsset.Engine.Backtest.Metrics;
using static MultiAsset.Engine.Tests.Backtest.Metrics.EquityCurves;

namespace MultiAsset.Engine.Tests.Backtest.Metrics;

public sealed class BenchmarkStatisticsTests
{
    /// <summary>
    /// Strategy 100, 110, 99, 120: p = 0.1, −0.1, 0.2121…; benchmark 100, 105, 100, 110: b = 0.05, −0.047619…, 0.1.
    /// means 0.0707070…, 0.0341269…; sample cov(p, b) = 0.0118133…, var(b) = 0.00561104…, beta = 2.10535458507…;
    /// alpha = 252 × (mean p − beta × mean b) = −0.287867613…; active a = p − b = 0.05, −0.052381…, 0.112121…;
    /// tracking error = std(a) × √252 = 1.31866538376…; IR = mean(a) × 252 / TE = 6.99053901899…;
    /// correlation 0.99973581058….
    /// </summary>
    [Fact]
    public void From_SameDays_MatchesTheHandComputedFigures()
    {
        var m = PerformanceCalculator.Compute(new PerformanceInput { Equity = Daily(100, 110, 99, 120), Benchmark = Daily(100, 105, 100, 110) });
        var b = m.Benchmark!;

        Assert.Equal(3, b.AlignedPeriods);
        Near(0.1, b.BenchmarkTotalReturn);
        Near(2.105354585072989, b.Beta, 1e-10);
        Near(-0.2878676134458731, b.Alpha, 1e-10);
        Near(1.3186653837622868, b.TrackingError, 1e-10);
        Near(6.990539018990105, b.InformationRatio, 1e-10);
        Near(0.9997358105797224, b.Correlation, 1e-10);
    }

    /// <summary>The strategy is its own benchmark: beta 1, alpha 0, correlation 1, tracking error 0, IR null.</summary>
    [Fact]
    public void From_ItselfAsBenchmark_BetaOne_ZeroTrackingError()
    {
        var curve = Daily(100, 110, 99, 120, 118);
        var b = PerformanceCalculator.Compute(new PerformanceInput { Equity = curve, Benchmark = curve, RiskFreeRate = 0.03 }).Benchmark!;

        Near(1, b.Beta);
        Near(0, b.Alpha);
        Near(1, b.Correlation);
        Near(0, b.TrackingError);
        Assert.Null(b.InformationRatio);
    }

    /// <summary>
    /// As-of alignment: a benchmark sampled at noon of days 1..3 gives each strategy close (21:00) the value of that day's
    /// noon; the strategy's day 0 close precedes every benchmark sample, so the first period is left out (2 aligned).
    /// </summary>
    [Fact]
    public void From_BenchmarkStartingLater_UsesAsOfValues_AndSkipsUnalignedPeriods()
    {
        var noon = Start + Day - (9 * Hour);
        EquitySample[] benchmark = [At(noon, 200), At(noon + Day, 220), At(noon + (2 * Day), 198)];
        var b = PerformanceCalculator.Compute(new PerformanceInput { Equity = Daily(100, 110, 99, 120), Benchmark = benchmark }).Benchmark!;

        Assert.Equal(2, b.AlignedPeriods);
        Near((198 / 200.0) - 1, b.BenchmarkTotalReturn);
        // p = −0.1, 0.2121…; b = 0.1, −0.1: two points on a line ⇒ correlation −1.
        Near(-1, b.Correlation);
    }

    /// <summary>A flat benchmark has no variance: beta and alpha are null.</summary>
    [Fact]
    public void From_FlatBenchmark_BetaNull()
    {
        var b = PerformanceCalculator.Compute(new PerformanceInput { Equity = Daily(100, 110, 99, 120), Benchmark = Daily(50, 50, 50, 50) }).Benchmark!;

        Assert.Null(b.Beta);
        Assert.Null(b.Alpha);
        Assert.Null(b.Correlation);
        Near(0, b.BenchmarkTotalReturn);
        Near(2.5099032501411034, b.TrackingError); // active = p itself
    }

    [Fact]
    public void Compute_NoBenchmark_LeavesItNull() =>
        Assert.Null(PerformanceCalculator.Compute(new PerformanceInput { Equity = Daily(100, 101) }).Benchmark);
}
