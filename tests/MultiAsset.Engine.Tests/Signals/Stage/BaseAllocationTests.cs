using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Signals.Stage;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Signals.Stage;

public sealed class BaseAllocationTests
{
    private const long Second = 1_000_000_000;
    private static readonly long Open = new DateTimeOffset(2026, 3, 9, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000; // Monday, NYSE open

    private static string Shipped(string file) => File.ReadAllText(RepoFiles.PathOf($"config/strategies/{file}"));

    [Fact]
    public void The_seed_momentum_example_holds_its_allocation_over_the_default_universe_from_its_first_prices()
    {
        var h = new SignalStageHarness(SignalStageHarness.ShippedOptions());
        var view = (StrategyView)h.CreateAndDeploy(Shipped("crypto-tech-momentum.json")).Result!;

        // What the coordination stage sizes against: the registered document lists the universe (its "seen" set).
        var registered = h.Registry.Document(new StrategyId(view.StrategyId))!;
        Assert.Equal(["BTCUSD", "ETHUSD", "SOLUSD", "SPY", "QQQ", "AAPL", "MSFT", "NVDA"], registered.Instruments);
        Assert.Empty(h.NewIntents()); // no prices yet: nothing can be sized

        h.Trade("BTCUSD", Open, 60_000);
        var first = Assert.Single(h.NewIntents());
        Assert.Equal(IntentKind.TargetPosition, first.Kind);
        Assert.Equal(IntentReason.Rebalance, first.Reason);
        Assert.Equal(-1, first.Rule);
        Assert.Equal(h.Id("BTCUSD"), first.Instrument);
        Assert.Equal(AssetClass.Crypto, first.AssetClass);
        Assert.Equal(1.0, first.Weight); // the whole class budget / 3 crypto instruments, sized downstream
        Assert.Equal(60_000, first.ReferencePrice.ToDouble());

        string[] rest = ["ETHUSD", "SOLUSD", "SPY", "QQQ", "AAPL", "MSFT", "NVDA"];
        for (var i = 0; i < rest.Length; i++)
        {
            h.Trade(rest[i], Open + ((i + 1) * Second), 100 + i);
        }

        var others = h.NewIntents();
        Assert.Equal(rest, others.Select(i => h.Catalog[i.Instrument].Symbol));
        Assert.All(others, i => Assert.Equal((IntentKind.TargetPosition, IntentReason.Rebalance, 1.0), (i.Kind, i.Reason, i.Weight)));

        // Sent once: more prices send nothing more.
        h.Trade("BTCUSD", Open + (20 * Second), 60_100);
        h.Trade("SPY", Open + (21 * Second), 501);
        Assert.Empty(h.NewIntents());
    }

    [Fact]
    public void A_base_allocation_to_FOREX_is_long_the_foreign_currencies_against_the_account_currency()
    {
        var h = new SignalStageHarness(SignalStageHarness.ShippedOptions());
        h.CreateAndDeploy(Shipped("currency-momentum.json"));
        var t = Open;
        foreach (var symbol in new[] { "USDJPY", "EURUSD", "USDCAD", "AUDUSD" })
        {
            h.Quote(symbol, t += Second, 1.0, 1.001);
        }

        foreach (var symbol in new[] { "XLF", "XLK", "XLE", "XOM", "SPY" })
        {
            h.Trade(symbol, t += Second, 100);
        }

        var weights = h.NewIntents().ToDictionary(i => h.Catalog[i.Instrument].Symbol, i => i.Weight);
        Assert.Equal(
            new Dictionary<string, double>
            {
                // USD account: short USD against the other currency; all at the document's "baseWeight": 0.8.
                ["USDJPY"] = -0.8, ["EURUSD"] = 0.8, ["USDCAD"] = -0.8, ["AUDUSD"] = 0.8,
                ["XLF"] = 0.8, ["XLK"] = 0.8, ["XLE"] = 0.8, ["XOM"] = 0.8, ["SPY"] = 0.8,
            },
            weights);
    }

    [Fact]
    public void Arbitrage_has_no_base_allocation_unless_its_parameters_ask_for_one_and_base_weight_scales_it()
    {
        var h = new SignalStageHarness(SignalStageHarness.ShippedOptions());
        h.CreateAndDeploy(Shipped("cross-asset-arbitrage.json"));
        h.CreateAndDeploy(Shipped("volatility-arbitrage.json")); // "baseAllocation": true, "baseWeight": 0.5
        h.CreateAndDeploy("""
            { "id": "full", "name": "Full", "type": "Correlation", "account": "crypto-tech", "assetClasses": ["CRYPTO"],
              "allocation": [ { "assetClass": "CRYPTO", "targetWeight": 100, "minWeight": 0, "maxWeight": 100 } ] }
            """);
        h.Trade("BTCUSD", Open, 60_000);
        h.Trade("ETHUSD", Open + Second, 3_000);
        h.Trade("SPY", Open + (2 * Second), 500);
        var intents = h.NewIntents().Select(i => (i.Strategy.Value, h.Catalog[i.Instrument].Symbol, i.Weight)).ToList();
        Assert.Equal(
            [(1, "BTCUSD", 0.5), (2, "BTCUSD", 1.0), (1, "ETHUSD", 0.5), (2, "ETHUSD", 1.0), (1, "SPY", 0.5)],
            intents);
    }

    [Fact]
    public void A_bad_base_allocation_parameter_is_refused_at_create_with_its_path()
    {
        var h = new SignalStageHarness(SignalStageHarness.ShippedOptions());
        var reply = h.Send(CommandKind.CreateStrategy, """
            { "id": "bad", "name": "Bad", "type": "Momentum", "assetClasses": ["CRYPTO"],
              "allocation": [ { "assetClass": "CRYPTO", "targetWeight": 100, "minWeight": 0, "maxWeight": 100 } ],
              "parameters": { "baseWeight": 2, "baseAllocation": "yes" } }
            """);
        Assert.Equal(CommandStatus.BadRequest, reply.Status);
        Assert.Contains("parameters.baseWeight: 2 is out of range [0, 1]", reply.Message);
        Assert.Contains("parameters.baseAllocation: expected true or false", reply.Message);
    }

    [Fact]
    public void A_redeploy_sends_the_base_allocation_again_and_a_stop_drops_what_was_pending()
    {
        var h = new SignalStageHarness(SignalStageHarness.ShippedOptions());
        h.CreateAndDeploy(Shipped("volatility-arbitrage.json"));
        h.Trade("BTCUSD", Open, 60_000);
        Assert.Equal(["BTCUSD"], h.NewIntents().Select(i => h.Catalog[i.Instrument].Symbol));

        h.Send(CommandKind.StopStrategy, "volatility-arbitrage");
        h.Trade("ETHUSD", Open + Second, 3_000);
        Assert.Empty(h.NewIntents());

        h.Send(CommandKind.DeployStrategy, "volatility-arbitrage");
        h.Trade("SPY", Open + (2 * Second), 500);
        Assert.Equal(["BTCUSD", "ETHUSD", "SPY"], h.NewIntents().Select(i => h.Catalog[i.Instrument].Symbol).Order());
    }
}
