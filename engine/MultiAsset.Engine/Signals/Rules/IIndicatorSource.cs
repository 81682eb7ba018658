using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Signals.Rules;

/// <summary>
/// Where a compiled trigger reads indicator values. <see cref="MarketAnalyticsIndicatorSource"/> reads the live
/// analytics; tests supply fixed values. Implement it on a struct to let the JIT specialise and inline the evaluator.
/// </summary>
public interface IIndicatorSource
{
    /// <summary>
    /// The current value of <paramref name="indicator"/> for <paramref name="instrument"/> (and <paramref name="other"/>
    /// for correlation, else <see cref="InstrumentId.None"/>) at timeframe index <paramref name="timeframe"/> (−1 when
    /// the indicator has none). NaN when there is not enough data yet. Must not allocate.
    /// </summary>
    double Read(IndicatorKind indicator, InstrumentId instrument, InstrumentId other, int timeframe);
}
