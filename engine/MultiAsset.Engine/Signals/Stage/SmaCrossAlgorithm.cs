using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// Runs one <see cref="SmaCrossStrategy"/> per instrument on one timeframe, fed the completed bars' fixed-point closes
/// (not doubles: the crossing rule is exact) and the strategy's own execution reports (its position is by fills).
/// </summary>
internal sealed class SmaCrossAlgorithm(IReadOnlyList<InstrumentId> instruments, int timeframe, int instrumentCount, SmaCrossParameters parameters)
    : PerInstrumentAlgorithm<SmaCrossStrategy>(instruments, timeframe, instrumentCount, id => new SmaCrossStrategy(id, parameters)), IStrategyAlgorithm
{
    public override int MaxSignalsPerEvent => SmaCrossStrategy.MaxSignalsPerBar;

    // Re-implements IStrategyAlgorithm (above) so this replaces the interface's default, which does nothing.
    public void OnExecution(ref readonly InputEvent evt) => StrategyOf(evt.Instrument)?.OnExecution(in evt.Execution);

    protected override int OnBar(SmaCrossStrategy strategy, in BarSnapshot bar, Span<StrategySignal> output) => strategy.OnBar(bar.End, bar.Close, output);

    protected override void AppendDigest(SmaCrossStrategy strategy, StateDigestBuilder digest) => strategy.AppendDigest(digest);
}
