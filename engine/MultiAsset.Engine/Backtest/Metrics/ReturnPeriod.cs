namespace MultiAsset.Engine.Backtest.Metrics;

/// <summary>How the equity curve is cut into the periods whose returns feed volatility, Sharpe, Sortino and the benchmark statistics.</summary>
public enum ReturnPeriod
{
    /// <summary>
    /// One period per UTC calendar day that has at least one sample: the period's closing equity is the last sample of
    /// that day; the first period opens at the very first sample. Days without samples are skipped (no zero return is
    /// invented for a weekend or holiday). The convention for stocks and crypto (daily candles close at 00:00 UTC).
    /// </summary>
    DailyUtc = 0,

    /// <summary>Every sample closes a period: returns between consecutive samples (bar-by-bar); the caller states the periods per year.</summary>
    EverySample = 1,

    /// <summary>
    /// As <see cref="DailyUtc"/>, but the day rolls at 17:00 America/New_York (daylight saving included): the FX
    /// market's trading day. The Sunday-evening open then belongs to Monday and the Friday close ends Friday, so an
    /// FX week has five periods, not six (UTC midnight would make Sunday evening a day of its own). US stock sessions
    /// (closing 16:00 New York) fall inside one such day too, so a portfolio holding FX uses it for every class.
    /// </summary>
    DailyNewYork1700 = 2,
}
