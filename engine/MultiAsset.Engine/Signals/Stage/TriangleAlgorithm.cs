using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// Runs a <see cref="TriangularArbitrage"/> on the current quotes of its three legs, at most once per event time: the
/// detector requires strictly increasing time, and several legs quoting in the same nanosecond are one snapshot. After
/// it emits legs it waits a cooldown before looking again: the legs take time to execute, and a mispricing that
/// persists (the simulated cross drifting from its legs) must not re-send the same round trip on every quote.
/// </summary>
internal sealed class TriangleAlgorithm : IStrategyAlgorithm
{
    private readonly TriangularArbitrage detector;
    private readonly InstrumentId xy;
    private readonly InstrumentId yz;
    private readonly InstrumentId xz;
    private readonly long cooldown;
    private long lastTime = long.MinValue;
    private long quietUntil = long.MinValue;

    public TriangleAlgorithm(InstrumentId xy, InstrumentId yz, InstrumentId xz, ArbitrageParameters parameters, long cooldownNanoseconds)
    {
        cooldown = cooldownNanoseconds;
        this.xy = xy;
        this.yz = yz;
        this.xz = xz;
        detector = new TriangularArbitrage(xy, yz, xz, parameters);
        Instruments = [xy, yz, xz];
    }

    public IReadOnlyList<InstrumentId> Instruments { get; }

    public int MaxSignalsPerEvent => TriangularArbitrage.MaxSignalsPerUpdate;

    public int OnEvent(ref readonly InputEvent evt, MarketAnalytics analytics, Span<StrategySignal> output)
    {
        if (evt.Kind != InputEventKind.Quote || evt.Timestamp <= lastTime || evt.Timestamp < quietUntil
            || !TryQuote(analytics, xy, out var a) || !TryQuote(analytics, yz, out var b) || !TryQuote(analytics, xz, out var c))
        {
            return 0;
        }

        lastTime = evt.Timestamp;
        var legs = detector.OnQuotes(evt.Timestamp, a, b, c, output);
        if (legs > 0)
        {
            quietUntil = evt.Timestamp + cooldown;
        }

        return legs;
    }

    public void AppendDigest(StateDigestBuilder digest)
    {
        digest.Add(lastTime).Add(quietUntil);
        detector.AppendDigest(digest);
    }

    private static bool TryQuote(MarketAnalytics analytics, InstrumentId id, out BidAsk quote)
    {
        ref readonly var state = ref analytics.Instrument(id);
        quote = new BidAsk(state.Bid / (double)Price.Scale, state.Ask / (double)Price.Scale);
        return state.Bid > 0 && state.Ask >= state.Bid;
    }
}
