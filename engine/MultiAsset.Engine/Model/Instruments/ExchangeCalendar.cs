using System.Collections.Frozen;

namespace MultiAsset.Engine.Model.Instruments;

/// <summary>
/// Exchange sessions: one session per trading date from the local open to the local close (or the early close of
/// that date) in the exchange's time zone, on the trading weekdays that are not holidays. Sessions do not span
/// midnight, and there is no lunch break.
/// </summary>
/// <remarks>
/// Local times are converted with the zone's rules for each date, so the UTC open moves with daylight saving
/// (NYSE opens 14:30 UTC in winter, 13:30 UTC in summer). The trading day is the exchange's local date.
/// </remarks>
public sealed class ExchangeCalendar : TradingCalendar
{
    private readonly bool[] tradesOn = new bool[7];
    private readonly FrozenSet<DateOnly> holidays;
    private readonly FrozenDictionary<DateOnly, TimeOnly> earlyCloses;

    // Enough days to step over any run of holidays plus a weekend: among 7 consecutive days at least one is a
    // trading weekday, and each holiday can remove at most one. Bounds every search so none can loop forever.
    private readonly int searchDays;

    /// <summary>Creates an exchange calendar; the loader validates the same rules first, naming the JSON path.</summary>
    /// <param name="name">Name the calendar is defined under (e.g. "NYSE").</param>
    /// <param name="timeZone">The exchange's time zone.</param>
    /// <param name="open">Local opening time.</param>
    /// <param name="close">Local closing time; after <paramref name="open"/>.</param>
    /// <param name="tradingDays">Weekdays with sessions (at least one).</param>
    /// <param name="holidays">Dates without a session.</param>
    /// <param name="earlyCloses">Dates closing early, with their local close (after the open, before the normal close).</param>
    /// <exception cref="ArgumentException">A rule above is broken.</exception>
    public ExchangeCalendar(
        string name,
        TimeZoneInfo timeZone,
        TimeOnly open,
        TimeOnly close,
        IEnumerable<DayOfWeek> tradingDays,
        IEnumerable<DateOnly> holidays,
        IReadOnlyDictionary<DateOnly, TimeOnly> earlyCloses)
        : base(name, TradingCalendarKind.Exchange, timeZone, TimeSpan.Zero)
    {
        ArgumentNullException.ThrowIfNull(tradingDays);
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(earlyCloses);
        if (open >= close)
        {
            throw new ArgumentException($"Calendar '{name}': open {open:HH\\:mm} must be before close {close:HH\\:mm}.", nameof(close));
        }

        foreach (var day in tradingDays)
        {
            tradesOn[(int)day] = true;
        }

        if (Array.IndexOf(tradesOn, true) < 0)
        {
            throw new ArgumentException($"Calendar '{name}' has no trading weekdays.", nameof(tradingDays));
        }

        foreach (var (date, earlyClose) in earlyCloses)
        {
            if (earlyClose <= open || earlyClose >= close)
            {
                throw new ArgumentException($"Calendar '{name}': early close {earlyClose:HH\\:mm} on {date:yyyy-MM-dd} must be after the open and before the normal close.", nameof(earlyCloses));
            }
        }

        Open = open;
        Close = close;
        this.holidays = holidays.ToFrozenSet();
        this.earlyCloses = earlyCloses.ToFrozenDictionary();
        searchDays = this.holidays.Count + 8;
    }

    /// <summary>Local opening time.</summary>
    public TimeOnly Open { get; }

    /// <summary>Local closing time on a normal day.</summary>
    public TimeOnly Close { get; }

    /// <summary>Dates without a session.</summary>
    public IReadOnlySet<DateOnly> Holidays => holidays;

    /// <summary>Dates closing early, with their local close.</summary>
    public IReadOnlyDictionary<DateOnly, TimeOnly> EarlyCloses => earlyCloses;

    /// <summary>Whether <paramref name="weekday"/> normally has a session.</summary>
    public bool TradesOn(DayOfWeek weekday) => tradesOn[(int)weekday];

    /// <summary>Whether the local date <paramref name="date"/> has a session (a trading weekday that is not a holiday).</summary>
    public bool IsTradingDate(DateOnly date) => tradesOn[(int)date.DayOfWeek] && !holidays.Contains(date);

    /// <inheritdoc/>
    public override SessionWindow SessionAt(long unixNanos)
    {
        var date = TradingDate(unixNanos);
        for (int i = 0; i <= searchDays; i++, date = date.AddDays(1))
        {
            if (IsTradingDate(date))
            {
                long close = CloseOf(date);
                if (unixNanos < close)
                {
                    return new SessionWindow(OpenOf(date), close, DayKey(date));
                }
            }
        }

        // Unreachable by construction (see searchDays); an empty window is safer than an exception here.
        return new SessionWindow(unixNanos, unixNanos, TradingDay(unixNanos));
    }

    /// <inheritdoc/>
    private protected override bool StateAt(long unixNanos, out long from, out long to)
    {
        var today = TradingDate(unixNanos);

        // Sessions never span local midnight, so none before today's date can contain the instant.
        long nextOpen = unixNanos + 1;
        var date = today;
        for (int i = 0; i <= searchDays; i++, date = date.AddDays(1))
        {
            if (!IsTradingDate(date))
            {
                continue;
            }

            long close = CloseOf(date);
            if (unixNanos < close)
            {
                long open = OpenOf(date);
                if (unixNanos >= open)
                {
                    from = open;
                    to = close;
                    return true;
                }

                nextOpen = open;
                break;
            }
        }

        // Closed: the gap runs from the previous session's close to the next open.
        long previousClose = unixNanos;
        date = today;
        for (int i = 0; i <= searchDays; i++, date = date.AddDays(-1))
        {
            if (IsTradingDate(date))
            {
                long close = CloseOf(date);
                if (close <= unixNanos)
                {
                    previousClose = close;
                    break;
                }
            }
        }

        from = previousClose;
        to = nextOpen;
        return false;
    }

    private long OpenOf(DateOnly date) => ToUnixNanos(date.ToDateTime(Open), TimeZone);

    private long CloseOf(DateOnly date) =>
        ToUnixNanos(date.ToDateTime(earlyCloses.TryGetValue(date, out var early) ? early : Close), TimeZone);
}
