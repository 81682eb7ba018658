namespace MultiAsset.Engine.Model.Instruments;

/// <summary>
/// Caller-owned cache for the hot-path queries of one <see cref="TradingCalendar"/>: the interval around the last
/// queried instant in which the open/closed state (and, separately, the trading day) cannot change.
/// </summary>
/// <remarks>
/// <para><c>default</c> is a valid, empty cursor: the first query fills it. Keep one cursor per calendar and per
/// owner (typically one per instrument, inside the owning stage's state); it is a plain struct, so it is not
/// thread-safe by itself, but each owner has its own copy and the calendar it caches is immutable.</para>
/// <para>Using a cursor filled by one calendar with another calendar gives the first calendar's answer until the
/// time leaves the cached window: the check is left out on purpose to keep the common case at two comparisons.</para>
/// </remarks>
public struct SessionCursor
{
    /// <summary>Start (inclusive, Unix nanoseconds) of the cached constant-state interval.</summary>
    internal long StateFrom;

    /// <summary>End (exclusive, Unix nanoseconds) of the cached constant-state interval.</summary>
    internal long StateTo;

    /// <summary>The open/closed state throughout [<see cref="StateFrom"/>, <see cref="StateTo"/>).</summary>
    internal bool Open;

    /// <summary>Start (inclusive) of the cached trading day.</summary>
    internal long DayFrom;

    /// <summary>End (exclusive) of the cached trading day.</summary>
    internal long DayTo;

    /// <summary>The cached trading day, yyyymmdd.</summary>
    internal int Day;

    /// <summary>Start (inclusive, Unix nanoseconds) of the interval in which the cached open/closed state holds.</summary>
    public readonly long WindowStart => StateFrom;

    /// <summary>End (exclusive, Unix nanoseconds) of the interval in which the cached open/closed state holds.</summary>
    public readonly long WindowEnd => StateTo;

    /// <summary>The cached state: whether the market is open throughout [<see cref="WindowStart"/>, <see cref="WindowEnd"/>).</summary>
    public readonly bool IsOpenInWindow => Open;

    /// <summary>Empties the cache so the next query recomputes (e.g. after switching calendars).</summary>
    public void Reset() => this = default;
}
