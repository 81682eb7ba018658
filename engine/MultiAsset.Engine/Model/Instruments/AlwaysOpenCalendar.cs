namespace MultiAsset.Engine.Model.Instruments;

/// <summary>
/// A market that never closes (crypto 24/7). Sessions are UTC calendar days, so daily bars run midnight to midnight UTC.
/// </summary>
public sealed class AlwaysOpenCalendar : TradingCalendar
{
    private const long NanosPerDay = 86_400_000_000_000;

    /// <summary>Creates the calendar under <paramref name="name"/> (e.g. "CRYPTO").</summary>
    public AlwaysOpenCalendar(string name)
        : base(name, TradingCalendarKind.Always, TimeZoneInfo.Utc, TimeSpan.Zero)
    {
    }

    /// <inheritdoc/>
    public override SessionWindow SessionAt(long unixNanos)
    {
        // UTC days are exactly 86 400 s (Unix time has no leap seconds), so no calendar math is needed.
        long day = Math.DivRem(unixNanos, NanosPerDay, out long rem) - (rem < 0 ? 1 : 0);
        long open = day * NanosPerDay;
        long close = open > long.MaxValue - NanosPerDay ? long.MaxValue : open + NanosPerDay;
        return new SessionWindow(open, close, TradingDay(unixNanos));
    }

    /// <inheritdoc/>
    private protected override bool StateAt(long unixNanos, out long from, out long to)
    {
        // One window for all time: a warm cursor never refills.
        from = long.MinValue;
        to = long.MaxValue;
        return true;
    }
}
