namespace MultiAsset.Engine.MarketData.Analytics;

/// <summary>A trading session [<see cref="Open"/>, <see cref="Close"/>) in ns since the Unix epoch.</summary>
/// <param name="Open">Session start.</param>
/// <param name="Close">Session end (exclusive).</param>
public readonly record struct SessionBounds(long Open, long Close)
{
    /// <summary>True when <paramref name="time"/> is inside the session.</summary>
    public bool Contains(long time) => time >= Open && time < Close;
}

/// <summary>
/// The session containing <paramref name="time"/> for an instrument, or the next one if the market is closed then.
/// Called only when time leaves the cached session (not per event), so it may do time-zone arithmetic.
/// </summary>
public delegate SessionBounds SessionResolver(int instrument, long time);
