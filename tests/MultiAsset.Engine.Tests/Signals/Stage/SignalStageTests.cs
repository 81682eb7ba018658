using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.Stage;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Signals.Stage;

public sealed class SignalStageTests
{
    private const long Second = 1_000_000_000;
    private static readonly long Start = new DateTimeOffset(2026, 3, 7, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000; // a Saturday: crypto only
    private static readonly long Open = new DateTimeOffset(2026, 3, 9, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000; // Monday, NYSE open (VIX, rates)

    private const string MomentumDocument = """
        { "id": "btc-trend", "name": "BTC trend", "type": "Momentum", "account": "crypto-tech",
          "assetClasses": ["CRYPTO"], "instruments": ["BTCUSD"],
          "allocation": [{ "assetClass": "CRYPTO", "targetWeight": 100, "minWeight": 0, "maxWeight": 100 }],
          "parameters": { "lookback": 5, "timeframe": "1m", "volatilityTarget": 0.5, "baseAllocation": false } }
        """;

    [Fact]
    public void A_deployed_momentum_strategy_turns_a_trend_into_a_long_target_intent()
    {
        var h = new SignalStageHarness();
        h.CreateAndDeploy(MomentumDocument);
        var btc = h.Id("BTCUSD");

        // One trade every 10 s, rising 0.1 % per minute with a small wobble, for 10 minutes.
        for (var i = 0; i < 60; i++)
        {
            h.Trade("BTCUSD", Start + (i * 10 * Second), Math.Round(60_000 * (1 + (0.001 * i / 6.0)) + (i % 2 == 0 ? 3 : -3), 2));
        }

        var intents = h.NewIntents();
        Assert.NotEmpty(intents);
        var first = intents[0];
        Assert.Equal(IntentKind.TargetPosition, first.Kind);
        Assert.Equal(IntentReason.EntryLong, first.Reason);
        Assert.Equal(btc, first.Instrument);
        Assert.Equal(0, first.Strategy.Value);
        Assert.Equal(h.Accounts.TryResolve("crypto-tech", out var account) ? account : default, first.Account);
        Assert.True(first.Weight is > 0 and <= 1, $"weight {first.Weight}");
        Assert.True(first.ReferencePrice.ToDouble() > 59_000, $"reference price {first.ReferencePrice}");
        Assert.True(first.SourceSequence > 0 && first.SourceSequence < h.Sequence);
        Assert.All(intents, i => Assert.True(i.Weight > 0)); // never short in a steady uptrend
    }

    [Fact]
    public void A_stopped_strategy_sees_no_more_data()
    {
        var h = new SignalStageHarness();
        h.CreateAndDeploy(MomentumDocument);
        h.Send(CommandKind.StopStrategy, "btc-trend");
        for (var i = 0; i < 60; i++)
        {
            h.Trade("BTCUSD", Start + (i * 10 * Second), 60_000 + (i * 10));
        }

        Assert.Empty(h.NewIntents());
        var view = Assert.IsType<StrategyView>(h.Send(CommandKind.QueryStrategies, "btc-trend").Result);
        Assert.Equal(0, view.Signals);
    }

    [Fact]
    public void Safe_haven_rules_fire_once_per_volatility_spike_with_the_rule_index_and_reason()
    {
        var h = new SignalStageHarness(SignalStageHarness.ShippedOptions()); // USD accounts, as the host sets them up
        h.CreateAndDeploy(File.ReadAllText(RepoFiles.PathOf("config/strategies/safe-haven-flows.json")));
        PriceSafeHavens(h);

        h.Reference("VIX", Open, 20);
        h.Reference("VIX", Open + (2 * Second), 21);
        Assert.Empty(h.NewIntents());

        h.Reference("VIX", Open + (4 * Second), 35);
        var spike = h.NewIntents();
        Assert.Equal(4, spike.Count);
        Assert.All(spike, i => Assert.Equal(IntentReason.ExecutionRule, i.Reason));
        Assert.Equal([0, 1, 2, 3], spike.Select(i => (int)i.Rule));
        Assert.Equal(["USDJPY", "USDCHF", "GLD", "TLT"], spike.Select(i => h.Catalog[i.Instrument].Symbol));
        Assert.Equal([-1.0, -1.0, 1.0, 1.0], spike.Select(i => i.Weight));

        // Still above 30: the rules stay true and do not fire again.
        h.Reference("VIX", Open + (6 * Second), 38);
        Assert.Empty(h.NewIntents());

        // Calm, then a second spike: they fire again.
        h.Reference("VIX", Open + (8 * Second), 22);
        h.Reference("VIX", Open + (10 * Second), 31);
        Assert.Equal(4, h.NewIntents().Count);
    }

    /// <summary>Prices for safe-haven-flows' instruments (a target waits for its instrument's first price); clears the base allocation they release.</summary>
    private static void PriceSafeHavens(SignalStageHarness h)
    {
        h.Quote("USDJPY", Open - (40 * Second), 150.00, 150.01);
        h.Quote("USDCHF", Open - (30 * Second), 0.9000, 0.9001);
        h.Trade("GLD", Open - (20 * Second), 200);
        h.Trade("TLT", Open - (10 * Second), 90);
        h.Trade("SPY", Open - (10 * Second), 500);
        // The base allocation: GLD, TLT, SPY long; "baseLongOnly" leaves out the USDJPY / USDCHF shorts (a cash account).
        Assert.Equal(["GLD", "TLT", "SPY"], h.NewIntents().Where(i => i.Reason == IntentReason.Rebalance).Select(i => h.Catalog[i.Instrument].Symbol));
    }

    [Fact]
    public void Rules_are_evaluated_at_most_once_per_rule_interval_of_event_time()
    {
        var h = new SignalStageHarness(SignalStageHarness.ShippedOptions(new SignalStageOptions { RuleInterval = TimeSpan.FromSeconds(10) }));
        h.CreateAndDeploy(File.ReadAllText(RepoFiles.PathOf("config/strategies/safe-haven-flows.json")));
        PriceSafeHavens(h);
        h.Reference("VIX", Open, 20);
        h.Reference("VIX", Open + (1 * Second), 35); // inside the interval: not evaluated yet
        Assert.Empty(h.NewIntents());
        h.Reference("VIX", Open + (10 * Second), 35);
        Assert.Equal(4, h.NewIntents().Count);
    }

    [Fact]
    public void The_seed_carry_rule_goes_long_the_high_yielding_currency_with_an_equity_hedge()
    {
        var h = new SignalStageHarness();
        h.CreateAndDeploy(File.ReadAllText(RepoFiles.PathOf("config/strategies/fx-carry-equity-hedge.json")));
        // AUDJPY (the default carry pair): AUD 4.10 % vs JPY 0.50 % → differential 3.6 % > 2 %. Without default
        // universes (this harness has none) there is no hedge instrument: the carry goes unhedged.
        h.Quote("AUDJPY", Open - Second, 97.00, 97.02);
        h.Reference("AUD_RATE", Open, 4.10);
        h.Reference("JPY_RATE", Open + Second, 0.50);
        var intent = Assert.Single(h.NewIntents());
        Assert.Equal("AUDJPY", h.Catalog[intent.Instrument].Symbol);
        Assert.Equal(IntentKind.TargetPosition, intent.Kind);
        Assert.Equal(1.0, intent.Weight);
        Assert.Equal(MultiAsset.Engine.Model.AssetClass.Stock, intent.Hedge);
    }

    [Fact]
    public void The_same_input_gives_the_same_digest_and_different_input_a_different_one()
    {
        static ulong Run(double lastPrice)
        {
            var h = new SignalStageHarness();
            h.CreateAndDeploy(MomentumDocument);
            for (var i = 0; i < 59; i++)
            {
                h.Trade("BTCUSD", Start + (i * 10 * Second), 60_000 + (i * 10));
            }

            h.Trade("BTCUSD", Start + (59 * 10 * Second), lastPrice);
            h.Trade("BTCUSD", Start + (61 * 10 * Second), lastPrice);
            return StateDigest.Of(h.Signals);
        }

        Assert.Equal(Run(60_600), Run(60_600));
        Assert.NotEqual(Run(60_600), Run(59_000));
    }

    [Fact]
    public void Dispatching_market_data_to_deployed_strategies_allocates_nothing()
    {
        var h = new SignalStageHarness();
        foreach (var file in Directory.GetFiles(RepoFiles.PathOf("config/strategies"), "*.json"))
        {
            h.CreateAndDeploy(File.ReadAllText(file));
        }

        var btc = h.Id("BTCUSD");
        var vix = h.Id("VIX");
        var evt = default(InputEvent);
        long t = Open;

        void Run(int n)
        {
            for (var i = 0; i < n; i++)
            {
                t += Second / 10;
                if (i % 10 == 0)
                {
                    evt.SetReference(vix, t, MultiAsset.Engine.Model.Price.FromDouble(20 + (i % 7)));
                }
                else
                {
                    evt.SetTrade(btc, t, MultiAsset.Engine.Model.Price.FromDouble(60_000 + (i % 50)), MultiAsset.Engine.Model.Quantity.FromDouble(1));
                }

                h.Feed(ref evt);
            }
        }

        Run(20_000);
        h.NewIntents();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(100_000);
        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, 100_000);
    }
}
