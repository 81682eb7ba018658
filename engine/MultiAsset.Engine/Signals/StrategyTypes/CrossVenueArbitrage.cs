using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>
/// Cross-venue discrepancy on one asset quoted on two venues: when one venue's bid exceeds the other's ask by more
/// than a fee on each leg plus <see cref="ArbitrageParameters.MinNetEdgeBps"/>, buy on the cheap venue and sell on
/// the rich one. O(1), no allocation.
/// </summary>
/// <remarks>Net = bid·(1 − fee) / (ask·(1 + fee)) − 1: selling earns the bid less a fee, buying costs the ask plus one.</remarks>
public sealed class CrossVenueArbitrage
{
    /// <summary>Most signals one quote update can produce (two legs).</summary>
    public const int MaxSignalsPerUpdate = 2;

    private readonly InstrumentId venueA;
    private readonly InstrumentId venueB;
    private readonly ArbitrageParameters parameters;
    private BarClock clock;
    private long opportunities;

    /// <summary>Creates the detector; each venue's listing of the asset is its own instrument.</summary>
    public CrossVenueArbitrage(InstrumentId venueA, InstrumentId venueB, ArbitrageParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (venueA == venueB)
        {
            throw new ArgumentException("Cross-venue arbitrage needs two different listings.", nameof(venueB));
        }

        this.venueA = venueA;
        this.venueB = venueB;
        this.parameters = parameters;
    }

    /// <summary>Best net edge of the two directions at the last update, basis points.</summary>
    public double LastNetEdgeBps { get; private set; }

    /// <summary>Number of updates that emitted legs.</summary>
    public long Opportunities => opportunities;

    /// <summary>Evaluates both venues' quotes; writes the buy and sell legs (0 or 2 signals) and returns the count.</summary>
    public int OnQuotes(long time, BidAsk quoteA, BidAsk quoteB, Span<StrategySignal> output)
    {
        ParameterGuard.Output(output.Length, MaxSignalsPerUpdate, nameof(output));
        quoteA.Validate(nameof(quoteA));
        quoteB.Validate(nameof(quoteB));
        clock.Advance(time);

        double fee = parameters.FeeBps / 10_000;
        double buyASellB = (quoteB.Bid * (1 - fee) / (quoteA.Ask * (1 + fee))) - 1;
        double buyBSellA = (quoteA.Bid * (1 - fee) / (quoteB.Ask * (1 + fee))) - 1;
        double best = Math.Max(buyASellB, buyBSellA);
        LastNetEdgeBps = best * 10_000;
        if (best <= 0 || LastNetEdgeBps <= parameters.MinNetEdgeBps)
        {
            return 0;
        }

        double q = parameters.Quantity;
        bool buyA = buyASellB >= buyBSellA;
        output[0] = new StrategySignal(venueA, buyA ? q : -q, SignalReason.ArbitrageLeg);
        output[1] = new StrategySignal(venueB, buyA ? -q : q, SignalReason.ArbitrageLeg);
        opportunities++;
        return 2;
    }

    /// <summary>Adds the detector state to a stage digest.</summary>
    public void AppendDigest(StateDigestBuilder digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        digest.Add(venueA.Value).Add(venueB.Value).Add(LastNetEdgeBps).Add(opportunities);
        clock.AppendDigest(digest);
    }
}
