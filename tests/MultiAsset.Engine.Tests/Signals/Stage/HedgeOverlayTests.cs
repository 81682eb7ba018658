using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Signals.Stage;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Signals.Stage;

public sealed class HedgeOverlayTests
{
    private const long Second = 1_000_000_000;
    private const long Minute = 60 * Second;
    private static readonly long Open = new DateTimeOffset(2026, 3, 9, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000; // Monday, NYSE open

    private const string Document = """
        { "id": "hedged", "name": "Hedged crypto", "type": "Momentum", "account": "crypto-tech", "assetClasses": ["CRYPTO"],
          "instruments": ["BTCUSD"],
          "allocation": [ { "assetClass": "CRYPTO", "targetWeight": 100, "minWeight": 80, "maxWeight": 100 } ],
          "rebalancingRules": [ { "type": "Volatility", "condition": "VIX > 40", "action": "HedgeRisk", "hedgeInstruments": ["SPY"] } ],
          "parameters": { "baseAllocation": false } }
        """;

    private static SignalStageHarness Harness()
    {
        var catalog = RepoFiles.ShippedCatalog;
        int Id(string s) => catalog.TryGet(s, out var i) ? i.Id.Value : throw new ArgumentException(s);
        var analytics = new AnalyticsOptions { CorrelationUniverse = [Id("SPY"), Id("BTCUSD")], CorrelationIntervalSeconds = 60 };
        return new SignalStageHarness(SignalStageHarness.ShippedOptions(), analytics);
    }

    [Fact]
    public void Cholesky_solve_matches_the_hand_computed_two_hedge_regression()
    {
        // Σ_HH = [[4, 2], [2, 3]], Σ_H,i = [2, 1]: Σ_HH⁻¹ = [[3, −2], [−2, 4]] / 8, so b = [(6 − 2) / 8, (−4 + 4) / 8] = [0.5, 0].
        Span<double> m = [4, 0, 2, 3];
        Assert.True(HedgeOverlay.Cholesky(m, 2));
        Span<double> b = stackalloc double[2];
        HedgeOverlay.Solve(m, 2, [2, 1], b);
        Assert.Equal(0.5, b[0], 14);
        Assert.Equal(0.0, b[1], 14);
    }

    [Fact]
    public void Cholesky_refuses_perfectly_correlated_hedges()
    {
        Span<double> m = [1, 0, 2, 4]; // [[1, 2], [2, 4]]: singular
        Assert.False(HedgeOverlay.Cholesky(m, 2));
    }

    [Fact]
    public void Before_the_covariance_warms_up_the_rule_sends_no_coefficients_and_names_its_hedge_count()
    {
        var h = Harness();
        h.CreateAndDeploy(Document);
        h.Trade("SPY", Open, 500);
        h.Trade("BTCUSD", Open + Second, 60_000);
        h.Reference("VIX", Open + (2 * Second), 20);
        h.Reference("VIX", Open + (3 * Second), 41);
        var events = h.NewEvents().Where(e => e.Kind is IntentKind.HedgeBeta or IntentKind.Rebalance).ToList();
        var rebalance = Assert.Single(events);
        Assert.Equal((IntentKind.Rebalance, RebalanceAction.HedgeRisk, 1.0), (rebalance.Kind, rebalance.RebalanceAction, rebalance.Weight));
    }

    [Fact]
    public void Once_warm_the_rule_sends_the_hedge_row_then_the_EWMA_beta_of_each_holding_before_the_rebalance()
    {
        var h = Harness();
        h.CreateAndDeploy(Document);

        // 40 minutes in which BTCUSD's every 1-minute log return is c times SPY's: β = cov / var = c whatever the EWMA weights.
        for (var k = 0; k < 40; k++)
        {
            var high = k % 2 == 0;
            var t = Open + (k * Minute);
            h.Trade("SPY", t + (10 * Second), high ? 500.50 : 500.00);
            h.Trade("BTCUSD", t + (20 * Second), high ? 60_060.00 : 60_000.00);
        }

        var c = Math.Log(60_060.0 / 60_000) / Math.Log(500.5 / 500);
        h.NewEvents();
        h.Reference("VIX", Open + (41 * Minute), 20);
        h.Reference("VIX", Open + (41 * Minute) + Second, 41);
        var events = h.NewEvents().Where(e => e.Kind is IntentKind.HedgeBeta or IntentKind.Rebalance).ToList();
        Assert.Equal([IntentKind.HedgeBeta, IntentKind.HedgeBeta, IntentKind.Rebalance], events.Select(e => e.Kind));

        var spy = h.Id("SPY");
        Assert.Equal((spy, spy, 1.0), (events[0].Instrument, events[0].HedgeInstrument, events[0].Weight));
        Assert.Equal((h.Id("BTCUSD"), spy), (events[1].Instrument, events[1].HedgeInstrument));
        Assert.Equal(c, events[1].Weight, 9);
        Assert.Equal(500.0, events[1].ReferencePrice.ToDouble(), 9); // the hedge's price (SPY's last trade was 500.00)
        Assert.Equal(1.0, events[2].Weight);
        Assert.All(events, e => Assert.Equal(events[2].SourceSequence, e.SourceSequence));
    }

    [Theory]
    [InlineData("\"hedgeInstruments\": [\"NOPE\"]", "unknown instrument symbol 'NOPE'")]
    [InlineData("\"hedgeInstruments\": [\"VIX\"]", "reference series")]
    [InlineData("\"hedgeInstruments\": []", "1 to 4 instrument symbols")]
    [InlineData("\"hedgeInstruments\": [\"SPY\", \"SPY\"]", "duplicate hedge instrument 'SPY'")]
    [InlineData("\"hedgeInstruments\": [\"SPY\", \"QQQ\", \"TLT\", \"GLD\", \"EURUSD\"]", "1 to 4 instrument symbols")]
    public void Bad_hedge_instruments_are_refused_at_create_time_naming_the_field(string hedges, string reason)
    {
        var h = Harness();
        var reply = h.Send(CommandKind.CreateStrategy, Document.Replace("\"hedgeInstruments\": [\"SPY\"]", hedges, StringComparison.Ordinal));
        Assert.NotEqual(CommandStatus.Ok, reply.Status);
        Assert.Contains("rebalancingRules[0].hedgeInstruments", reply.Message, StringComparison.Ordinal);
        Assert.Contains(reason, reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_HedgeRisk_rule_names_hedge_instruments()
    {
        var h = Harness();
        var reply = h.Send(CommandKind.CreateStrategy, Document.Replace("\"action\": \"HedgeRisk\"", "\"action\": \"Rebalance\"", StringComparison.Ordinal));
        Assert.NotEqual(CommandStatus.Ok, reply.Status);
        Assert.Contains("only a HedgeRisk rule names hedge instruments", reply.Message, StringComparison.Ordinal);
    }
}
