using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using static MultiAsset.Engine.Tests.MarketData.MarketDataTestCatalog;

namespace MultiAsset.Engine.Tests.MarketData.Analytics;

/// <summary>Bars of an exchange-traded instrument follow its session; staleness only counts while the market is open.</summary>
public class SessionBarsTests
{
    private const long Minute = 60_000_000_000;
    private const int Hourly = 2;
    private const int Daily = 3;

    /// <summary>Monday 2026-03-02 09:30 New York (14:30 UTC).</summary>
    private static readonly long Open = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    private readonly MarketDataStage stage = MarketDataStage.Create(Create(), new AnalyticsOptions { StaleAfterNanoseconds = 5 * Minute });

    private void Trade(long time, string price)
    {
        var evt = default(InputEvent);
        evt.SetTrade(new InstrumentId(Stock), time, Price.Parse(price), Quantity.Parse("10"));
        stage.OnEvent(ref evt, 0, true);
        Assert.Equal(MarketDataRejectReason.None, evt.Verdict);
    }

    [Fact]
    public void HourlyBars_StartAtTheOpen_AndTheLastIsCutAtTheClose()
    {
        Trade(Open + Minute, "100.00");             // 09:31 → bar [09:30, 10:30)
        Trade(Open + (59 * Minute), "101.00");      // 10:29 → same bar
        Trade(Open + (61 * Minute), "102.00");      // 10:31 → bar [10:30, 11:30)
        var id = new InstrumentId(Stock);

        var first = stage.Analytics.LastBar(id, Hourly);
        Assert.Equal(Open, first.Start);
        Assert.Equal(Open + (60 * Minute), first.End);
        Assert.Equal(Price.Parse("100.00"), first.Open);
        Assert.Equal(Price.Parse("101.00"), first.Close);
        Assert.Equal(2, first.Updates);

        Trade(Open + (389 * Minute), "103.00");     // 15:59 → bar [15:30, 16:00), shortened by the close
        stage.Analytics.OnTime(Open + (390 * Minute) + 1);

        var last = stage.Analytics.LastBar(id, Hourly);
        Assert.Equal(Open + (360 * Minute), last.Start);
        Assert.Equal(Open + (390 * Minute), last.End);
        Assert.Equal(3, stage.Analytics.CompletedBars(id, Hourly)); // the empty hours in between made no bars
    }

    [Fact]
    public void DailyBar_SpansTheSession()
    {
        Trade(Open + Minute, "100.00");
        Trade(Open + (200 * Minute), "99.00");
        Trade(Open + (389 * Minute), "100.50");
        stage.Analytics.OnTime(Open + (390 * Minute));

        var day = stage.Analytics.LastBar(new InstrumentId(Stock), Daily);
        Assert.Equal(Open, day.Start);
        Assert.Equal(Open + (390 * Minute), day.End);
        Assert.Equal(Price.Parse("99.00"), day.Low);
        Assert.Equal(Price.Parse("100.50"), day.Close);
        Assert.Equal(Quantity.Parse("30"), day.Volume);
    }

    [Fact]
    public void Instrument_GoesStaleOnlyWhileItsMarketIsOpen_AndRecoversOnUpdate()
    {
        var id = new InstrumentId(Stock);
        Trade(Open + Minute, "100.00");
        stage.Analytics.OnTime(Open + (3 * Minute));
        Assert.False(stage.Analytics.Instrument(id).IsStale);

        stage.Analytics.OnTime(Open + (10 * Minute)); // 9 minutes without an update, market open
        Assert.True(stage.Analytics.Instrument(id).IsStale);
        Assert.Equal(1, stage.Analytics.StaleTransitions);

        Trade(Open + (11 * Minute), "100.01");
        Assert.False(stage.Analytics.Instrument(id).IsStale);

        stage.Analytics.OnTime(Open + (400 * Minute)); // after the close: silence is expected, not stale
        Assert.False(stage.Analytics.Instrument(id).IsStale);
        Assert.Equal(1, stage.Analytics.StaleTransitions);
    }
}
