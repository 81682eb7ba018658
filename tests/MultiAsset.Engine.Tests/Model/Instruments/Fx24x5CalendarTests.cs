using MultiAsset.Engine.Model.Instruments;
using static MultiAsset.Engine.Tests.Model.Instruments.Calendars;

namespace MultiAsset.Engine.Tests.Model.Instruments;

public class Fx24x5CalendarTests
{
    [Theory]
    // Winter (EST): Friday 17:00 New York = 22:00 UTC close; Sunday 17:00 New York = 22:00 UTC open.
    [InlineData("2026-01-09T21:59:59.999Z", true)]
    [InlineData("2026-01-09T22:00:00Z", false)]
    [InlineData("2026-01-10T12:00:00Z", false)] // Saturday
    [InlineData("2026-01-11T21:59:59.999Z", false)]
    [InlineData("2026-01-11T22:00:00Z", true)]
    [InlineData("2026-01-11T17:00:00-05:00", true)]
    // The weekend of the spring-forward: closes 17:00 EST Friday, reopens 17:00 EDT Sunday (21:00 UTC).
    [InlineData("2026-03-06T22:00:00Z", false)]
    [InlineData("2026-03-07T15:00:00Z", false)]
    [InlineData("2026-03-08T20:59:59.999Z", false)]
    [InlineData("2026-03-08T21:00:00Z", true)]
    [InlineData("2026-03-08T17:00:00-04:00", true)]
    // Midweek, including the daily 17:00 roll, is open.
    [InlineData("2026-03-10T21:00:00Z", true)]
    [InlineData("2026-03-11T03:00:00Z", true)]
    public void IsOpen_AtFxInstants_MatchesTheWeeklySchedule(string instant, bool expected)
    {
        var cursor = default(SessionCursor);
        Assert.Equal(expected, Fx.IsOpen(Ns(instant), ref cursor));
        Assert.Equal(expected, Fx.IsOpen(Ns(instant)));
    }

    [Theory]
    [InlineData("2026-03-08T17:00:00-04:00", 20260309)] // Sunday evening open belongs to Monday
    [InlineData("2026-03-10T16:59:59-04:00", 20260310)]
    [InlineData("2026-03-10T17:00:00-04:00", 20260311)] // the day rolls at 17:00 New York
    [InlineData("2026-01-09T16:59:59-05:00", 20260109)]
    public void TradingDay_RollsAt17NewYork(string instant, int expected)
    {
        var cursor = default(SessionCursor);
        Assert.Equal(expected, Fx.TradingDay(Ns(instant)));
        Assert.Equal(expected, Fx.TradingDay(Ns(instant), ref cursor));
    }

    [Fact]
    public void SessionAt_Midweek_RunsFrom17To17NewYork()
    {
        var session = Fx.SessionAt(Ns("2026-03-10T12:00:00Z"));

        Assert.Equal(new SessionWindow(Ns("2026-03-09T17:00:00-04:00"), Ns("2026-03-10T17:00:00-04:00"), 20260310), session);
    }

    [Fact]
    public void SessionAt_OnSaturday_ReturnsMondaysSessionOpeningSundayEvening()
    {
        var session = Fx.SessionAt(Ns("2026-03-07T12:00:00Z"));

        Assert.Equal(new SessionWindow(Ns("2026-03-08T21:00:00Z"), Ns("2026-03-09T21:00:00Z"), 20260309), session);
    }

    [Fact]
    public void IsOpen_WithACursor_CachesTheWholeTradingWeek()
    {
        var cursor = default(SessionCursor);

        Assert.True(Fx.IsOpen(Ns("2026-03-11T12:00:00Z"), ref cursor));

        Assert.Equal(Ns("2026-03-08T17:00:00-04:00"), cursor.WindowStart);
        Assert.Equal(Ns("2026-03-13T17:00:00-04:00"), cursor.WindowEnd);
        Assert.True(cursor.IsOpenInWindow);
    }
}
