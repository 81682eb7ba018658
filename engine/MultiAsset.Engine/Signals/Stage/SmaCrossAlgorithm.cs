using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// Runs one <see cref="SmaCrossStrategy"/> per instrument on one timeframe, fed the completed bars' fixed-point closes
/// (not doubles: the crossing rule is exact) and the strategy's own execution reports (its position is by fills).
/// Dispatch is an index over the catalogue, as in <see cref="PerInstrumentBarAlgorithm"/>.
/// </summary>
internal sealed class SmaCrossAlgorithm : IStrategyAlgorithm
{
    private readonly SmaCrossStrategy[] strategies;
    private readonly BarWatch[] watches;
    private readonly int[] slotOf;

    public SmaCrossAlgorithm(IReadOnlyList<InstrumentId> instruments, int timeframe, int instrumentCount, SmaCrossParameters parameters)
    {
        Instruments = [.. instruments];
        strategies = new SmaCrossStrategy[instruments.Count];
        watches = new BarWatch[instruments.Count];
        slotOf = new int[instrumentCount];
        Array.Fill(slotOf, -1);
        for (var i = 0; i < instruments.Count; i++)
        {
            strategies[i] = new SmaCrossStrategy(instruments[i], parameters);
            watches[i] = new BarWatch(instruments[i], timeframe);
            slotOf[instruments[i].Value] = i;
        }
    }

    public IReadOnlyList<InstrumentId> Instruments { get; }

    public int MaxSignalsPerEvent => SmaCrossStrategy.MaxSignalsPerBar;

    public int OnEvent(ref readonly InputEvent evt, MarketAnalytics analytics, Span<StrategySignal> output)
    {
        var slot = slotOf[evt.Instrument.Value];
        if (slot < 0 || !watches[slot].TryTakeNewBar(analytics, out var bar))
        {
            return 0;
        }

        return strategies[slot].OnBar(bar.End, bar.Close, output);
    }

    public void OnExecution(ref readonly InputEvent evt)
    {
        var instrument = evt.Instrument.Value;
        if ((uint)instrument < (uint)slotOf.Length && slotOf[instrument] is var slot and >= 0)
        {
            strategies[slot].OnExecution(in evt.Execution);
        }
    }

    public void AppendDigest(StateDigestBuilder digest)
    {
        for (var i = 0; i < strategies.Length; i++)
        {
            watches[i].AppendDigest(digest);
            strategies[i].AppendDigest(digest);
        }
    }
}
