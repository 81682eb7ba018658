using MultiAsset.Engine.Model;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Tests.Signals.StrategyTypes;

public sealed class ArbitrageTests
{
    private static readonly InstrumentId EurUsd = new(10);
    private static readonly InstrumentId UsdJpy = new(11);
    private static readonly InstrumentId EurJpy = new(12);
    private static readonly BidAsk EurUsdQuote = new(1.1000, 1.1001);
    private static readonly BidAsk UsdJpyQuote = new(150.00, 150.01);

    // 1 bp per leg: the round trip keeps 0.9999³ of the gross.
    private static readonly double FeeFactor = Math.Pow(0.9999, 3);

    [Fact]
    public void Cross_bid_above_synthetic_ask_plus_costs_fires_the_three_legs()
    {
        var arb = new TriangularArbitrage(EurUsd, UsdJpy, EurJpy, new ArbitrageParameters(feeBps: 1, quantity: 1_000_000));
        // Break-even cross bid: synthetic ask (1.1001 · 150.01 = 165.026001) grossed up for three fees.
        double breakEven = 1.1001 * 150.01 / FeeFactor;
        Span<StrategySignal> output = stackalloc StrategySignal[TriangularArbitrage.MaxSignalsPerUpdate];

        Assert.Equal(3, arb.OnQuotes(1, EurUsdQuote, UsdJpyQuote, new BidAsk(breakEven * 1.0001, breakEven * 1.0002), output));
        Assert.Equal(1.0, arb.LastNetEdgeBps, 1e-6);
        Assert.Equal(new StrategySignal(EurUsd, 1_000_000, SignalReason.ArbitrageLeg), output[0]);
        Assert.Equal(UsdJpy, output[1].Instrument);
        Assert.Equal(1_100_100, output[1].TargetPosition, 1e-6); // buy the USD the EUR purchase costs
        Assert.Equal(new StrategySignal(EurJpy, -1_000_000, SignalReason.ArbitrageLeg), output[2]);
    }

    [Fact]
    public void Edge_just_below_costs_does_not_fire()
    {
        var arb = new TriangularArbitrage(EurUsd, UsdJpy, EurJpy, new ArbitrageParameters(feeBps: 1));
        double breakEven = 1.1001 * 150.01 / FeeFactor;
        Span<StrategySignal> output = stackalloc StrategySignal[3];

        // Gross edge ≈ 2.99 bp beats the spread but not the 3 bp of fees.
        Assert.Equal(0, arb.OnQuotes(1, EurUsdQuote, UsdJpyQuote, new BidAsk(breakEven * 0.999999, breakEven * 1.0001), output));
        Assert.True(arb.LastNetEdgeBps < 0);
        Assert.Equal(0, arb.Opportunities);
    }

    [Fact]
    public void Cross_ask_below_synthetic_bid_buys_the_cross()
    {
        var arb = new TriangularArbitrage(EurUsd, UsdJpy, EurJpy, new ArbitrageParameters(feeBps: 1, minNetEdgeBps: 0.5));
        double breakEven = 1.1000 * 150.00 * FeeFactor; // synthetic bid net of fees
        Span<StrategySignal> output = stackalloc StrategySignal[3];

        Assert.Equal(3, arb.OnQuotes(1, EurUsdQuote, UsdJpyQuote, new BidAsk(breakEven * 0.9998, breakEven * 0.9999), output));
        Assert.Equal(1 / 0.9999 * 10_000 - 10_000, arb.LastNetEdgeBps, 1e-6);
        Assert.Equal(new StrategySignal(EurUsd, -1, SignalReason.ArbitrageLeg), output[0]);
        Assert.Equal(-1.1000, output[1].TargetPosition, 1e-12);
        Assert.Equal(new StrategySignal(EurJpy, 1, SignalReason.ArbitrageLeg), output[2]);

        // Same geometry but an edge (≈ 0.2 bp) under the 0.5 bp threshold: nothing.
        Assert.Equal(0, arb.OnQuotes(2, EurUsdQuote, UsdJpyQuote, new BidAsk(breakEven * 0.9998, breakEven * 0.99998), output));
    }

    [Fact]
    public void Fair_quotes_never_fire()
    {
        var arb = new TriangularArbitrage(EurUsd, UsdJpy, EurJpy, new ArbitrageParameters(feeBps: 0));
        Span<StrategySignal> output = stackalloc StrategySignal[3];
        Assert.Equal(0, arb.OnQuotes(1, EurUsdQuote, UsdJpyQuote, new BidAsk(1.1000 * 150.00, 1.1001 * 150.01), output));
    }

    [Fact]
    public void Crossed_quote_is_rejected_with_its_name()
    {
        var arb = new TriangularArbitrage(EurUsd, UsdJpy, EurJpy, new ArbitrageParameters(feeBps: 1));
        var output = new StrategySignal[3];
        Assert.Equal("yzQuote", Assert.Throws<ArgumentOutOfRangeException>(() => arb.OnQuotes(1, EurUsdQuote, new BidAsk(150.02, 150.01), new BidAsk(165, 165.1), output)).ParamName);
    }

    [Fact]
    public void Cross_venue_discrepancy_fires_net_of_fees_only()
    {
        var arb = new CrossVenueArbitrage(new InstrumentId(20), new InstrumentId(21), new ArbitrageParameters(feeBps: 5, quantity: 2));
        Span<StrategySignal> output = stackalloc StrategySignal[CrossVenueArbitrage.MaxSignalsPerUpdate];

        // Venue B bid beats venue A ask by 20 bp; fees cost ≈ 10 bp ⇒ fires: buy A, sell B.
        Assert.Equal(2, arb.OnQuotes(1, new BidAsk(99.9, 100.0), new BidAsk(100.2, 100.3), output));
        Assert.Equal(new StrategySignal(new InstrumentId(20), 2, SignalReason.ArbitrageLeg), output[0]);
        Assert.Equal(new StrategySignal(new InstrumentId(21), -2, SignalReason.ArbitrageLeg), output[1]);
        Assert.Equal(((100.2 * 0.9995 / (100.0 * 1.0005)) - 1) * 10_000, arb.LastNetEdgeBps, 1e-9);

        // Venue B bid only 8 bp over: the spread is crossed but fees eat it.
        Assert.Equal(0, arb.OnQuotes(2, new BidAsk(99.9, 100.0), new BidAsk(100.08, 100.3), output));
        Assert.Equal(1, arb.Opportunities);
    }
}
