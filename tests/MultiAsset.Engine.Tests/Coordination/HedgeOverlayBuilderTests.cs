using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>
/// HedgeRisk with hedge instruments: the overlay's quantities from the signal stage's coefficients, by hand. One strategy
/// in "default" (equity 1 000 000, its whole capital; STOCK 70 %, CRYPTO 30 %), valued at intent prices (no FX).
/// </summary>
public sealed class HedgeOverlayBuilderTests
{
    private static IntentEvent Beta(CoordinationHarness h, StrategyId s, string instrument, string hedge, double coefficient, double hedgePrice)
    {
        var intent = h.Blank(s);
        intent.Kind = IntentKind.HedgeBeta;
        intent.Reason = IntentReason.Rebalance;
        intent.Rule = 0;
        intent.Instrument = h.Id(instrument);
        intent.HedgeInstrument = h.Id(hedge);
        intent.Weight = coefficient;
        intent.ReferencePrice = Price.FromDouble(hedgePrice);
        return intent;
    }

    private static IntentEvent HedgeRisk(CoordinationHarness h, StrategyId s, int hedges)
    {
        var intent = h.Rebalance(s, RebalanceAction.HedgeRisk, RebalanceTrigger.Volatility);
        intent.Weight = hedges;
        return intent;
    }

    [Fact]
    public void One_hedge_is_sold_against_the_beta_weighted_exposure_of_every_holding()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "AAPL", 1, 100));      // 1 000 000 × 70 % / 100 = 7 000 AAPL: 700 000
        h.Batch(h.Target(s, "BTCUSD", 1, 50_000)); // 1 000 000 × 30 % / 50 000 = 6 BTC: 300 000
        Assert.Equal(2, h.Orders().Count);

        // SPY exposure = −(700 000 × 1.2 + 300 000 × 0.5) = −990 000 → −990 000 / 400 = −2 475 SPY.
        h.Batch(Beta(h, s, "SPY", "SPY", 1, 400), Beta(h, s, "AAPL", "SPY", 1.2, 400), Beta(h, s, "BTCUSD", "SPY", 0.5, 400), HedgeRisk(h, s, 1));
        var order = Assert.Single(h.Orders());
        Assert.Equal((h.Id("SPY"), OrderSide.Sell, Quantity.FromDecimal(2_475m)), (order.Instrument, order.Side, order.Quantity));
        Assert.Equal(1, h.Stage.Counters.HedgeOverlays);
        Assert.Equal(0, h.Stage.Counters.HedgeFallbacks);
        Assert.Equal(-2_475m, h.Stage.OrderedPosition(s, h.Id("SPY")).ToDecimal());
        Assert.Equal(7_000m, h.Stage.OrderedPosition(s, h.Id("AAPL")).ToDecimal()); // the holdings are not touched
    }

    [Fact]
    public void Two_hedges_each_take_their_regression_coefficient_and_a_second_firing_resizes_rather_than_adds()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "AAPL", 1, 100)); // 700 000
        h.Orders();

        // b_AAPL = (1.1 on SPY, −0.2 on TLT): SPY −770 000 / 400 = −1 925; TLT +140 000 / 100 = +1 400.
        h.Batch(
            Beta(h, s, "SPY", "SPY", 1, 400), Beta(h, s, "SPY", "TLT", 0, 100),
            Beta(h, s, "TLT", "SPY", 0, 400), Beta(h, s, "TLT", "TLT", 1, 100),
            Beta(h, s, "AAPL", "SPY", 1.1, 400), Beta(h, s, "AAPL", "TLT", -0.2, 100),
            HedgeRisk(h, s, 2));
        var orders = h.Orders().OrderBy(o => o.Instrument.Value).ToList();
        Assert.Equal(
            new[] { (h.Id("SPY"), OrderSide.Sell, 1_925m), (h.Id("TLT"), OrderSide.Buy, 1_400m) }.OrderBy(o => o.Item1.Value),
            orders.Select(o => (o.Instrument, o.Side, o.Quantity.ToDecimal())));

        // The same firing with β = 1.0 on SPY only: the SPY hedge becomes −700 000 / 400 = −1 750 (buy back 175); TLT to 0.
        h.Batch(
            Beta(h, s, "SPY", "SPY", 1, 400), Beta(h, s, "SPY", "TLT", 0, 100),
            Beta(h, s, "TLT", "SPY", 0, 400), Beta(h, s, "TLT", "TLT", 1, 100),
            Beta(h, s, "AAPL", "SPY", 1.0, 400), Beta(h, s, "AAPL", "TLT", 0, 100),
            HedgeRisk(h, s, 2));
        Assert.Equal(-1_750m, h.Stage.OrderedPosition(s, h.Id("SPY")).ToDecimal());
        Assert.Equal(0m, h.Stage.OrderedPosition(s, h.Id("TLT")).ToDecimal());
    }

    [Fact]
    public void A_hedge_never_exceeds_the_strategy_capital()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "AAPL", 1, 100)); // 700 000
        h.Orders();
        h.Batch(Beta(h, s, "SPY", "SPY", 1, 400), Beta(h, s, "AAPL", "SPY", 3.0, 400), HedgeRisk(h, s, 1)); // −2 100 000 → capped at −1 000 000
        Assert.Equal(-2_500m, h.Stage.OrderedPosition(s, h.Id("SPY")).ToDecimal());
    }

    [Fact]
    public void When_the_coefficients_did_not_come_the_rule_halves_instead_and_says_so()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "AAPL", 1, 100));
        h.Orders();
        h.Batch(HedgeRisk(h, s, 1));
        var sell = Assert.Single(h.Orders());
        Assert.Equal((h.Id("AAPL"), OrderSide.Sell, 3_500m), (sell.Instrument, sell.Side, sell.Quantity.ToDecimal()));
        Assert.Equal(1, h.Stage.Counters.HedgeFallbacks);
        Assert.Equal(0, h.Stage.Counters.HedgeOverlays);
    }

    [Fact]
    public void Coefficients_of_an_earlier_input_event_are_not_used_by_a_later_firing()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "AAPL", 1, 100));
        h.Orders();
        h.Batch(Beta(h, s, "SPY", "SPY", 1, 400), Beta(h, s, "AAPL", "SPY", 1.2, 400)); // no HedgeRisk in this group
        h.Batch(HedgeRisk(h, s, 1));
        Assert.Equal(1, h.Stage.Counters.HedgeFallbacks);
        Assert.Equal(0m, h.Stage.OrderedPosition(s, h.Id("SPY")).ToDecimal());
    }
}
