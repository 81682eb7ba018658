namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// How a simulated venue fills orders from bars when an instrument has no quote (bars-only data; <c>barFill</c> in
/// <c>config/venues.json</c>). Exact rules: docs/orders.md, "Bars-only data".
/// </summary>
public enum VenueBarFill
{
    /// <summary>
    /// <c>"close"</c> (the default when <c>barFill</c> is absent): the book is built around the bar's close and a market
    /// order fills against it at once.
    /// </summary>
    Close = 0,

    /// <summary>
    /// <c>"nextOpen"</c>: a market order waits at the venue and fills at the open of the first bar that starts at or after
    /// its arrival (decision time + fill latency), ± <c>barSpreadBps</c>, within <c>barParticipation</c> of that bar's volume.
    /// </summary>
    NextOpen = 1,

    /// <summary>
    /// <c>"nextVwap"</c>: as <see cref="NextOpen"/>, at the estimate (open + high + low + close) / 4 of that bar's VWAP,
    /// rounded to the nearest tick (half up).
    /// </summary>
    NextVwap = 2,
}
