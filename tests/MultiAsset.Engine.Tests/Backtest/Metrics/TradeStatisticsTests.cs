using MultiAsset.Engine.Backtest.Metrics;
using MultiAsset.Engine.Model;
using static MultiAsset.Engine.Tests.Backtest.Metrics.EquityCurves;

namespace MultiAsset.Engine.Tests.Backtest.Metrics;

public sealed class TradeStatisticsTests
{
    private static ClosedTrade Trade(decimal pnl, decimal costs, long entry = 0, long exit = Hour, decimal entryValue = 1000, decimal exitValue = 1000) =>
        new(new InstrumentId(0), Start + entry, Start + exit, Quantity.FromDecimal(10), M(entryValue), M(exitValue), M(pnl), M(costs));

    /// <summary>
    /// Net P&amp;L: 32 − 2 = +30, −9 − 1 = −10, 21 − 1 = +20, 1 − 1 = 0 (neither win nor loss).
    /// Count 4, wins 2, losses 1; hit rate 2/4 = 0.5; profit factor (30 + 20) / 10 = 5; average win 25, average loss
    /// −10, payoff 25/10 = 2.5; gross 32 − 9 + 21 + 1 = 45; costs 5; net 40; holding (1 + 2 + 3 + 4)/4 = 2.5 hours;
    /// traded value 4 × (1000 + 1000) = 8000.
    /// </summary>
    [Fact]
    public void From_MixedTrades_MatchesTheHandComputedFigures()
    {
        var s = TradeStatistics.From([Trade(32, 2, 0, Hour), Trade(-9, 1, 0, 2 * Hour), Trade(21, 1, 0, 3 * Hour), Trade(1, 1, 0, 4 * Hour)]);

        Assert.Equal(4, s.TradeCount);
        Assert.Equal(2, s.Wins);
        Assert.Equal(1, s.Losses);
        Assert.Equal(0.5, s.HitRate);
        Assert.Equal(5.0, s.ProfitFactor);
        Assert.Equal(M(25), s.AverageWin);
        Assert.Equal(M(-10), s.AverageLoss);
        Assert.Equal(2.5, s.PayoffRatio);
        Assert.Equal(M(45), s.GrossPnl);
        Assert.Equal(M(5), s.TotalCosts);
        Assert.Equal(M(40), s.NetPnl);
        Assert.Equal(5 * Hour / 2, s.AverageHoldingTimeNs);
        Assert.Equal(M(8000), s.TradedValue);
    }

    [Fact]
    public void From_NoTrades_CountsZero_AndRatiosAreNull()
    {
        var s = TradeStatistics.From([]);

        Assert.Equal(0, s.TradeCount);
        Assert.Null(s.HitRate);
        Assert.Null(s.ProfitFactor);
        Assert.Null(s.AverageWin);
        Assert.Null(s.AverageLoss);
        Assert.Null(s.PayoffRatio);
        Assert.Null(s.AverageHoldingTimeNs);
        Assert.Equal(Money.Zero, s.TotalCosts);
    }

    /// <summary>No losing trade: profit factor would be +∞ and is null; hit rate 1.</summary>
    [Fact]
    public void From_NoLosingTrade_ProfitFactorIsNull()
    {
        var s = TradeStatistics.From([Trade(10, 1), Trade(5, 0)]);

        Assert.Equal(1.0, s.HitRate);
        Assert.Null(s.ProfitFactor);
        Assert.Null(s.PayoffRatio);
        Assert.Equal(M(7), s.AverageWin); // (9 + 5) / 2
    }

    /// <summary>Only losses: profit factor 0, hit rate 0; a gross winner can lose after costs.</summary>
    [Fact]
    public void From_OnlyLosses_ProfitFactorIsZero()
    {
        var s = TradeStatistics.From([Trade(1, 2), Trade(-3, 0)]);

        Assert.Equal(0.0, s.ProfitFactor);
        Assert.Equal(0.0, s.HitRate);
        Assert.Equal(M(-2), s.AverageLoss); // (−1 − 3) / 2
    }

    /// <summary>Averages round half away from zero to 10^-8: (10 + 10.00000001)/2 = 10.000000005 → 10.00000001.</summary>
    [Fact]
    public void AverageWin_RoundsHalfAwayFromZero()
    {
        var s = TradeStatistics.From([Trade(10m, 0), Trade(10.00000001m, 0), Trade(-10m, 0), Trade(-10.00000001m, 0)]);

        Assert.Equal(M(10.00000001m), s.AverageWin);
        Assert.Equal(M(-10.00000001m), s.AverageLoss);
    }

    [Fact]
    public void From_TradeExitingBeforeItEnters_Throws() =>
        Assert.Throws<ArgumentException>(() => TradeStatistics.From([Trade(1, 0, entry: Hour, exit: 0)]));
}
