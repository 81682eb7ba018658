namespace MultiAsset.Engine.Model.Instruments;

/// <summary>
/// Spot FX 24/5: the market opens Sunday 17:00 New York and closes Friday 17:00 New York. Each trading day runs
/// from 17:00 New York to 17:00 New York the next day and is named after the day it ends on (the Sunday-evening
/// open starts Monday's session), so daily bars follow the market's 17:00 New York roll.
/// </summary>
/// <remarks>
/// New York time is used rather than a fixed UTC hour because the FX week and day follow New York daylight saving
/// (21:00 UTC in summer, 22:00 UTC in winter).
/// </remarks>
public sealed class Fx24x5Calendar : TradingCalendar
{
    /// <summary>IANA id of the zone the FX roll is defined in.</summary>
    public const string NewYorkTimeZoneId = "America/New_York";

    // Shifting New York time forward 7 h puts the 17:00 roll at midnight: trading days are then the shifted Mon–Fri.
    private static readonly TimeSpan RollShift = TimeSpan.FromHours(7);

    /// <summary>Creates the calendar under <paramref name="name"/> with the given New York zone.</summary>
    /// <param name="name">Name the calendar is defined under (e.g. "FX").</param>
    /// <param name="newYork">The America/New_York zone (passed in so the loader reports a missing tz database once).</param>
    public Fx24x5Calendar(string name, TimeZoneInfo newYork)
        : base(name, TradingCalendarKind.Fx24x5, newYork, RollShift)
    {
    }

    /// <inheritdoc/>
    public override SessionWindow SessionAt(long unixNanos)
    {
        var date = TradingDate(unixNanos);
        while (!IsWeekday(date))
        {
            date = date.AddDays(1);
        }

        return new SessionWindow(TradingDayStart(date), TradingDayStart(date.AddDays(1)), DayKey(date));
    }

    /// <inheritdoc/>
    private protected override bool StateAt(long unixNanos, out long from, out long to)
    {
        // Cache the whole trading week (or the whole weekend) so a warm cursor refills twice a week.
        var date = TradingDate(unixNanos);
        if (IsWeekday(date))
        {
            var monday = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
            from = TradingDayStart(monday);
            to = TradingDayStart(monday.AddDays(5));
            return true;
        }

        var saturday = date.DayOfWeek == DayOfWeek.Saturday ? date : date.AddDays(-1);
        from = TradingDayStart(saturday);
        to = TradingDayStart(saturday.AddDays(2));
        return false;
    }

    private static bool IsWeekday(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
