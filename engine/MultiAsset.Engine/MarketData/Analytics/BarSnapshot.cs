using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.MarketData.Analytics;

/// <summary>A completed time bar: OHLCV over [<see cref="Start"/>, <see cref="End"/>) in event time.</summary>
/// <param name="Start">Bar start, ns since the Unix epoch.</param>
/// <param name="End">Bar end (exclusive): the interval end, or the session close if that came first.</param>
/// <param name="Open">First price.</param>
/// <param name="High">Highest price.</param>
/// <param name="Low">Lowest price.</param>
/// <param name="Close">Last price.</param>
/// <param name="Volume">Traded volume (trades and incoming bars; quotes add none).</param>
/// <param name="Updates">Price updates aggregated.</param>
public readonly record struct BarSnapshot(long Start, long End, Price Open, Price High, Price Low, Price Close, Quantity Volume, int Updates);
