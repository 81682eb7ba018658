using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// One strategy object per instrument on one timeframe, fed each instrument's completed bars. The event's instrument
/// finds its slot through a dense array over the catalogue, so dispatch is an index, not a lookup. Subclasses say how
/// a bar reaches their strategy type (<see cref="PerInstrumentBarAlgorithm"/>, <see cref="SmaCrossAlgorithm"/>).
/// </summary>
/// <typeparam name="TStrategy">The per-instrument strategy.</typeparam>
internal abstract class PerInstrumentAlgorithm<TStrategy> : IStrategyAlgorithm
    where TStrategy : class
{
    private readonly TStrategy[] strategies;
    private readonly BarWatch[] watches;
    private readonly int[] slotOf;

    protected PerInstrumentAlgorithm(IReadOnlyList<InstrumentId> instruments, int timeframe, int instrumentCount, Func<InstrumentId, TStrategy> create)
    {
        Instruments = [.. instruments];
        strategies = new TStrategy[instruments.Count];
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

    public abstract int MaxSignalsPerEvent { get; }

    public int OnEvent(ref readonly InputEvent evt, MarketAnalytics analytics, Span<StrategySignal> output)
    {
        var slot = slotOf[evt.Instrument.Value];
        if (slot < 0 || !watches[slot].TryTakeNewBar(analytics, out var bar))
        {
            return 0;
        }

        return OnBar(strategies[slot], in bar, output);
    }

    public void AppendDigest(StateDigestBuilder digest)
    {
        for (var i = 0; i < strategies.Length; i++)
        {
            watches[i].AppendDigest(digest);
            AppendDigest(strategies[i], digest);
        }
    }

    /// <summary>The strategy of <paramref name="instrument"/>, or null when this algorithm does not trade it.</summary>
    protected TStrategy? StrategyOf(InstrumentId instrument)
        => (uint)instrument.Value < (uint)slotOf.Length && slotOf[instrument.Value] is var slot and >= 0 ? strategies[slot] : null;

    /// <summary>Hands a completed bar to its instrument's strategy; returns the number of signals written.</summary>
    protected abstract int OnBar(TStrategy strategy, in BarSnapshot bar, Span<StrategySignal> output);

    /// <summary>Adds the strategy's state to the digest.</summary>
    protected abstract void AppendDigest(TStrategy strategy, StateDigestBuilder digest);
}
