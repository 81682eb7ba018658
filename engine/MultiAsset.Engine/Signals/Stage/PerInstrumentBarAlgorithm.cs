using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>Runs one <see cref="IBarStrategy"/> per instrument (momentum, mean reversion) on one timeframe, on the bars' closes as doubles.</summary>
internal sealed class PerInstrumentBarAlgorithm(IReadOnlyList<InstrumentId> instruments, int timeframe, int instrumentCount, Func<InstrumentId, IBarStrategy> create)
    : PerInstrumentAlgorithm<IBarStrategy>(instruments, timeframe, instrumentCount, create)
{
    public override int MaxSignalsPerEvent => 1;

    protected override int OnBar(IBarStrategy strategy, in BarSnapshot bar, Span<StrategySignal> output) => strategy.OnBar(bar.End, bar.Close.ToDouble(), output);

    protected override void AppendDigest(IBarStrategy strategy, StateDigestBuilder digest) => strategy.AppendDigest(digest);
}
