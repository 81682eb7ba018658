using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// Runs a <see cref="TriangularArbitrage"/> on the current quotes of its three legs, at most once per event time (the
/// detector requires strictly increasing time, and several legs quoting in the same nanosecond are one snapshot), and
/// holds at most one round trip at a time, which it unwinds.
/// </summary>
/// <remarks>
/// <para><b>Sizing nets per currency.</b> A round trip trades q of X on XY and XZ (q = the <c>quantity</c> parameter
/// rounded up to a whole lot of both, done by the factory) and q·XY.ask (or q·XY.bid) of Y on YZ, rounded to the
/// nearest whole lot of YZ: X nets to exactly 0, Y to within half a YZ lot, and Z keeps the edge. A round trip whose
/// YZ leg rounds to zero lots is not traded (it could not net).</para>
/// <para><b>Round trips are unwound.</b> While a round trip is open the triangle sends no other; it unwinds it — a
/// <see cref="SignalReason.Unwind"/> (Close intent) on each of the three pairs — on the first quote snapshot where
/// either the holding time reached <c>maxHoldingPeriod</c>, or the edge reversed: the mid-price deviation of the cross
/// from its legs, d = mid(XZ) / (mid(XY)·mid(YZ)) − 1, is no longer on the side it was traded on (d ≤ 0 after selling
/// the rich cross, d ≥ 0 after buying the cheap one). After an unwind it waits <c>cooldownSeconds</c> before looking
/// again. So the strategy's position in each pair is always 0 or one round trip's leg: it cannot grow without
/// bound.</para>
/// </remarks>
internal sealed class TriangleAlgorithm : IStrategyAlgorithm
{
    private readonly TriangularArbitrage detector;
    private readonly InstrumentId xy;
    private readonly InstrumentId yz;
    private readonly InstrumentId xz;
    private readonly long cooldown;
    private readonly long maxHold;
    private readonly double yzLot;
    private long lastTime = long.MinValue;
    private long quietUntil = long.MinValue;
    private int openDirection;
    private long openedAt;

    /// <param name="xy">First leg (X/Y).</param>
    /// <param name="yz">Second leg (Y/Z).</param>
    /// <param name="xz">The cross (X/Z).</param>
    /// <param name="parameters">Detector parameters; the quantity is already a whole lot of XY and XZ.</param>
    /// <param name="cooldownNanoseconds">Quiet time after an unwind.</param>
    /// <param name="maxHoldNanoseconds">Longest a round trip is held before it is unwound.</param>
    /// <param name="yzLot">Lot size of the YZ leg (units of Y).</param>
    public TriangleAlgorithm(InstrumentId xy, InstrumentId yz, InstrumentId xz, ArbitrageParameters parameters, long cooldownNanoseconds, long maxHoldNanoseconds, double yzLot)
    {
        cooldown = cooldownNanoseconds;
        maxHold = maxHoldNanoseconds;
        this.yzLot = yzLot > 0 ? yzLot : throw new ArgumentOutOfRangeException(nameof(yzLot), yzLot, "The YZ lot must be positive.");
        this.xy = xy;
        this.yz = yz;
        this.xz = xz;
        detector = new TriangularArbitrage(xy, yz, xz, parameters);
        Instruments = [xy, yz, xz];
    }

    public IReadOnlyList<InstrumentId> Instruments { get; }

    public int MaxSignalsPerEvent => TriangularArbitrage.MaxSignalsPerUpdate;

    /// <summary>+1 while a round trip that sold the cross is open, −1 for one that bought it, 0 when flat.</summary>
    public int OpenDirection => openDirection;

    /// <summary>Round trips sent.</summary>
    public long RoundTrips { get; private set; }

    /// <summary>Round trips unwound.</summary>
    public long Unwinds { get; private set; }

    public int OnEvent(ref readonly InputEvent evt, MarketAnalytics analytics, Span<StrategySignal> output)
    {
        if (evt.Kind != InputEventKind.Quote || (evt.Instrument != xy && evt.Instrument != yz && evt.Instrument != xz) || evt.Timestamp <= lastTime
            || !TryQuote(analytics, xy, out var a) || !TryQuote(analytics, yz, out var b) || !TryQuote(analytics, xz, out var c))
        {
            return 0;
        }

        lastTime = evt.Timestamp;
        if (openDirection != 0)
        {
            var deviation = (Mid(c) / (Mid(a) * Mid(b))) - 1;
            if (evt.Timestamp - openedAt < maxHold && openDirection * deviation > 0)
            {
                return 0;
            }

            output[0] = new StrategySignal(xy, 0, SignalReason.Unwind);
            output[1] = new StrategySignal(yz, 0, SignalReason.Unwind);
            output[2] = new StrategySignal(xz, 0, SignalReason.Unwind);
            openDirection = 0;
            quietUntil = evt.Timestamp + cooldown;
            Unwinds++;
            return 3;
        }

        if (evt.Timestamp < quietUntil)
        {
            return 0;
        }

        var legs = detector.OnQuotes(evt.Timestamp, a, b, c, output);
        if (legs == 0)
        {
            return 0;
        }

        var yzLots = Math.Round(output[1].TargetPosition / yzLot, MidpointRounding.AwayFromZero);
        if (yzLots == 0)
        {
            return 0;
        }

        output[1] = output[1] with { TargetPosition = yzLots * yzLot };
        openDirection = output[2].TargetPosition < 0 ? 1 : -1;
        openedAt = evt.Timestamp;
        RoundTrips++;
        return legs;
    }

    public void AppendDigest(StateDigestBuilder digest)
    {
        digest.Add(lastTime).Add(quietUntil).Add(openDirection).Add(openedAt).Add(RoundTrips).Add(Unwinds);
        detector.AppendDigest(digest);
    }

    private static double Mid(BidAsk quote) => (quote.Bid + quote.Ask) / 2;

    private static bool TryQuote(MarketAnalytics analytics, InstrumentId id, out BidAsk quote)
    {
        ref readonly var state = ref analytics.Instrument(id);
        quote = new BidAsk(state.Bid / (double)Price.Scale, state.Ask / (double)Price.Scale);
        return state.Bid > 0 && state.Ask >= state.Bid;
    }
}
