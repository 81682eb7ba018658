namespace MultiAsset.Engine.Backtest.Metrics;

/// <summary>How the equity curve is cut into the periods whose returns feed volatility, Sharpe, Sortino and the benchmark statistics.</summary>
public enum ReturnPeriod
{
    /// <summary>
    /// One period per UTC calendar day that has at least one sample: the period's closing equity is the last sample of
    /// that day; the first period opens at the very first sample. Days without samples are skipped (no zero return is
    /// invented for a weekend or holiday).
    /// </summary>
    DailyUtc = 0,

    /// <summary>Every sample closes a period: returns between consecutive samples (bar-by-bar); the caller states the periods per year.</summary>
    EverySample = 1,
}
