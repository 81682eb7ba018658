using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.Strategies;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Signals.Strategies;

public sealed class UniversesTests
{
    private static AssetClassUniverses Shipped => UniversesConfigReader.Parse(File.ReadAllText(RepoFiles.PathOf("config/universes.json")), "config/universes.json", RepoFiles.ShippedCatalog);

    private static StrategyDocument Seed(string file) => StrategyDocumentLoader.Parse(File.ReadAllText(RepoFiles.PathOf($"config/strategies/{file}")), file, RepoFiles.ShippedCatalog);

    [Fact]
    public void The_shipped_universes_load_with_SPY_first_and_the_liquid_names_of_each_class()
    {
        var universes = Shipped;
        Assert.Equal(["SPY", "QQQ", "AAPL", "MSFT", "NVDA"], universes.Of(AssetClass.Stock));
        Assert.Equal(["EURUSD", "USDJPY", "GBPUSD", "AUDUSD"], universes.Of(AssetClass.Forex));
        Assert.Equal(["BTCUSD", "ETHUSD", "SOLUSD"], universes.Of(AssetClass.Crypto));
        Assert.False(universes.IsEmpty);
        Assert.True(AssetClassUniverses.Empty.IsEmpty);
    }

    [Fact]
    public void Every_problem_of_a_universes_file_is_reported_with_its_path()
    {
        const string json = """
            { "universes": {
                "STOCK": ["SPY", "BTCUSD", "NOPE", "VIX", "SPY"],
                "BONDS": ["TLT"],
                "CRYPTO": []
            } }
            """;
        var e = Assert.Throws<ConfigurationException>(() => UniversesConfigReader.Parse(json, "u.json", RepoFiles.ShippedCatalog));
        Assert.Contains("u.json: universes.STOCK[1]: 'BTCUSD' is CRYPTO, not STOCK", e.Errors);
        Assert.Contains("u.json: universes.STOCK[2]: unknown symbol 'NOPE' (not in the instrument catalogue)", e.Errors);
        Assert.Contains(e.Errors, m => m.StartsWith("u.json: universes.STOCK[3]: 'VIX' is a reference series", StringComparison.Ordinal));
        Assert.Contains("u.json: universes.STOCK[4]: 'SPY' is listed twice", e.Errors);
        Assert.Contains("u.json: universes.BONDS: unknown asset class 'BONDS' (expected one of: STOCK, FOREX, CRYPTO)", e.Errors);
        Assert.Contains(e.Errors, m => m.StartsWith("u.json: universes.CRYPTO: a universe needs at least one instrument", StringComparison.Ordinal));
        Assert.Equal(6, e.Errors.Count);

        var missing = Assert.Throws<ConfigurationException>(() => UniversesConfigReader.Parse("""{ "classes": {} }""", "u.json", RepoFiles.ShippedCatalog));
        Assert.Contains("u.json: universes: required field is missing", missing.Errors);
    }

    [Fact]
    public void The_seed_momentum_example_trades_its_two_classes_through_their_universes()
    {
        var document = StrategyUniverseResolver.Resolve(Seed("crypto-tech-momentum.json"), Shipped, RepoFiles.ShippedCatalog);
        // assetClasses ["CRYPTO", "STOCK"], in that order; the rule reads BTC and NASDAQ but trades nothing itself.
        Assert.Equal(["BTCUSD", "ETHUSD", "SOLUSD", "SPY", "QQQ", "AAPL", "MSFT", "NVDA"], document.Instruments);
        Assert.Equal([AssetClass.Crypto, AssetClass.Stock], document.UniverseClasses);
    }

    [Fact]
    public void The_seed_carry_example_trades_its_carry_pair_and_one_hedge_instrument()
    {
        var document = StrategyUniverseResolver.Resolve(Seed("fx-carry-equity-hedge.json"), Shipped, RepoFiles.ShippedCatalog);
        Assert.Equal(["AUDJPY", "SPY"], document.Instruments);
        Assert.Equal([AssetClass.Stock], document.UniverseClasses);
    }

    [Fact]
    public void Written_instruments_are_kept_and_only_classes_without_any_are_filled()
    {
        const string json = """
            { "id": "mixed", "name": "Mixed", "type": "Momentum", "assetClasses": ["FOREX", "CRYPTO"], "instruments": ["EURJPY"],
              "allocation": [
                { "assetClass": "FOREX", "targetWeight": 50, "minWeight": 0, "maxWeight": 100 },
                { "assetClass": "CRYPTO", "targetWeight": 50, "minWeight": 0, "maxWeight": 100 } ],
              "executionRules": [ { "trigger": "VIX > 30", "action": "Sell GLD" } ] }
            """;
        var parsed = StrategyDocumentLoader.Parse(json, "mixed", RepoFiles.ShippedCatalog);
        var document = StrategyUniverseResolver.Resolve(parsed, Shipped, RepoFiles.ShippedCatalog);
        // FOREX as written; CRYPTO from its universe; GLD because a rule trades it.
        Assert.Equal(["EURJPY", "BTCUSD", "ETHUSD", "SOLUSD", "GLD"], document.Instruments);
        Assert.Equal([AssetClass.Crypto], document.UniverseClasses);

        // A document that lists everything it trades is returned as it is; with no universes nothing is added.
        var full = Seed("cross-asset-arbitrage.json");
        Assert.Same(full, StrategyUniverseResolver.Resolve(full, Shipped, RepoFiles.ShippedCatalog));
        var seed = Seed("crypto-tech-momentum.json");
        Assert.Same(seed, StrategyUniverseResolver.Resolve(seed, AssetClassUniverses.Empty, RepoFiles.ShippedCatalog));
    }
}
