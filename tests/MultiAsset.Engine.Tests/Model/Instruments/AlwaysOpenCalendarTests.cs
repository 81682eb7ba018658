using MultiAsset.Engine.Model.Instruments;
using static MultiAsset.Engine.Tests.Model.Instruments.Calendars;

namespace MultiAsset.Engine.Tests.Model.Instruments;

public class AlwaysOpenCalendarTests
{
    [Theory]
    [InlineData("2026-03-07T12:00:00Z")] // Saturday
    [InlineData("2026-03-08T06:30:00Z")] // the hour New York skips
    [InlineData("2025-12-25T00:00:00Z")] // a holiday elsewhere
    [InlineData("1969-12-31T23:59:59Z")]
    public void IsOpen_IsAlwaysTrue(string instant)
    {
        var cursor = default(SessionCursor);
        Assert.True(Crypto.IsOpen(Ns(instant), ref cursor));
        Assert.True(Crypto.IsOpen(Ns(instant)));
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(0L)]
    [InlineData(long.MaxValue - 1)]
    public void IsOpen_AtRangeEdges_IsTrue(long unixNanos)
    {
        var cursor = default(SessionCursor);
        Assert.True(Crypto.IsOpen(unixNanos, ref cursor));
    }

    [Fact]
    public void SessionAt_IsTheUtcDay()
    {
        var session = Crypto.SessionAt(Ns("2026-03-07T12:34:56Z"));

        Assert.Equal(new SessionWindow(Ns("2026-03-07T00:00:00Z"), Ns("2026-03-08T00:00:00Z"), 20260307), session);
        Assert.Equal(new SessionWindow(Ns("1969-12-31T00:00:00Z"), 0, 19691231), Crypto.SessionAt(-1));
    }

    [Theory]
    [InlineData("2026-03-07T23:59:59.999Z", 20260307)]
    [InlineData("2026-03-08T00:00:00Z", 20260308)]
    [InlineData("2026-03-07T20:00:00-05:00", 20260308)] // New York evening is already the next UTC day
    public void TradingDay_IsTheUtcDate(string instant, int expected)
    {
        var cursor = default(SessionCursor);
        Assert.Equal(expected, Crypto.TradingDay(Ns(instant)));
        Assert.Equal(expected, Crypto.TradingDay(Ns(instant), ref cursor));
    }
}
