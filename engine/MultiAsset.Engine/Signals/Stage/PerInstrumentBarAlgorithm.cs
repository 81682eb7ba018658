using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// Runs one <see cref="IBarStrategy"/> per instrument (momentum, mean reversion) on one timeframe. The event's
/// instrument finds its slot through a dense array over the catalogue, so dispatch is an index, not a lookup.
/// </summary>
internal sealed class PerInstrumentBarAlgorithm : IStrategyAlgorithm
{
    private readonly IBarStrategy[] strategies;
    private readonly BarWatch[] watches;
    private readonly int[] slotOf;

    public PerInstrumentBarAlgorithm(IReadOnlyList<InstrumentId> instruments, int timeframe, int instrumentCount, Func<InstrumentId, IBarStrategy> create)
    {
        Instruments = [.. instruments];
        strategies = new IBarStrategy[instruments.Count];
        watches = new BarWatch[instruments.Count];
        slotOf = new int[instrumentCount];
        Array.Fill(slotOf, -1);
        for (var i = 0; i < instruments.Count; i++)
        {
            strategies[i] = create(instruments[i]);
            watches[i] = new BarWatch(instruments[i], timeframe);
            slotOf[instruments[i].Value] = i;
        }
    }

    public IReadOnlyList<InstrumentId> Instruments { get; }

    public int MaxSignalsPerEvent => 1;

    public int OnEvent(ref readonly InputEvent evt, MarketAnalytics analytics, Span<StrategySignal> output)
    {
        var slot = slotOf[evt.Instrument.Value];
        if (slot < 0 || !watches[slot].TryTakeNewBar(analytics, out var bar))
        {
            return 0;
        }

        return strategies[slot].OnBar(bar.End, bar.Close.ToDouble(), output);
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
