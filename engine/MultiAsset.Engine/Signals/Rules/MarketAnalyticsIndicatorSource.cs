using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Signals.Rules;

/// <summary>
/// Reads trigger indicators from <see cref="MarketAnalytics"/>. A struct holding one reference, so evaluating through
/// it is allocation-free and the JIT specialises <see cref="CompiledTrigger.Evaluate{TSource}(TSource)"/> for it.
/// Prices the analytics report as 0 before any data are turned into NaN here, so "no data yet" never fires a trigger.
/// </summary>
/// <param name="analytics">The analytics to read.</param>
public readonly struct MarketAnalyticsIndicatorSource(MarketAnalytics analytics) : IIndicatorSource
{
    /// <inheritdoc/>
    public double Read(IndicatorKind indicator, InstrumentId instrument, InstrumentId other, int timeframe)
    {
        switch (indicator)
        {
            case IndicatorKind.Price:
                // Updates, not Last == 0: a policy rate of exactly 0 (JPY, CHF) is a real value.
                ref readonly var state = ref analytics.Instrument(instrument);
                return state.Updates == 0 ? double.NaN : state.Last / 1e8;
            case IndicatorKind.Mid:
                return HasQuote(instrument) ? analytics.Mid(instrument).ToDouble() : double.NaN;
            case IndicatorKind.Spread:
                return HasQuote(instrument) ? analytics.Spread(instrument).ToDouble() : double.NaN;
            case IndicatorKind.Return:
                return analytics.Return(instrument, timeframe, 1);
            case IndicatorKind.Momentum:
                return analytics.Momentum(instrument, timeframe);
            case IndicatorKind.Volatility:
                return analytics.AnnualisedVolatility(instrument, timeframe);
            case IndicatorKind.ZScore:
                return analytics.ZScore(instrument, timeframe);
            case IndicatorKind.Vwap:
                return analytics.Vwap(instrument);
            case IndicatorKind.Correlation:
                return analytics.Covariance.Correlation(instrument.Value, other.Value);
            default:
                return double.NaN;
        }
    }

    private bool HasQuote(InstrumentId instrument)
    {
        ref readonly var state = ref analytics.Instrument(instrument);
        return state.Bid != 0 || state.Ask != 0;
    }
}
