using MultiAsset.Engine.Backtest.Metrics;
using MultiAsset.Engine.Model;
using static MultiAsset.Engine.Tests.Backtest.Metrics.EquityCurves;

namespace MultiAsset.Engine.Tests.Backtest.Metrics;

public sealed class ExposureStatisticsTests
{
    /// <summary>
    /// Five daily samples at equity 100 (span 4 days), gross exposure 0, 50, 100, 0, 0. Each sample holds until the
    /// next: exposed on days 1 and 2 ⇒ time in market 2/4 = 0.5; average gross exposure (0 + 0.5 + 1 + 0)/4 = 0.375.
    /// Traded value 400 ⇒ turnover 400/100 = 4; annualised 4 × 365.25 / 4 = 365.25.
    /// </summary>
    [Fact]
    public void From_GrossExposureSeries_TimeWeighted()
    {
        var m = PerformanceCalculator.Compute(new PerformanceInput
        {
            Equity = Daily(100, 100, 100, 100, 100),
            GrossExposure = new[] { M(0), M(50), M(100), M(0), M(0) },
            TradedValue = M(400),
        });

        Near(0.5, m.Exposure.TimeInMarket);
        Near(0.375, m.Exposure.AverageGrossExposure);
        Near(100, m.Exposure.AverageEquity);
        Near(4, m.Exposure.Turnover);
        Near(365.25, m.Exposure.AnnualisedTurnover);
    }

    /// <summary>
    /// Without an exposure series the trades' intervals count: [0.5, 1.5] ∪ [1, 2] ∪ [3.5, 5 → clipped to 4] days =
    /// 1.5 + 0.5 = 2 of 4 days ⇒ 0.5; turnover from the trades: (3 × (100 + 100)) / 100 = 6.
    /// </summary>
    [Fact]
    public void From_NoExposureSeries_UsesTheUnionOfTradeIntervals()
    {
        ClosedTrade Trade(double from, double to) =>
            new(new InstrumentId(0), Start + (long)(from * Day), Start + (long)(to * Day), Quantity.FromDecimal(1), M(100), M(100), M(1), M(0));

        var m = PerformanceCalculator.Compute(new PerformanceInput
        {
            Equity = Daily(100, 100, 100, 100, 100),
            Trades = [Trade(1, 2), Trade(0.5, 1.5), Trade(3.5, 5)],
        });

        Near(0.5, m.Exposure.TimeInMarket);
        Assert.Null(m.Exposure.AverageGrossExposure);
        Near(6, m.Exposure.Turnover);
    }

    /// <summary>Time-weighted average equity: 100 for 1 day then 200 for 3 days (last sample carries no weight) = 175.</summary>
    [Fact]
    public void AverageEquity_IsTimeWeighted()
    {
        EquitySample[] equity = [At(Start, 100), At(Start + Day, 200), At(Start + (4 * Day), 999)];
        var m = PerformanceCalculator.Compute(new PerformanceInput { Equity = equity, TradedValue = M(350) });

        Near(175, m.Exposure.AverageEquity);
        Near(2, m.Exposure.Turnover);
    }
}
