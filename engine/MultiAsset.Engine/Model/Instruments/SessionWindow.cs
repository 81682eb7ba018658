namespace MultiAsset.Engine.Model.Instruments;

/// <summary>
/// One trading session as the half-open interval [<see cref="Open"/>, <see cref="Close"/>) of Unix nanoseconds,
/// with the trading day it belongs to. Bar aggregation aligns daily bars to it and cuts intraday bars at the close.
/// </summary>
/// <param name="Open">First instant of the session, Unix nanoseconds (UTC).</param>
/// <param name="Close">First instant after the session, Unix nanoseconds (UTC).</param>
/// <param name="TradingDay">The session's trading day as yyyymmdd (e.g. 20260302).</param>
public readonly record struct SessionWindow(long Open, long Close, int TradingDay)
{
    /// <summary>Whether <paramref name="unixNanos"/> lies in [<see cref="Open"/>, <see cref="Close"/>).</summary>
    public bool Contains(long unixNanos) => unixNanos >= Open && unixNanos < Close;

    /// <summary>Length of the session in nanoseconds.</summary>
    public long DurationNanos => Close - Open;
}
