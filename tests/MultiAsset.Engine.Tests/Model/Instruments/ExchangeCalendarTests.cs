using MultiAsset.Engine.Model.Instruments;
using static MultiAsset.Engine.Tests.Model.Instruments.Calendars;

namespace MultiAsset.Engine.Tests.Model.Instruments;

public class ExchangeCalendarTests
{
    [Theory]
    // Friday before the 2026 spring-forward (EST, UTC-5): 09:30 local is 14:30 UTC.
    [InlineData("2026-03-06T14:29:59.999Z", false)]
    [InlineData("2026-03-06T14:30:00Z", true)]
    [InlineData("2026-03-06T20:59:59.999Z", true)]
    [InlineData("2026-03-06T21:00:00Z", false)]
    // Monday after DST starts (8 March 2026, EDT, UTC-4): the session moves an hour earlier in UTC.
    [InlineData("2026-03-09T13:29:59.999Z", false)]
    [InlineData("2026-03-09T13:30:00Z", true)]
    [InlineData("2026-03-09T19:59:59.999Z", true)]
    [InlineData("2026-03-09T20:00:00Z", false)]
    // Friday before DST ends (1 November 2026) and Monday after it: 13:30 UTC then 14:30 UTC.
    [InlineData("2026-10-30T13:30:00Z", true)]
    [InlineData("2026-11-02T13:30:00Z", false)]
    [InlineData("2026-11-02T14:30:00Z", true)]
    // Weekend.
    [InlineData("2026-03-07T15:00:00Z", false)]
    [InlineData("2026-03-08T15:00:00Z", false)]
    // Holidays: Martin Luther King Jr. Day, Good Friday, Independence Day observed (4 July 2026 is a Saturday),
    // and the 2025 National Day of Mourning.
    [InlineData("2026-01-19T15:00:00Z", false)]
    [InlineData("2026-01-20T15:00:00Z", true)]
    [InlineData("2026-04-03T15:00:00Z", false)]
    [InlineData("2026-07-03T15:00:00Z", false)]
    [InlineData("2025-01-09T15:00:00Z", false)]
    // Early close the day after Thanksgiving 2026: 13:00 EST = 18:00 UTC.
    [InlineData("2026-11-27T17:59:59.999Z", true)]
    [InlineData("2026-11-27T18:00:00Z", false)]
    [InlineData("2026-11-27T20:00:00Z", false)]
    // Christmas Eve 2025 closes at 13:00 too; Christmas is closed.
    [InlineData("2025-12-24T17:59:00Z", true)]
    [InlineData("2025-12-24T18:00:00Z", false)]
    [InlineData("2025-12-25T15:00:00Z", false)]
    public void IsOpen_AtNyseInstants_MatchesTheExchangeSchedule(string instant, bool expected)
    {
        var cursor = default(SessionCursor);
        Assert.Equal(expected, Nyse.IsOpen(Ns(instant), ref cursor));
        Assert.Equal(expected, Nyse.IsOpen(Ns(instant)));
    }

    [Fact]
    public void SessionAt_DuringASession_ReturnsThatSession()
    {
        var session = Nyse.SessionAt(Ns("2026-03-09T15:00:00Z"));

        Assert.Equal(new SessionWindow(Ns("2026-03-09T09:30:00-04:00"), Ns("2026-03-09T16:00:00-04:00"), 20260309), session);
        Assert.Equal(6.5 * 3600 * 1e9, session.DurationNanos);
    }

    [Fact]
    public void SessionAt_OnAHolidayMorning_ReturnsTheNextTradingDay()
    {
        // MLK day 2026 is Monday 19 January; the next session is Tuesday's.
        var session = Nyse.SessionAt(Ns("2026-01-19T15:00:00Z"));

        Assert.Equal(new SessionWindow(Ns("2026-01-20T09:30:00-05:00"), Ns("2026-01-20T16:00:00-05:00"), 20260120), session);
    }

    [Fact]
    public void SessionAt_AfterFridayClose_ReturnsMondayAcrossTheDstChange()
    {
        // Friday 6 March 2026 after the close (EST) → Monday 9 March, which opens in EDT.
        var session = Nyse.SessionAt(Ns("2026-03-06T21:00:00Z"));

        Assert.Equal(new SessionWindow(Ns("2026-03-09T13:30:00Z"), Ns("2026-03-09T20:00:00Z"), 20260309), session);
    }

