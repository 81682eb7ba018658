using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.MarketData.Analytics;

/// <summary>
/// The session containing <paramref name="time"/> for an instrument, or the next one if the market is closed then.
/// Called only when time leaves the cached session (not per event), so it may do time-zone arithmetic.
/// </summary>
/// <param name="instrument">Instrument id.</param>
/// <param name="time">Event time, ns since the Unix epoch.</param>
public delegate SessionWindow SessionResolver(int instrument, long time);
