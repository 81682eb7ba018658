using MultiAsset.Engine.Backtest.Metrics;
using MultiAsset.Engine.Model;
using static MultiAsset.Engine.Tests.Backtest.Metrics.EquityCurves;

namespace MultiAsset.Engine.Tests.Backtest.Metrics;

/// <summary>Every return-based metric on hand-computed curves (docs/backtest-metrics.md), and the edge cases.</summary>
public sealed class PerformanceCalculatorTests
{
    private static PerformanceMetrics Compute(EquitySample[] equity, double riskFree = 0, AnnualisationBasis? basis = null) =>
        PerformanceCalculator.Compute(new PerformanceInput { Equity = equity, RiskFreeRate = riskFree, Basis = basis ?? AnnualisationBasis.DailyStocks });

    /// <summary>
    /// Equity 100, 110, 99, 120 on four consecutive days (one sample a day), rf = 0, 252 periods:
    /// returns r = 0.1, −0.1, 120/99 − 1 = 0.212121…;
    /// mean = 0.212121…/3 = 0.0707070707…;
    /// deviations 0.0292929…, −0.1707070…, 0.1414141…; Σ squares = 0.0499969…; ÷ (n − 1 = 2) → variance 0.024998469…,
    /// sample std = 0.158109043207…;
    /// volatility = std × √252 = 2.50990325014…; Sharpe = mean / std × √252 = 7.09915086056…;
    /// downside deviation (target 0, all 3 periods) = √(0.1² / 3) = 0.0577350269…; Sortino = mean / dd × √252 = 19.4412302210…;
    /// total return 120/100 − 1 = 0.2; max drawdown (110 → 99) = 11/110 = 0.1, 11 in money, peak day 1, trough day 2,
    /// recovered day 3 (120 ≥ 110) ⇒ duration 2 days; CAGR over 3 days = 1.2^(365.25/3) − 1; Calmar = CAGR / 0.1.
    /// </summary>
    [Fact]
    public void Compute_FourDailySamples_MatchesTheHandComputedFigures()
    {
        var m = Compute(Daily(100, 110, 99, 120));

        Assert.Equal(3, m.Periods);
        Near(0.2, m.TotalReturn);
        Assert.Equal(M(20), m.Pnl);
        Near(0.0707070707070707, m.MeanPeriodReturn);
        Near(2.5099032501411034, m.AnnualisedVolatility);
        Near(7.099150860568075, m.Sharpe);
        Near(19.441230221024778, m.Sortino);
        Near(Math.Pow(1.2, 365.25 / 3) - 1, m.Cagr);
        Near((Math.Pow(1.2, 365.25 / 3) - 1) / 0.1, m.Calmar);
        Near(0.1, m.Drawdown.MaxDrawdown);
        Assert.Equal(M(11), m.Drawdown.MaxDrawdownMoney);
        Assert.Equal(Start + Day, m.Drawdown.PeakTimeNs);
        Assert.Equal(Start + (2 * Day), m.Drawdown.TroughTimeNs);
        Assert.Equal(Start + (3 * Day), m.Drawdown.RecoveryTimeNs);
        Assert.Equal(2 * Day, m.Drawdown.MaxDrawdownDurationNs);
        Assert.True(m.Drawdown.Recovered);
        Assert.False(m.Ruined);
    }

    /// <summary>
    /// Same curve, rf = 5 % a year: f = 1.05^(1/252) − 1 = 0.000193630506543…;
    /// Sharpe = (mean − f) / std × √252 = 7.07970991691…; downside below f: shortfalls −0.1 − f only ⇒
    /// dd = (0.1 + f)/√3, Sortino = (mean − f) / dd × √252 = 19.3505221198….
    /// </summary>
    /// <summary>
    /// 100 → 1 000 in one microsecond annualises to 10^(3.16e13): beyond the double range, so CAGR (and Calmar, built
    /// on it) is null, never ∞ (FsCheck found it: equity scaled by a constant compared ∞ with ∞).
    /// </summary>
    [Fact]
    public void Compute_GainOverMicroseconds_CagrIsNullNotInfinite()
    {
        var m = Compute([At(Start, 100), At(Start + 1_000, 1_000)]);
        Assert.Equal(9.0, m.TotalReturn, 12);
        Assert.Null(m.Cagr);
        Assert.Null(m.Calmar);
    }