    [Fact]
    public void SessionAt_OnAnEarlyCloseDay_EndsAtTheEarlyClose()
    {
        var session = Nyse.SessionAt(Ns("2026-11-27T12:00:00Z"));

        Assert.Equal(new SessionWindow(Ns("2026-11-27T09:30:00-05:00"), Ns("2026-11-27T13:00:00-05:00"), 20261127), session);
        Assert.Equal(new TimeOnly(13, 0), Nyse.EarlyCloses[new DateOnly(2026, 11, 27)]);
    }

    [Theory]
    [InlineData("2026-03-06T23:30:00-05:00", 20260306)] // late evening local is still Friday though UTC says Saturday
    [InlineData("2026-03-07T00:00:00-05:00", 20260307)]
    [InlineData("2026-03-09T09:30:00-04:00", 20260309)]
    [InlineData("2025-12-31T23:59:59-05:00", 20251231)]
    public void TradingDay_IsTheExchangeLocalDate(string instant, int expected)
    {
        var cursor = default(SessionCursor);
        Assert.Equal(expected, Nyse.TradingDay(Ns(instant)));
        Assert.Equal(expected, Nyse.TradingDay(Ns(instant), ref cursor));
    }

    [Fact]
    public void IsOpen_WithACursor_CachesTheWholeClosedGapOverAWeekend()
    {
        var cursor = default(SessionCursor);

        Assert.False(Nyse.IsOpen(Ns("2026-03-07T12:00:00Z"), ref cursor));

        // From Friday's close to Monday's open, across the DST change.
        Assert.Equal(Ns("2026-03-06T21:00:00Z"), cursor.WindowStart);
        Assert.Equal(Ns("2026-03-09T13:30:00Z"), cursor.WindowEnd);
        Assert.False(cursor.IsOpenInWindow);
    }

    [Fact]
    public void SessionAt_WhenTheOpenFallsInTheSpringForwardGap_UsesTheSkippedInstant()
    {
        // A made-up night session opening 02:30 New York: on 8 March 2026 02:30 does not exist (02:00 EST jumps to
        // 03:00 EDT); it is read with the offset before the gap, i.e. 07:30 UTC, which is 03:30 EDT.
        var night = new ExchangeCalendar(
            "NIGHT", Nyse.TimeZone, new TimeOnly(2, 30), new TimeOnly(4, 0), [DayOfWeek.Sunday], [], new Dictionary<DateOnly, TimeOnly>());

        var session = night.SessionAt(Ns("2026-03-08T00:00:00Z"));

        Assert.Equal(new SessionWindow(Ns("2026-03-08T07:30:00Z"), Ns("2026-03-08T04:00:00-04:00"), 20260308), session);
    }

    [Fact]
    public void SessionAt_WhenTheOpenIsInTheRepeatedHour_UsesStandardTime()
    {
        // 1 November 2026: 01:30 New York happens twice (EDT, then EST); the standard-time one is taken.
        var night = new ExchangeCalendar(
            "NIGHT", Nyse.TimeZone, new TimeOnly(1, 30), new TimeOnly(4, 0), [DayOfWeek.Sunday], [], new Dictionary<DateOnly, TimeOnly>());

        var session = night.SessionAt(Ns("2026-11-01T00:00:00Z"));

        Assert.Equal(new SessionWindow(Ns("2026-11-01T01:30:00-05:00"), Ns("2026-11-01T04:00:00-05:00"), 20261101), session);
    }

    [Fact]
    public void Constructor_WhenCloseNotAfterOpen_Throws()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        Assert.Throws<ArgumentException>(() => new ExchangeCalendar(
            "X", zone, new TimeOnly(16, 0), new TimeOnly(9, 30), [DayOfWeek.Monday], [], new Dictionary<DateOnly, TimeOnly>()));
    }

    [Fact]
    public void TimeZone_IanaIdResolvesWithInvariantGlobalization()
    {
        // InvariantGlobalization is on for every project; time zones must still come from the tz database.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        Assert.Equal(TimeSpan.FromHours(-5), zone.GetUtcOffset(new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(TimeSpan.FromHours(-4), zone.GetUtcOffset(new DateTime(2026, 7, 15, 12, 0, 0, DateTimeKind.Utc)));
    }
}
