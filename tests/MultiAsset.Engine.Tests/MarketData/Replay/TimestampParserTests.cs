using System.Text;
using MultiAsset.Engine.MarketData.Replay;

namespace MultiAsset.Engine.Tests.MarketData.Replay;

public class TimestampParserTests
{
    private static long? Parse(string text) => TimestampParser.TryParse(Encoding.UTF8.GetBytes(text), out long ns) ? ns : null;

    private static long Expected(int year, int month, int day, int hour, int minute, int second, long fractionNs)
        => ((new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks) * 100) + fractionNs;

    [Theory]
    [InlineData("2026-03-02T14:30:00Z", 0L)]
    [InlineData("2026-03-02T14:30:00.1Z", 100_000_000L)]
    [InlineData("2026-03-02T14:30:00.12Z", 120_000_000L)]
    [InlineData("2026-03-02T14:30:00.123Z", 123_000_000L)]
    [InlineData("2026-03-02T14:30:00.1234Z", 123_400_000L)]
    [InlineData("2026-03-02T14:30:00.12345Z", 123_450_000L)]
    [InlineData("2026-03-02T14:30:00.123456Z", 123_456_000L)]
    [InlineData("2026-03-02T14:30:00.1234567Z", 123_456_700L)]
    [InlineData("2026-03-02T14:30:00.12345678Z", 123_456_780L)]
    [InlineData("2026-03-02T14:30:00.123456789Z", 123_456_789L)]
    [InlineData("2026-03-02T14:30:00.000000001Z", 1L)]
    public void Iso_FractionsOfZeroToNineDigits_ScaleToNanoseconds(string text, long fractionNs)
        => Assert.Equal(Expected(2026, 3, 2, 14, 30, 0, fractionNs), Parse(text));

    [Theory]
    [InlineData("2024-02-29T00:00:00Z", 2024, 2, 29)]
    [InlineData("2000-02-29T23:59:59Z", 2000, 2, 29)]
    [InlineData("1970-01-01T00:00:00Z", 1970, 1, 1)]
    [InlineData("1969-12-31T23:59:59Z", 1969, 12, 31)]
    [InlineData("2026-12-31T23:59:59Z", 2026, 12, 31)]
    [InlineData("1678-01-01T00:00:00Z", 1678, 1, 1)]
    [InlineData("2261-12-31T23:59:59Z", 2261, 12, 31)]
    public void Iso_ValidDates_MatchDateTime(string text, int year, int month, int day)
    {
        var dt = DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(Expected(year, month, day, dt.Hour, dt.Minute, dt.Second, 0), Parse(text));
    }

    [Theory]
    [InlineData("2026-02-30T00:00:00Z")] // no 30 February
    [InlineData("2025-02-29T00:00:00Z")] // not a leap year
    [InlineData("1900-02-29T00:00:00Z")] // century, not a leap year
    [InlineData("2026-04-31T00:00:00Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-00-01T00:00:00Z")]
    [InlineData("2026-01-00T00:00:00Z")]
    [InlineData("2026-01-01T24:00:00Z")]
    [InlineData("2026-01-01T23:60:00Z")]
    [InlineData("2026-01-01T23:59:60Z")] // leap seconds are not representable
    [InlineData("2026-01-01T00:00:00")] // no zone: refused rather than guessed
    [InlineData("2026-01-01T00:00:00+00:00")]
    [InlineData("2026-01-01 00:00:00Z")]
    [InlineData("2026-01-01t00:00:00z")]
    [InlineData("2026-01-01T00:00:00.Z")] // a point needs digits
    [InlineData("2026-01-01T00:00:00.1234567890Z")] // ten digits
    [InlineData("2026-01-01T00:00:00.12a4Z")]
    [InlineData("2026-1-01T00:00:00Z")]
    [InlineData("1677-12-31T00:00:00Z")] // outside the nanosecond long range of whole years
    [InlineData("2262-01-01T00:00:00Z")]
    [InlineData("")]
    public void Iso_InvalidText_IsRefused(string text) => Assert.Null(Parse(text));

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1772461800123456789", 1_772_461_800_123_456_789L)]
    [InlineData("-1", -1L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Nanoseconds_Integers_AreExact(string text, long expected) => Assert.Equal(expected, Parse(text));

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("12345678901234567890")]
    [InlineData("-")]
    [InlineData("+5")]
    [InlineData("1.5")]
    [InlineData(" 5")]
    [InlineData("1e9")]
    public void Nanoseconds_BadIntegers_AreRefused(string text) => Assert.Null(Parse(text));

    [Fact]
    public void Iso_AgreesWithDateTime_OverManyRandomInstants()
    {
        var random = new Random(7);
        for (int i = 0; i < 2_000; i++)
        {
            long ns = random.NextInt64(-9_000_000_000_000_000_000, 9_000_000_000_000_000_000);
            Assert.Equal(ns, Parse(ReplayTestFiles.Iso(ns)));
        }
    }
}
