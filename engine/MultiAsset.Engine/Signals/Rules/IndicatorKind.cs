namespace MultiAsset.Engine.Signals.Rules;

/// <summary>
/// What a trigger reads from the market-data analytics. Values are explicit: they are stored in compiled
/// instructions and may be written into digests.
/// </summary>
public enum IndicatorKind
{
    /// <summary>Last price of any kind (a bare symbol, e.g. <c>VIX</c>, or <c>price</c>); NaN before the first update.</summary>
    Price = 0,

    /// <summary>Mid price; NaN before the first quote.</summary>
    Mid = 1,

    /// <summary>Ask − bid; NaN before the first quote.</summary>
    Spread = 2,

    /// <summary>Simple return over the last completed bar of the timeframe.</summary>
    Return = 3,

    /// <summary>Return over the configured momentum look-back at the timeframe.</summary>
    Momentum = 4,

    /// <summary>Annualised EWMA volatility of bar log returns at the timeframe.</summary>
    Volatility = 5,

    /// <summary>Z-score of the last price against the rolling closes of the timeframe.</summary>
    ZScore = 6,

    /// <summary>Session volume-weighted average trade price.</summary>
    Vwap = 7,

    /// <summary>EWMA correlation of two instruments (needs both in the analytics' correlation universe).</summary>
    Correlation = 8,
}
