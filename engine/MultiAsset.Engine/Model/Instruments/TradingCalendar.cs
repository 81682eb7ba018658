using System.Runtime.CompilerServices;

namespace MultiAsset.Engine.Model.Instruments;

/// <summary>
/// When an instrument trades: exchange sessions (<see cref="ExchangeCalendar"/>), spot FX 24/5
/// (<see cref="Fx24x5Calendar"/>) or always (<see cref="AlwaysOpenCalendar"/>). Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>Times are Unix nanoseconds (UTC), as everywhere in the engine. The hot-path query is
/// <see cref="IsOpen(long, ref SessionCursor)"/>: the caller's <see cref="SessionCursor"/> caches the interval around
/// the last instant in which the answer cannot change, so the common case is two comparisons and no time-zone
/// math; the cursor is refilled (with time-zone math, still without allocating) only when the time leaves it —
/// about twice per session for monotonic time. Out-of-order times are answered correctly too, just more slowly.</para>
/// <para>Trading days are keyed yyyymmdd in the calendar's own clock: the exchange's local date, the New York date
/// shifted by 7 hours for FX (the FX day rolls at 17:00 New York), the UTC date for 24/7 markets. For an instant
/// outside any session the key is still that clock's date, which need not be a trading day.</para>
/// </remarks>
public abstract class TradingCalendar
{
    private const long NanosPerTick = 100;
    private const long UnixEpochTicks = 621_355_968_000_000_000; // DateTime.UnixEpoch.Ticks

    private readonly TimeSpan dayShift;

    /// <summary>Creates the shared part: name, kind, the zone local times are in, and the trading-day roll.</summary>
    /// <param name="name">Name the calendar is defined under in <c>config/instruments.json</c>.</param>
    /// <param name="kind">The calendar's shape.</param>
    /// <param name="timeZone">Zone of the local times (and of the trading-day date).</param>
    /// <param name="dayShift">Added to local time before taking the date: 7 h makes the FX day roll at 17:00.</param>
    private protected TradingCalendar(string name, TradingCalendarKind kind, TimeZoneInfo timeZone, TimeSpan dayShift)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(timeZone);
        Name = name;
        Kind = kind;
        TimeZone = timeZone;
        this.dayShift = dayShift;
    }

    /// <summary>Name the calendar is defined under in <c>config/instruments.json</c> (e.g. "NYSE").</summary>
    public string Name { get; }

    /// <summary>The calendar's shape.</summary>
    public TradingCalendarKind Kind { get; }

    /// <summary>Zone in which session times and trading days are expressed (UTC for 24/7 markets).</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// Whether the market is open at <paramref name="unixNanos"/>: two comparisons when the time is inside the window
    /// cached in <paramref name="cursor"/>, otherwise a recomputation that refills it. Never allocates.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsOpen(long unixNanos, ref SessionCursor cursor)
    {
        if (unixNanos >= cursor.StateFrom && unixNanos < cursor.StateTo)
        {
            return cursor.Open;
        }

        return RefreshState(unixNanos, ref cursor);
    }

    /// <summary>Whether the market is open at <paramref name="unixNanos"/>, computed from scratch (time-zone math every call).</summary>
    public bool IsOpen(long unixNanos) => StateAt(unixNanos, out _, out _);

    /// <summary>
    /// The session containing <paramref name="unixNanos"/>, or the next one to open after it when the market is closed.
    /// </summary>
    public abstract SessionWindow SessionAt(long unixNanos);

    /// <summary>The trading-day key (yyyymmdd) of <paramref name="unixNanos"/>, computed from scratch.</summary>
    public int TradingDay(long unixNanos) => DayKey(TradingDate(unixNanos));

    /// <summary>
    /// The trading-day key (yyyymmdd) of <paramref name="unixNanos"/>, answered from the day cached in
    /// <paramref name="cursor"/> when the time is inside it (two comparisons). Never allocates.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int TradingDay(long unixNanos, ref SessionCursor cursor)
    {
        if (unixNanos >= cursor.DayFrom && unixNanos < cursor.DayTo)
        {
            return cursor.Day;
        }

        return RefreshDay(unixNanos, ref cursor);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Kind})";

    /// <summary>
    /// The open/closed state at <paramref name="unixNanos"/> and an interval [<paramref name="from"/>,
    /// <paramref name="to"/>) containing it throughout which that state holds (the longer, the fewer refills).
    /// </summary>
    private protected abstract bool StateAt(long unixNanos, out long from, out long to);

    /// <summary>The date of <paramref name="unixNanos"/> on the trading-day clock (local time plus the day shift).</summary>
    private protected DateOnly TradingDate(long unixNanos) => DateOnly.FromDateTime(ToLocal(unixNanos, TimeZone) + dayShift);

    /// <summary>First instant (Unix nanoseconds) of trading-day <paramref name="date"/>.</summary>
    private protected long TradingDayStart(DateOnly date) => ToUnixNanos(date.ToDateTime(TimeOnly.MinValue) - dayShift, TimeZone);

    /// <summary>yyyymmdd of <paramref name="date"/>.</summary>
    private protected static int DayKey(DateOnly date) => (date.Year * 10_000) + (date.Month * 100) + date.Day;

    /// <summary>Local wall-clock time in <paramref name="zone"/> of a Unix-nanosecond instant.</summary>
    internal static DateTime ToLocal(long unixNanos, TimeZoneInfo zone)
    {
        // Floor, not truncation, so instants before 1970 land in the right tick.
        var utc = new DateTime(UnixEpochTicks + Math.DivRem(unixNanos, NanosPerTick, out long rem) - (rem < 0 ? 1 : 0), DateTimeKind.Utc);
        return DateTime.SpecifyKind(utc + zone.GetUtcOffset(utc), DateTimeKind.Unspecified);
    }

    /// <summary>
    /// The Unix-nanosecond instant of local wall-clock time <paramref name="local"/> in <paramref name="zone"/>.
    /// An ambiguous time (the repeated hour when clocks go back) is taken in standard time; a time inside the
    /// spring-forward gap is taken with the offset before the gap, i.e. as the instant the clock skipped over.
    /// </summary>
    internal static long ToUnixNanos(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // GetUtcOffset of an Unspecified time reads it as this zone's wall clock and never throws for gap times.
        long ticks = unspecified.Ticks - zone.GetUtcOffset(unspecified).Ticks - UnixEpochTicks;
        // Saturate instead of overflowing: the long-nanosecond range ends in 2262, DateTime goes on to 9999.
        return ticks > long.MaxValue / NanosPerTick ? long.MaxValue
            : ticks < long.MinValue / NanosPerTick ? long.MinValue
            : ticks * NanosPerTick;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool RefreshState(long unixNanos, ref SessionCursor cursor)
    {
        bool open = StateAt(unixNanos, out long from, out long to);
        cursor.StateFrom = from;
        cursor.StateTo = to;
        cursor.Open = open;
        return open;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefreshDay(long unixNanos, ref SessionCursor cursor)
    {
        var date = TradingDate(unixNanos);
        long from = TradingDayStart(date);
        long to = TradingDayStart(date.AddDays(1));
        int key = DayKey(date);
        if (unixNanos >= from && unixNanos < to)
        {
            cursor.DayFrom = from;
            cursor.DayTo = to;
        }
        else
        {
            // Only when local midnight does not exist (a DST gap at 00:00 in some zones): answer without caching.
            cursor.DayFrom = 0;
            cursor.DayTo = 0;
        }

        cursor.Day = key;
        return key;
    }
}
