namespace MultiAsset.Engine.Backtest.Metrics;

/// <summary>
/// Numbers the trading day a timestamp belongs to, for <see cref="ReturnPeriod.DailyUtc"/> (UTC midnight) or
/// <see cref="ReturnPeriod.DailyNewYork1700"/> (17:00 America/New_York, DST-aware). Only the order and equality of
/// the numbers matter. Sequential use is cheap: the time-zone conversion runs once per day, not per sample.
/// </summary>
internal sealed class TradingDayClock
{
    private const long NanosecondsPerTick = 100;

    // 17:00 New York: the day labelled D runs from 17:00 of D − 1 to 17:00 of D (local time).
    private static readonly TimeSpan RollHour = TimeSpan.FromHours(17);

    private readonly TimeZoneInfo? zone;
    private long dayStart = long.MaxValue;
    private long dayEnd = long.MinValue;
    private long day;

    private TradingDayClock(TimeZoneInfo? zone) => this.zone = zone;

    /// <summary>A clock for <paramref name="period"/> (not <see cref="ReturnPeriod.EverySample"/>).</summary>
    /// <exception cref="TimeZoneNotFoundException">The system has no America/New_York zone.</exception>
    public static TradingDayClock For(ReturnPeriod period) =>
        new(period == ReturnPeriod.DailyNewYork1700 ? TimeZoneInfo.FindSystemTimeZoneById("America/New_York") : null);

    /// <summary>The number of the trading day containing <paramref name="timestampNs"/> (ns since the Unix epoch UTC).</summary>
    public long DayOf(long timestampNs)
    {
        if (zone is null)
        {
            return PeriodReturns.DayOf(timestampNs);
        }

        if (timestampNs >= dayStart && timestampNs < dayEnd)
        {
            return day;
        }

        // The local date of (local time + 7 h) is the label: 17:00 local rolls to the next date.
        var utc = DateTime.UnixEpoch.AddTicks(Math.DivRem(timestampNs, NanosecondsPerTick, out var rest) - (rest < 0 ? 1 : 0));
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        var label = (local + (TimeSpan.FromDays(1) - RollHour)).Date;
        // 17:00 is never inside a DST transition (they happen at 02:00), so both ends convert unambiguously.
        dayStart = ToNanoseconds(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(label.AddDays(-1) + RollHour, DateTimeKind.Unspecified), zone));
        dayEnd = ToNanoseconds(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(label + RollHour, DateTimeKind.Unspecified), zone));
        day = (label - DateTime.UnixEpoch.Date).Days;
        return day;
    }

    private static long ToNanoseconds(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks * NanosecondsPerTick;
}
