using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using static MultiAsset.Engine.Tests.MarketData.MarketDataTestCatalog;

namespace MultiAsset.Engine.Tests.MarketData.Analytics;

/// <summary>
/// Staleness runs on event time (a replay's or a simulated feed's clock), counts silence only while the market is open
/// and only since it opened, and does not depend on the session the instrument's last update fell in.
/// </summary>
public class StalenessTests
{
    private const long Second = 1_000_000_000;
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;

    private readonly MarketDataStage stage = MarketDataStage.Create(Create(), new AnalyticsOptions { StaleAfterNanoseconds = 30 * Second });

    private static long Utc(int year, int month, int day, int hour, int minute)
        => new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    private void Quote(int instrument, long time, string bid, string ask)
    {
        var evt = default(InputEvent);
        evt.SetQuote(new InstrumentId(instrument), time, Price.Parse(bid), Price.Parse(ask), Quantity.Parse("1"), Quantity.Parse("1"));
        stage.OnEvent(ref evt, 0, true);
        Assert.Equal(MarketDataRejectReason.None, evt.Verdict);
    }

    [Fact]
    public void EightAndAHalfHourGap_OfA24x7Market_AcrossMidnight_CountsAsStale()
    {
        // The case: a replay of an always-open market with 8.5 h of event time between two rows, crossing the
        // UTC day (the analytics' session boundary for 24/7 markets).
        var evening = Utc(2026, 3, 7, 20, 0);
        Quote(Crypto, evening, "65000.00", "65000.50");

        Quote(Crypto, evening + (8 * Hour) + (30 * Minute), "65100.00", "65100.50");

        Assert.Equal(1, stage.Analytics.StaleTransitions);
        Assert.False(stage.Analytics.Instrument(new InstrumentId(Crypto)).IsStale); // the update that ended the gap cleared it
    }

    [Fact]
    public void SilentInstrument_GoesStaleOnAnotherInstrumentsEventTime()
    {
        var evening = Utc(2026, 3, 7, 20, 0);
        Quote(Crypto, evening, "65000.00", "65000.50");
        stage.Analytics.OnTime(evening + (10 * Second));
        Assert.False(stage.Analytics.Instrument(new InstrumentId(Crypto)).IsStale);

        stage.Analytics.OnTime(evening + (4 * Hour) + (31 * Second));

        Assert.True(stage.Analytics.Instrument(new InstrumentId(Crypto)).IsStale);
        Assert.Equal(1, stage.Analytics.StaleTransitions);
    }

    [Fact]
    public void Stock_IsNotStaleOverNight_NorRightAtTheOpen_ButIsAfterStaleAfterOfOpenSilence()
    {
        var id = new InstrumentId(Stock);
        var mondayClose = Utc(2026, 3, 2, 20, 59); // 15:59 New York
        Quote(Stock, mondayClose, "100.00", "100.01");

        stage.Analytics.OnTime(Utc(2026, 3, 3, 3, 0)); // night: closed
        Assert.False(stage.Analytics.Instrument(id).IsStale);

        var tuesdayOpen = Utc(2026, 3, 3, 14, 30); // 09:30 New York
        stage.Analytics.OnTime(tuesdayOpen + (10 * Second)); // 10 s into the session: silence since the open is short
        Assert.False(stage.Analytics.Instrument(id).IsStale);
        Assert.Equal(0, stage.Analytics.StaleTransitions);

        stage.Analytics.OnTime(tuesdayOpen + (45 * Second)); // 45 s of open market without an update
        Assert.True(stage.Analytics.Instrument(id).IsStale);
        Assert.Equal(1, stage.Analytics.StaleTransitions);
    }

    [Fact]
    public void StaleInstrument_IsNoLongerStaleOnceItsMarketCloses()
    {
        var id = new InstrumentId(Stock);
        var afternoon = Utc(2026, 3, 2, 19, 0); // 14:00 New York
        Quote(Stock, afternoon, "100.00", "100.01");
        stage.Analytics.OnTime(afternoon + (5 * Minute));
        Assert.True(stage.Analytics.Instrument(id).IsStale);

        stage.Analytics.OnTime(Utc(2026, 3, 2, 21, 30)); // 16:30 New York: closed

        Assert.False(stage.Analytics.Instrument(id).IsStale);
        Assert.Equal(1, stage.Analytics.StaleTransitions);
    }

    [Fact]
    public void WithSessionResolverOnly_The24x7GapIsStaleToo()
    {
        // Analytics built without calendars fall back to the resolver's sessions (UTC days here).
        const long day = 24 * Hour;
        var analytics = new MarketAnalytics(1, new AnalyticsOptions { StaleAfterNanoseconds = 30 * Second },
            (_, time) => new MultiAsset.Engine.Model.Instruments.SessionWindow(time / day * day, (time / day * day) + day, 0));
        var evening = Utc(2026, 3, 7, 20, 0);
        var evt = default(InputEvent);
        evt.SetQuote(new InstrumentId(0), evening, Price.Parse("1.00"), Price.Parse("1.01"), Quantity.Parse("1"), Quantity.Parse("1"));
        analytics.Update(in evt);

        analytics.OnTime(evening + (8 * Hour) + (30 * Minute));

        Assert.True(analytics.Instrument(new InstrumentId(0)).IsStale);
        Assert.Equal(1, analytics.StaleTransitions);
    }
}
