using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Tests.MarketData.Analytics;

/// <summary>
/// A replayed bar is stamped at its end and covers [end − interval, end): its prices belong to that interval's
/// analytics bar, and that bar completes at the input bar's own event — so a strategy on the same timeframe acts on
/// bar t after bar t's close, not one bar later.
/// </summary>
public class InputBarTimingTests
{
    private const long Second = 1_000_000_000;
    private const long Minute = 60 * Second;
    private static readonly long Open = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    private static SessionWindow Session(int instrument, long time) => new(Open, Open + (390 * Minute), 20260302);

    private static MarketAnalytics Analytics(int[] timeframes) => new(1, new AnalyticsOptions
    {
        TimeframeSeconds = timeframes,
        HistoryBars = 16,
        ZScoreBars = 5,
        MomentumBars = 3,
        CorrelationUniverse = [0],
        CorrelationIntervalSeconds = 60,
    }, Session);

    private static void Bar(MarketAnalytics analytics, long end, decimal open, decimal high, decimal low, decimal close, decimal volume)
    {
        var evt = default(InputEvent);
        evt.SetBar(new InstrumentId(0), end, Price.FromDecimal(open), Price.FromDecimal(high), Price.FromDecimal(low), Price.FromDecimal(close), Quantity.FromDecimal(volume), 60);
        analytics.Update(in evt);
    }

    [Theory]
    [InlineData(new[] { 60 })]
    [InlineData(new[] { 60, 300 })] // nested: the 1 m bars fold into 5 m bars
    public void AMinuteBar_CompletesTheMinuteBarItCovers_AtItsOwnEvent(int[] timeframes)
    {
        var analytics = Analytics(timeframes);

        Bar(analytics, Open + Minute, 100.00m, 101.00m, 99.50m, 100.50m, 10m); // 09:30–09:31 ET
        Assert.Equal(1, analytics.CompletedBars(new InstrumentId(0), 0));
        Assert.Equal(
            new BarSnapshot(Open, Open + Minute, Price.FromDecimal(100.00m), Price.FromDecimal(101.00m), Price.FromDecimal(99.50m), Price.FromDecimal(100.50m), Quantity.FromDecimal(10m), 4),
            analytics.LastBar(new InstrumentId(0), 0));

        Bar(analytics, Open + (2 * Minute), 100.50m, 100.80m, 100.10m, 100.20m, 5m);
        Assert.Equal(2, analytics.CompletedBars(new InstrumentId(0), 0));
        Assert.Equal(Price.FromDecimal(100.20m), analytics.LastBar(new InstrumentId(0), 0).Close);
        Assert.Equal(Open + Minute, analytics.LastBar(new InstrumentId(0), 0).Start);
    }

    [Fact]
    public void FiveMinuteBars_CompleteWithTheirFifthMinuteBar()
    {
        var analytics = Analytics([60, 300]);
        for (var k = 1; k <= 5; k++)
        {
            Bar(analytics, Open + (k * Minute), 100m + k, 100.5m + k, 99.5m + k, 100.25m + k, 1m);
            Assert.Equal(k == 5 ? 1 : 0, analytics.CompletedBars(new InstrumentId(0), 1));
        }

        var fiveMinute = analytics.LastBar(new InstrumentId(0), 1);
        Assert.Equal(Open, fiveMinute.Start);
        Assert.Equal(Price.FromDecimal(101m), fiveMinute.Open);
        Assert.Equal(Price.FromDecimal(105.5m), fiveMinute.High);
        Assert.Equal(Price.FromDecimal(100.5m), fiveMinute.Low);
        Assert.Equal(Price.FromDecimal(105.25m), fiveMinute.Close);
        Assert.Equal(Quantity.FromDecimal(5m), fiveMinute.Volume);
    }

    [Fact]
    public void TheSessionsLastBar_EndingAtTheClose_CompletesAtTheClose()
    {
        var analytics = Analytics([60]);
        var close = Open + (390 * Minute);
        Bar(analytics, close, 100m, 100m, 100m, 100m, 1m); // 15:59–16:00 ET
        Assert.Equal(1, analytics.CompletedBars(new InstrumentId(0), 0));
        Assert.Equal(close - Minute, analytics.LastBar(new InstrumentId(0), 0).Start);
        Assert.Equal(close, analytics.LastBar(new InstrumentId(0), 0).End);
    }
}