    [Fact]
    public void Compute_WithRiskFreeRate_SubtractsTheCompoundedPeriodRate()
    {
        var m = Compute(Daily(100, 110, 99, 120), riskFree: 0.05);

        Near(Math.Pow(1.05, 1 / 252.0) - 1, ReturnStatistics.PeriodRiskFreeRate(0.05, 252));
        Near(7.079709916919615, m.Sharpe);
        Near(19.350522119839802, m.Sortino);
        Near(2.5099032501411034, m.AnnualisedVolatility);
    }

    /// <summary>100 → 121 over exactly two 365.25-day years: CAGR = 1.21^(1/2) − 1 = 0.1.</summary>
    [Fact]
    public void Cagr_OverTwoYearsOf365_25Days_IsTheGeometricMean()
    {
        var span = (long)(2 * PerformanceCalculator.NanosecondsPerYear);
        var m = Compute([At(Start, 100), At(Start + span, 121)]);

        Near(0.1, m.Cagr);
        Near(0.21, m.TotalReturn);
        Assert.Null(m.Calmar); // no drawdown
    }

    /// <summary>
    /// Intraday samples, daily UTC periods: day 1 100 (21:00), 105 (23:00); day 2 90, 110 (23:59); day 3 121.
    /// Levels: open 100, closes 105, 110, 121 ⇒ returns 0.05, 110/105 − 1, 0.1. The drawdown is measured on every
    /// sample: 105 → 90 = 15/105 = 0.142857…, from day 1 23:00 to recovery at day 2 23:59.
    /// </summary>
    [Fact]
    public void DailyUtc_TakesEachDaysLastSample_ButDrawdownSeesEverySample()
    {
        var day2 = Start + (3 * Hour); // 00:00 UTC of the next day
        EquitySample[] equity =
        [
            At(Start, 100), At(Start + (2 * Hour), 105),
            At(day2 + (10 * Hour), 90), At(day2 + (23 * Hour) + (59 * 60_000_000_000L), 110),
            At(day2 + Day + Hour, 121),
        ];

        var m = Compute(equity);

        Assert.Equal(3, m.Periods);
        Near((0.05 + (110 / 105.0) - 1 + 0.1) / 3, m.MeanPeriodReturn);
        Near(15 / 105.0, m.Drawdown.MaxDrawdown);
        Assert.Equal(M(15), m.Drawdown.MaxDrawdownMoney);
        Assert.Equal(equity[3].TimestampNs - equity[1].TimestampNs, m.Drawdown.MaxDrawdownDurationNs);
    }

    /// <summary>The every-sample basis keeps each sample: 4 samples in one day are 3 periods.</summary>
    [Fact]
    public void EverySample_ReturnsBetweenConsecutiveSamples()
    {
        EquitySample[] equity = [At(Start, 100), At(Start + 60_000_000_000, 101), At(Start + 120_000_000_000, 100), At(Start + 180_000_000_000, 102)];

        var daily = Compute(equity);
        var bars = Compute(equity, basis: new AnnualisationBasis(ReturnPeriod.EverySample, 252 * 390));

        Assert.Equal(1, daily.Periods);
        Assert.Equal(3, bars.Periods);
        Near((0.01 + ((100 / 101.0) - 1) + 0.02) / 3, bars.MeanPeriodReturn);
    }

    [Fact]
    public void Compute_OneSample_LeavesEveryRatioNull()
    {
        var m = Compute(Daily(100));

        Assert.Equal(0, m.Periods);
        Assert.Equal(0, m.TotalReturn);
        Assert.Null(m.Cagr);
        Assert.Null(m.MeanPeriodReturn);
        Assert.Null(m.AnnualisedVolatility);
        Assert.Null(m.Sharpe);
        Assert.Null(m.Sortino);
        Assert.Null(m.Calmar);
        Assert.Equal(0, m.Drawdown.MaxDrawdown);
        Assert.Null(m.Exposure.TimeInMarket);
    }

    /// <summary>Flat equity: volatility 0, so Sharpe and Sortino are null (not ±∞ or NaN); no drawdown, so Calmar is null.</summary>
    [Fact]
    public void Compute_ConstantEquity_ZeroVolatility_NullRatios()
    {
        var m = Compute(Daily(100, 100, 100, 100));

        Assert.Equal(0, m.AnnualisedVolatility);
        Assert.Null(m.Sharpe);
        Assert.Null(m.Sortino);
        Assert.Equal(0, m.Cagr);
        Assert.Null(m.Calmar);
        Assert.Equal(0, m.Drawdown.MaxDrawdown);
        Assert.Null(m.Drawdown.PeakTimeNs);
    }

