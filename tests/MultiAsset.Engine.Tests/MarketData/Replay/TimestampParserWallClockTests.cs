using System.Text;
using MultiAsset.Engine.MarketData.Replay;

namespace MultiAsset.Engine.Tests.MarketData.Replay;

/// <summary>The vendor forms the importer reads: a space or T, optional seconds and fraction, Z or a UTC offset; dates alone.</summary>
public class TimestampParserWallClockTests
{
    private static long Utc(int y, int mo, int d, int h, int mi, int s = 0) => new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    private static long? Instant(string text)
        => TimestampParser.TryParseWallClock(Encoding.UTF8.GetBytes(text), out long wall, out bool hasOffset, out long offset) ? wall - (hasOffset ? offset : 0) : null;

    [Theory]
    [InlineData("2024-01-02 09:30:00-05:00", 14, 30, 0)]
    [InlineData("2024-01-02T09:30:00-05:00", 14, 30, 0)]
    [InlineData("2024-01-02 09:30:00-0500", 14, 30, 0)]
    [InlineData("2024-01-02 09:30:00-05", 14, 30, 0)]
    [InlineData("2024-01-02 09:30:00+05:30", 4, 0, 0)]
    [InlineData("2024-01-02 09:30:00Z", 9, 30, 0)]
    [InlineData("2024-01-02 09:30:00", 9, 30, 0)]
    [InlineData("2024-01-02 09:30", 9, 30, 0)]
    [InlineData("2024-01-02 09:30:15.25-05:00", 14, 30, 15)]
    public void WallClock_VendorForms_GiveTheInstant(string text, int hour, int minute, int second)
    {
        long expected = Utc(2024, 1, 2, hour, minute, second) + (text.Contains(".25", StringComparison.Ordinal) ? 250_000_000 : 0);

        Assert.Equal(expected, Instant(text));
    }

    [Theory]
    [InlineData("2024-01-02 09:30:00 -05:00")]
    [InlineData("2024-01-02 24:00:00")]
    [InlineData("2024-02-30 09:30:00")]
    [InlineData("2024-01-02 09:30:00+19:00")]
    [InlineData("2024-01-02 09:30:00.")]
    [InlineData("2024-01-02 09:30:00-5")]
    [InlineData("2024/01/02 09:30:00")]
    [InlineData("2024-01-02")]
    public void WallClock_Malformed_IsRefused(string text) => Assert.Null(Instant(text));

    [Theory]
    [InlineData("2024-03-08")]
    [InlineData("20240308")]
    public void Date_BothForms_GiveDaysSinceEpoch(string text)
    {
        Assert.True(TimestampParser.TryParseDate(Encoding.UTF8.GetBytes(text), out long days));
        Assert.Equal(Utc(2024, 3, 8, 0, 0) / 86_400_000_000_000, days);
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("2024-3-8")]
    [InlineData("2024030")]
    public void Date_Malformed_IsRefused(string text) => Assert.False(TimestampParser.TryParseDate(Encoding.UTF8.GetBytes(text), out _));
}
