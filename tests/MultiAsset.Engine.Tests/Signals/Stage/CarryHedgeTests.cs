using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Signals.Stage;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Signals.Stage;

public sealed class CarryHedgeTests
{
    private const long Second = 1_000_000_000;
    private const long Minute = 60 * Second;
    private static readonly long Open = new DateTimeOffset(2026, 3, 9, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000; // Monday, NYSE open

    private static string Seed => File.ReadAllText(RepoFiles.PathOf("config/strategies/fx-carry-equity-hedge.json"));

    private static SignalStageHarness Harness()
    {
        var catalog = RepoFiles.ShippedCatalog;
        int Id(string s) => catalog.TryGet(s, out var i) ? i.Id.Value : throw new ArgumentException(s);
        var analytics = new AnalyticsOptions { CorrelationUniverse = [Id("SPY"), Id("AUDUSD"), Id("USDJPY")], CorrelationIntervalSeconds = 60 };
        return new SignalStageHarness(SignalStageHarness.ShippedOptions(), analytics);
    }

    [Fact]
    public void While_the_analytics_warm_up_the_seed_carry_opens_the_pair_and_a_hedge_at_the_default_ratio()
    {
        var h = Harness();
        var view = (StrategyView)h.CreateAndDeploy(Seed).Result!;
        Assert.Equal(["AUDJPY", "SPY"], h.Registry.Document(new StrategyId(view.StrategyId))!.Instruments);

        h.Trade("SPY", Open, 500);
        h.Quote("AUDJPY", Open + 1, 97.00, 97.02);
        // AUD 4.10 % against JPY 0.50 %: a 3.6 % differential, above the rule's 2 %.
        h.Reference("AUD_RATE", Open + (2 * Second), 0.041);
        h.Reference("JPY_RATE", Open + (3 * Second), 0.005);
        var intents = h.NewIntents();
        Assert.Equal(2, intents.Count);

        var carry = intents[0];
        Assert.Equal(("AUDJPY", IntentKind.TargetPosition, 1.0, AssetClass.Stock, (short)0), (h.Catalog[carry.Instrument].Symbol, carry.Kind, carry.Weight, carry.Hedge, carry.Rule));
        Assert.Equal(97.01, carry.ReferencePrice.ToDouble(), 1e-9);

        // β = 0.5 (fallback); FOREX 60 % over 1 instrument, STOCK 40 % over 1: w = −0.5 · (+1) · (0.60 / 0.40) = −0.75,
        // i.e. a short SPY notional of 0.75 · 40 % = 30 % of capital against 60 % long AUDJPY: half the carry.
        var hedge = intents[1];
        Assert.Equal(("SPY", IntentKind.TargetPosition, (short)0, (AssetClass?)null), (h.Catalog[hedge.Instrument].Symbol, hedge.Kind, hedge.Rule, hedge.Hedge));
        Assert.Equal(-0.75, hedge.Weight, 12);
        Assert.Equal(IntentReason.ExecutionRule, hedge.Reason);
    }

    [Fact]
    public void The_carry_goes_short_the_pair_when_its_quote_currency_yields_more()
    {
        var h = Harness();
        h.CreateAndDeploy("""
            { "id": "jpy-carry", "name": "Reverse", "type": "Arbitrage", "account": "fx-carry", "assetClasses": ["FOREX", "STOCK"],
              "instruments": ["AUDJPY"],
              "allocation": [ { "assetClass": "FOREX", "targetWeight": 50, "minWeight": 0, "maxWeight": 100 },
                              { "assetClass": "STOCK", "targetWeight": 50, "minWeight": 0, "maxWeight": 100 } ],
              "executionRules": [ { "trigger": "Interest rate differential < -2%", "action": "Initiate carry trade with equity hedge" } ],
              "parameters": { "hedgeRatio": 0.8 } }
            """);
        h.Trade("SPY", Open, 500);
        h.Quote("AUDJPY", Open + 1, 97.00, 97.02);
        h.Reference("AUD_RATE", Open + (2 * Second), 0.01);
        h.Reference("JPY_RATE", Open + (3 * Second), 0.04);
        var intents = h.NewIntents();
        Assert.Equal([-1.0, 0.8], intents.Select(i => i.Weight)); // short AUDJPY; hedge = −0.8 · (−1) · (0.5 / 0.5)
        Assert.Equal(["AUDJPY", "SPY"], intents.Select(i => h.Catalog[i.Instrument].Symbol));
    }

    [Fact]
    public void With_live_analytics_the_hedge_ratio_is_the_EWMA_beta_of_the_carry_pair_on_the_hedge()
    {
        var h = Harness();
        h.CreateAndDeploy(Seed);

        // 40 minutes in which SPY alternates 500.00 / 500.50 and AUDUSD 0.65000 / 0.65026 in step, and USDJPY does not
        // move: every 1-minute log return of AUDUSD is c = ln(0.65026 / 0.65) / ln(500.5 / 500) times SPY's. AUDJPY =
        // AUDUSD · USDJPY is outside the correlation universe and is read through those two legs, so
        // β = cov(AUDUSD + USDJPY, SPY) / var(SPY) = c exactly, whatever the EWMA weights.
        for (var k = 0; k < 40; k++)
        {
            var high = k % 2 == 0;
            var t = Open + (k * Minute);
            h.Trade("SPY", t + (10 * Second), high ? 500.50 : 500.00);
            h.Quote("AUDUSD", t + (20 * Second), high ? 0.65026 : 0.65000, high ? 0.65026 : 0.65000);
            h.Quote("USDJPY", t + (30 * Second), 150, 150);
        }

        var beta = Math.Log(0.65026 / 0.65) / Math.Log(500.5 / 500);
        Assert.Equal(0.40012, beta, 5);
        Assert.True(h.MarketData.Analytics.Covariance.Updates >= 30);
        h.Quote("AUDJPY", Open + (41 * Minute), 97.00, 97.02);
        h.Reference("AUD_RATE", Open + (41 * Minute) + Second, 0.041);
        h.Reference("JPY_RATE", Open + (41 * Minute) + (2 * Second), 0.005);
        var intents = h.NewIntents();
        Assert.Equal(["AUDJPY", "SPY"], intents.Select(i => h.Catalog[i.Instrument].Symbol));
        Assert.Equal(1.0, intents[0].Weight);
        Assert.Equal(-beta * 1.5, intents[1].Weight, 9);
    }

    [Fact]
    public void A_hedge_without_a_price_yet_waits_for_its_first_one()
    {
        var h = Harness();
        h.CreateAndDeploy(Seed);
        h.Quote("AUDJPY", Open, 97.00, 97.02);
        h.Reference("AUD_RATE", Open + (2 * Second), 0.041);
        h.Reference("JPY_RATE", Open + (3 * Second), 0.005);
        Assert.Equal(["AUDJPY"], h.NewIntents().Select(i => h.Catalog[i.Instrument].Symbol));

        h.Trade("SPY", Open + (60 * Second), 500);
        var hedge = Assert.Single(h.NewIntents());
        Assert.Equal(("SPY", -0.75, 500.0), (h.Catalog[hedge.Instrument].Symbol, hedge.Weight, hedge.ReferencePrice.ToDouble()));
    }
}
