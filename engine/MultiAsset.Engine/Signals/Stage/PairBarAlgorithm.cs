using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// Runs one <see cref="IPairBarStrategy"/> (pairs, correlation) on two instruments: each leg's newest completed bar is
/// held until the other leg has completed the bar ending at the same time, so the algorithm always sees the two
/// closes of one interval. A leg that skips an interval (no trades) makes the older unmatched bar wait to be replaced.
/// </summary>
internal sealed class PairBarAlgorithm : IStrategyAlgorithm
{
    private readonly IPairBarStrategy strategy;
    private BarWatch watchA;
    private BarWatch watchB;
    private BarSnapshot pendingA;
    private BarSnapshot pendingB;
    private long lastEnd;

    public PairBarAlgorithm(InstrumentId a, InstrumentId b, int timeframe, IPairBarStrategy strategy)
    {
        this.strategy = strategy;
        watchA = new BarWatch(a, timeframe);
        watchB = new BarWatch(b, timeframe);
        Instruments = [a, b];
    }

    public IReadOnlyList<InstrumentId> Instruments { get; }

    public int MaxSignalsPerEvent => 2;

    public int OnEvent(ref readonly InputEvent evt, MarketAnalytics analytics, Span<StrategySignal> output)
    {
        if (evt.Instrument == watchA.Instrument)
        {
            if (!watchA.TryTakeNewBar(analytics, out pendingA))
            {
                return 0;
            }
        }
        else if (evt.Instrument == watchB.Instrument)
        {
            if (!watchB.TryTakeNewBar(analytics, out pendingB))
            {
                return 0;
            }
        }

        if (pendingA.End == 0 || pendingA.End != pendingB.End || pendingA.End <= lastEnd)
        {
            return 0;
        }

        lastEnd = pendingA.End;
        return strategy.OnBar(lastEnd, pendingA.Close.ToDouble(), pendingB.Close.ToDouble(), output);
    }

    public void AppendDigest(StateDigestBuilder digest)
    {
        watchA.AppendDigest(digest);
        watchB.AppendDigest(digest);
        digest.Add(pendingA.End).Add(pendingA.Close.Raw).Add(pendingB.End).Add(pendingB.Close.Raw).Add(lastEnd);
        strategy.AppendDigest(digest);
    }
}
