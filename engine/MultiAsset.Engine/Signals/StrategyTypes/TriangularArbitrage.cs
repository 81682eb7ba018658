using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>
/// FX triangular arbitrage over currencies X, Y, Z with pairs XY (e.g. EURUSD), YZ (USDJPY) and the cross XZ
/// (EURJPY). The synthetic cross XY·YZ is compared with the direct one at executable prices (asks to buy, bids to
/// sell, so the spread of every leg is paid) and after a fee on each of the three legs; when the round trip keeps
/// more than <see cref="ArbitrageParameters.MinNetEdgeBps"/>, the three legs are emitted. Stateless per quote apart
/// from diagnostics, O(1), no allocation.
/// </summary>
/// <remarks>
/// Two cycles exist. Sell the cross: buy X with Y at XY ask, buy Y with Z at YZ ask, sell X for Z at XZ bid; gross
/// = XZ.bid / (XY.ask · YZ.ask). Buy the cross: buy X with Z at XZ ask, sell X for Y at XY bid, sell Y for Z at YZ
/// bid; gross = XY.bid · YZ.bid / XZ.ask. Net = gross · (1 − fee)³ − 1, as each leg's fee shrinks what is carried
/// to the next leg. Both cannot be positive at once with uncrossed quotes.
/// </remarks>
public sealed class TriangularArbitrage
{
    /// <summary>Most signals one quote update can produce (three legs).</summary>
    public const int MaxSignalsPerUpdate = 3;

    private readonly InstrumentId xy;
    private readonly InstrumentId yz;
    private readonly InstrumentId xz;
    private readonly ArbitrageParameters parameters;
    private BarClock clock;
    private long opportunities;

    /// <summary>Creates the detector for the triangle XY, YZ, XZ.</summary>
    public TriangularArbitrage(InstrumentId xy, InstrumentId yz, InstrumentId xz, ArbitrageParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (xy == yz || yz == xz || xy == xz)
        {
            throw new ArgumentException("A triangle needs three different instruments.", nameof(xz));
        }

        this.xy = xy;
        this.yz = yz;
        this.xz = xz;
        this.parameters = parameters;
    }

    /// <summary>Best net edge of the two cycles at the last update, basis points (negative when none pays).</summary>
    public double LastNetEdgeBps { get; private set; }

    /// <summary>Number of updates that emitted legs.</summary>
    public long Opportunities => opportunities;

    /// <summary>
    /// Evaluates one snapshot of the three quotes; writes the three legs (signed quantities in each pair's base
    /// currency) when the net edge exceeds the threshold, and returns how many signals were written (0 or 3).
    /// </summary>
    public int OnQuotes(long time, BidAsk xyQuote, BidAsk yzQuote, BidAsk xzQuote, Span<StrategySignal> output)
    {
        ParameterGuard.Output(output.Length, MaxSignalsPerUpdate, nameof(output));
        xyQuote.Validate(nameof(xyQuote));
        yzQuote.Validate(nameof(yzQuote));
        xzQuote.Validate(nameof(xzQuote));
        clock.Advance(time);

        double keep = parameters.FeeKeep;
        double feeFactor = keep * keep * keep;
        double sellCross = (xzQuote.Bid / (xyQuote.Ask * yzQuote.Ask) * feeFactor) - 1;
        double buyCross = (xyQuote.Bid * yzQuote.Bid / xzQuote.Ask * feeFactor) - 1;
        double best = Math.Max(sellCross, buyCross);
        LastNetEdgeBps = best * 10_000;
        if (best <= 0 || LastNetEdgeBps <= parameters.MinNetEdgeBps)
        {
            return 0;
        }

        double q = parameters.Quantity;
        if (sellCross >= buyCross)
        {
            // Buy q X (pay q·XY.ask of Y), buy that Y with Z, sell the q X for Z directly.
            output[0] = new StrategySignal(xy, q, SignalReason.ArbitrageLeg);
            output[1] = new StrategySignal(yz, q * xyQuote.Ask, SignalReason.ArbitrageLeg);
            output[2] = new StrategySignal(xz, -q, SignalReason.ArbitrageLeg);
        }
        else
        {
            // Buy q X with Z directly, sell the q X for Y, sell that Y (q·XY.bid) for Z.
            output[0] = new StrategySignal(xy, -q, SignalReason.ArbitrageLeg);
            output[1] = new StrategySignal(yz, -q * xyQuote.Bid, SignalReason.ArbitrageLeg);
            output[2] = new StrategySignal(xz, q, SignalReason.ArbitrageLeg);
        }

        opportunities++;
        return 3;
    }

    /// <summary>Adds the detector state to a stage digest.</summary>
    public void AppendDigest(StateDigestBuilder digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        digest.Add(xy.Value).Add(yz.Value).Add(xz.Value).Add(LastNetEdgeBps).Add(opportunities);
        clock.AppendDigest(digest);
    }
}
