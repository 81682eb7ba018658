using MultiAsset.Host.RiskAnalysis;

namespace MultiAsset.Host.Tests.RiskAnalysis;

/// <summary>The correlation report on hand-computed matrices: ρ from covariances, breaks only when warm and beyond the threshold.</summary>
public sealed class CorrelationReportTests
{
    // Live Σ = [[4, 2], [2, 9]] → ρ = 2 / (2·3) = 1/3. Long-run Σ = [[1, −0.5], [−0.5, 1]] → ρ = −0.5. Change 5/6.
    private static RiskInputs Inputs(long updates, double[]? live = null) => new(
        1_772_463_600_000_000_000, [new("SPY", "STOCK", "USD"), new("BTCUSD", "CRYPTO", "USD"), new("TLT", "STOCK", "USD")],
        live ?? [4, 2, 0, 2, 9, 0, 0, 0, 0], [1, -0.5, 0, -0.5, 1, 0, 0, 0, 0], updates, 60, 0.94, 0.995, []);

    [Fact]
    public void Correlations_come_from_the_covariances_and_are_null_where_a_variance_is_zero()
    {
        var report = CorrelationReport.Build(Inputs(100), 0.3);

        Assert.Equal(1.0 / 3.0, report.Correlation[0][1]!.Value, 15);
        Assert.Equal(1.0 / 3.0, report.Correlation[1][0]!.Value, 15);
        Assert.Equal(1.0, report.Correlation[0][0]!.Value, 15);
        Assert.Equal(-0.5, report.LongRunCorrelation[0][1]!.Value, 15);
        Assert.Null(report.Correlation[0][2]);
        Assert.Null(report.Correlation[2][2]);
        Assert.Equal([2.0, 3.0, 0.0], report.Volatility);
        Assert.Equal(["SPY", "BTCUSD", "TLT"], report.Instruments);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero), report.AsOf);
    }

    [Fact]
    public void A_pair_beyond_the_threshold_breaks_once_warm()
    {
        // Warm at ⌈2 / (1 − 0.94)⌉ = 34 intervals.
        Assert.Empty(CorrelationReport.Build(Inputs(33), 0.3).Breaks);

        var report = CorrelationReport.Build(Inputs(34), 0.3);

        Assert.True(report.Warm);
        var item = Assert.Single(report.Breaks);
        Assert.Equal(("SPY", "BTCUSD"), (item.A, item.B));
        Assert.Equal((1.0 / 3.0) + 0.5, item.Change, 15);
        Assert.Empty(CorrelationReport.Build(Inputs(34), 0.84).Breaks);
    }

    [Fact]
    public void The_watch_keeps_the_latest_report_and_its_largest_change()
    {
        var watch = new CorrelationWatch(logger: null);

        watch.Observe(Inputs(40));

        Assert.Equal(1, watch.Breaks);
        Assert.Equal((1.0 / 3.0) + 0.5, watch.LargestChange, 15);
        watch.Observe(Inputs(41, live: [1, -0.5, 0, -0.5, 1, 0, 0, 0, 0]));
        Assert.Equal(0, watch.Breaks);
        Assert.Equal(0, watch.LargestChange, 15);
    }
}
