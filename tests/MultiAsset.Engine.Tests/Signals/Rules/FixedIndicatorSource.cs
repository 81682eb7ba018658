using MultiAsset.Engine.Model;
using MultiAsset.Engine.Signals.Rules;

namespace MultiAsset.Engine.Tests.Signals.Rules;

/// <summary>Indicator values set by the test; anything not set reads NaN ("no data yet").</summary>
internal sealed class FixedIndicatorSource : IIndicatorSource
{
    private readonly Dictionary<(IndicatorKind Kind, int Instrument, int Other, int Timeframe), double> values = [];

    /// <summary>Sets a single-instrument indicator; <paramref name="timeframeSeconds"/> 0 = the indicator has none.</summary>
    public FixedIndicatorSource Set(string symbol, IndicatorKind kind, double value, int timeframeSeconds = 0)
    {
        values[(kind, RuleTestFixture.Id(symbol).Value, -1, timeframeSeconds == 0 ? -1 : RuleTestFixture.Tf(timeframeSeconds))] = value;
        return this;
    }

    /// <summary>Sets the correlation of two instruments.</summary>
    public FixedIndicatorSource SetCorrelation(string a, string b, double value)
    {
        values[(IndicatorKind.Correlation, RuleTestFixture.Id(a).Value, RuleTestFixture.Id(b).Value, -1)] = value;
        return this;
    }

    public double Read(IndicatorKind indicator, InstrumentId instrument, InstrumentId other, int timeframe)
        => values.TryGetValue((indicator, instrument.Value, other.Value, timeframe), out var value) ? value : double.NaN;
}