    /// <summary>Only gains: no downside at rf = 0, so Sortino is null, while Sharpe is defined (returns 0.1, 0.2).</summary>
    [Fact]
    public void Compute_OnlyGains_SortinoNull_SharpeDefined()
    {
        var m = Compute(Daily(100, 110, 132));

        Assert.Null(m.Sortino);
        // mean 0.15, sample std = √((0.05² + 0.05²)/1) = 0.0707106781…, Sharpe = 0.15 / 0.0707… × √252.
        Near(0.15 / Math.Sqrt(0.005) * Math.Sqrt(252), m.Sharpe);
    }

    /// <summary>
    /// 100, 50, −5, 10: the period into −5 is kept (return −5/50 − 1 = −1.1) and the series stops there (Ruined, 2 periods);
    /// the drawdown is capped at 1 (a total loss) with 105 in money, unrecovered.
    /// </summary>
    [Fact]
    public void Compute_EquityGoesNegative_CutsReturnsAtTheRuin_AndCapsTheDrawdown()
    {
        var m = Compute(Daily(100, 50, -5, 10));

        Assert.True(m.Ruined);
        Assert.Equal(2, m.Periods);
        Near((-0.5 - 1.1) / 2, m.MeanPeriodReturn);
        Assert.Equal(1.0, m.Drawdown.MaxDrawdown);
        Assert.Equal(M(105), m.Drawdown.MaxDrawdownMoney);
        Assert.False(m.Drawdown.Recovered);
        Assert.Equal(3 * Day, m.Drawdown.MaxDrawdownDurationNs);
        Assert.Equal(-0.9, m.TotalReturn, 12);
    }

    [Fact]
    public void Compute_RejectsBadInput()
    {
        Assert.Throws<ArgumentException>(() => Compute([]));
        Assert.Throws<ArgumentException>(() => Compute(Daily(0, 100)));
        Assert.Throws<ArgumentException>(() => Compute([At(Start + Day, 100), At(Start, 101)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Compute(Daily(100, 101), basis: new AnnualisationBasis(ReturnPeriod.DailyUtc, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Compute(Daily(100, 101), riskFree: double.NaN));
        Assert.Throws<ArgumentException>(() => PerformanceCalculator.Compute(new PerformanceInput
        {
            Equity = Daily(100, 101),
            GrossExposure = new[] { M(1) },
        }));
    }

    /// <summary>Periods per year: stocks 252, FX 260, crypto 365; a mixed set takes the busiest calendar; none ⇒ 252.</summary>
    [Fact]
    public void AnnualisationBasis_DailyFor_UsesTheBusiestCalendar()
    {
        Assert.Equal(252, AnnualisationBasis.DailyFor([AssetClass.Stock]).PeriodsPerYear);
        Assert.Equal(260, AnnualisationBasis.DailyFor([AssetClass.Forex]).PeriodsPerYear);
        Assert.Equal(365, AnnualisationBasis.DailyFor([AssetClass.Crypto]).PeriodsPerYear);
        Assert.Equal(260, AnnualisationBasis.DailyFor([AssetClass.Stock, AssetClass.Forex]).PeriodsPerYear);
        Assert.Equal(365, AnnualisationBasis.DailyFor([AssetClass.Stock, AssetClass.Crypto, AssetClass.Forex]).PeriodsPerYear);
        Assert.Equal(252, AnnualisationBasis.DailyFor([]).PeriodsPerYear);
        Assert.Equal(ReturnPeriod.DailyUtc, AnnualisationBasis.DailyFor([AssetClass.Crypto]).Period);
        Assert.Equal(ReturnPeriod.DailyNewYork1700, AnnualisationBasis.DailyFor([AssetClass.Forex]).Period);
    }

    /// <summary>Annualisation scales Sharpe by √P: the same curve at 365 periods is √(365/252) times the 252 figure.</summary>
    [Fact]
    public void Sharpe_ScalesWithTheSquareRootOfPeriodsPerYear()
    {
        var stocks = Compute(Daily(100, 110, 99, 120));
        var crypto = Compute(Daily(100, 110, 99, 120), basis: AnnualisationBasis.DailyFor([AssetClass.Crypto]));

        Near(7.099150860568075 * Math.Sqrt(365 / 252.0), crypto.Sharpe);
        Near(stocks.AnnualisedVolatility!.Value * Math.Sqrt(365 / 252.0), crypto.AnnualisedVolatility);
    }
}
