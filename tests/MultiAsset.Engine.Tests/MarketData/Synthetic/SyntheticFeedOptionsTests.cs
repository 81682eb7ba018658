using MultiAsset.Engine.MarketData.Synthetic;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Tests.MarketData.Synthetic;

public class SyntheticFeedOptionsTests
{
    private const string Prefix = "engine.json: marketData.feeds[0].";

    [Fact]
    public void An_empty_section_gives_the_defaults()
    {
        var options = SyntheticTestData.Options("""{ "type": "synthetic" }""");
        Assert.Equal(42UL, options.Seed);
        Assert.Equal(SyntheticTimeMode.Simulated, options.TimeMode);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Step);
        Assert.Equal(0.25, options.ClassSettings(AssetClass.Stock).Volatility);
        Assert.Equal(0.08, options.ClassSettings(AssetClass.Forex).Volatility);
        Assert.Equal(0.70, options.ClassSettings(AssetClass.Crypto).Volatility);
        Assert.Equal(6, options.Correlation.Classes.Count);
        Assert.Contains(options.Regimes.SafeHavens, h => h.Key == "JPY");
    }

    [Fact]
    public void Every_field_is_read()
    {
        var options = SyntheticTestData.Options("""
        {
          "type": "synthetic", "seed": 9, "eventsPerSecond": 50000, "referenceEveryRounds": 5,
          "time": { "mode": "wall", "start": "2025-03-03T00:00:00Z", "step": "250ms" },
          "classes": { "crypto": { "volatility": 0.9, "spreadBps": 8, "tradeProbability": 0.5, "quoteNotional": 20000, "startPrice": 10, "tradingHoursPerYear": 8000 } },
          "instruments": { "BTCUSD": { "volatility": 0.8, "startPrice": 60000 } },
          "correlation": { "classes": { "STOCK/CRYPTO": 0.4 }, "sectors": { "Energy/*": 0.3 }, "pairs": { "SPY/QQQ": 0.95 }, "sharedCurrency": 0.6, "safeHavenVsRisk": -0.3, "ifNotPositiveDefinite": "repair" },
          "jumps": { "intensityPerYear": 5, "meanLog": 0, "stdevLog": 0.1, "stressedIntensityMultiplier": 2 },
          "regimes": { "enabled": true, "calmToStressed": 0.001, "stressedToCalm": 0.01, "volatilityMultiplier": 3, "spreadMultiplier": 4, "stressCorrelation": 0.7, "stressCorrelationWeight": 0.5, "flightToQualityDrift": 2, "safeHavens": ["TLT", "CHF"] },
          "indices": { "SPX": { "constituents": ["SPY"], "baseLevel": 5000 } },
          "volatilityIndices": { "VIX": { "index": "SPX", "calmLevel": 12, "stressedLevel": 40, "halfLife": "1h", "sensitivity": 1 } },
          "rates": { "levels": { "USD": 0.05 }, "stepsPerYear": 2, "stepSize": 0.005, "everyRounds": 10 }
        }
        """);
        Assert.Equal(9UL, options.Seed);
        Assert.Equal(50_000, options.EventsPerSecond);
        Assert.Equal(5, options.ReferenceEveryRounds);
        Assert.Equal(SyntheticTimeMode.Wall, options.TimeMode);
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000, options.StartNanoseconds);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Step);
        Assert.Equal(0.9, options.ClassSettings(AssetClass.Crypto).Volatility);
        Assert.Equal(8000, options.ClassSettings(AssetClass.Crypto).TradingHoursPerYear);
        Assert.Equal(0.25, options.ClassSettings(AssetClass.Stock).Volatility);
        Assert.Equal(60000, Assert.Single(options.Instruments).StartPrice);
        Assert.Equal(0.4, options.Correlation.Classes.Single(c => c.Matches("CRYPTO", "STOCK")).Value);
        Assert.Equal(0.95, options.Correlation.Pairs.First(p => p.Matches("QQQ", "SPY")).Value);
        Assert.Equal(NonPositiveDefinitePolicy.Repair, options.Correlation.IfNotPositiveDefinite);
        Assert.Equal(-0.3, options.Correlation.SafeHavenVsRisk);
        Assert.Equal(2, options.Jumps.StressedIntensityMultiplier);
        Assert.Equal(["TLT", "CHF"], options.Regimes.SafeHavens.Select(h => h.Key));
        Assert.Equal(0.5, options.Regimes.StressCorrelationWeight);
        Assert.Equal(5000, Assert.Single(options.Indices).BaseLevel);
        Assert.Equal(TimeSpan.FromHours(1), Assert.Single(options.VolatilityIndices).HalfLife);
        Assert.Equal(0.05, options.Rates.Levels["USD"]);
        Assert.Equal(0.04, options.Rates.Levels["EUR"]);
        Assert.Equal(10, options.Rates.EveryRounds);
    }

    [Fact]
    public void Bad_values_are_all_reported_with_their_paths()
    {
        var ex = Assert.Throws<ConfigurationException>(() => SyntheticTestData.Options("""
        {
          "type": "replay", "seed": -1, "colour": "red",
          "time": { "mode": "sometimes", "start": "yesterday", "step": "0s" },
          "classes": { "STOCK": { "volatility": -0.2 }, "BONDS": {} },
          "correlation": { "classes": { "STOCK/GOLD": 0.1 }, "pairs": { "AAPL/MSFT": 1.5, "AAPL": 0.2, "SPY/SPY": 0.5 } },
          "regimes": { "volatilityMultiplier": 0.5, "safeHavens": [1] },
          "rates": { "levels": { "USD": "high" } }
        }
        """));
        string[] expected =
        [
            "type: expected \"synthetic\"",
            "seed: -1 is out of range",
            "colour: unknown field",
            "time.mode: unknown value 'sometimes'",
            "time.start: invalid instant 'yesterday'",
            "time.step: invalid duration '0s'",
            "classes.STOCK.volatility: -0.2 is out of range [0, 10]",
            "classes.BONDS: unknown asset class",
            "correlation.classes.STOCK/GOLD: unknown asset class 'GOLD'",
            "correlation.pairs.AAPL/MSFT: correlation 1.5 must be strictly between -1 and 1",
            "correlation.pairs.AAPL: expected a key of the form \"A/B\"",
            "correlation.pairs.SPY/SPY: a symbol's correlation with itself",
            "regimes.volatilityMultiplier: 0.5 is out of range [1, 20]",
            "regimes.safeHavens[0]: expected a non-empty string",
            "rates.levels.USD: expected a rate",
        ];
        foreach (var message in expected)
        {
            Assert.Contains(ex.Errors, e => e.StartsWith(Prefix + message, StringComparison.Ordinal));
        }

        Assert.True(expected.Length == ex.Errors.Count, string.Join("\n", ex.Errors));
    }

    [Fact]
    public void Symbols_unknown_to_the_catalogue_are_reported_with_their_paths()
    {
        var options = SyntheticTestData.Options("""
        {
          "instruments": { "FOO": { "volatility": 0.3 }, "VIX": { "volatility": 0.3 } },
          "correlation": { "pairs": { "AAPL/BAR": 0.2 } },
          "regimes": { "safeHavens": ["TLT", "XAU"] },
          "indices": { "SPX": { "constituents": ["AAPL", "ZZZ"] }, "AAPL": { } },
          "volatilityIndices": { "VIX": { "index": "DAX" } }
        }
        """);
        var ex = Assert.Throws<ConfigurationException>(() => new SyntheticMarket(SyntheticTestData.ShippedCatalog, options));
        var reader = new JsonSectionReader("engine.json");
        Assert.False(SyntheticMarket.Validate(SyntheticTestData.ShippedCatalog, options, reader));
        Assert.Equal(ex.Errors, reader.Errors);
        Assert.True(SyntheticMarket.Validate(SyntheticTestData.ShippedCatalog, new SyntheticFeedOptions(), new JsonSectionReader("engine.json")));
        string[] expected =
        [
            "instruments.FOO: unknown symbol 'FOO'",
            "instruments.VIX: 'VIX' is a reference series",
            "correlation.pairs.AAPL/BAR: unknown symbol 'BAR'",
            "regimes.safeHavens[1]: unknown safe haven 'XAU'",
            "indices.SPX.constituents[1]: unknown constituent 'ZZZ'",
            "indices.AAPL: 'AAPL' is not an index series",
            "volatilityIndices.VIX.index: 'DAX' is not an index series",
        ];
        foreach (var message in expected)
        {
            Assert.Contains(ex.Errors, e => e.StartsWith(Prefix + message, StringComparison.Ordinal));
        }

        Assert.True(expected.Length == ex.Errors.Count, string.Join("\n", ex.Errors));
    }

    [Fact]
    public void A_matrix_that_is_not_positive_definite_is_rejected_or_repaired_as_configured()
    {
        const string Json = """{ "correlation": { "pairs": { "AAA/BBB": 0.95, "BBB/CCC": 0.95, "AAA/CCC": -0.95 } } }""";
        var catalog = SyntheticTestData.AlwaysOpenCatalog;
        var ex = Assert.Throws<ConfigurationException>(() => new SyntheticMarket(catalog, SyntheticTestData.Options(Json)));
        var error = Assert.Single(ex.Errors);
        Assert.StartsWith(Prefix + "correlation: the correlation matrix over the 10 tradable instruments is not positive definite", error, StringComparison.Ordinal);

        var repaired = new SyntheticMarket(catalog, SyntheticTestData.Options(Json.Replace("} } }", "}, \"ifNotPositiveDefinite\": \"repair\" } }", StringComparison.Ordinal)));
        var ids = new[] { "AAA", "BBB", "CCC" }.Select(s => catalog.TryGet(s, out var i) ? i.Id : default).ToArray();
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(10, 10, (i, j) => repaired.CalmCorrelation(catalog.Tradable[i].Id, catalog.Tradable[j].Id));
        Assert.True(m.Evd().EigenValues.All(v => v.Real > 0));
        Assert.Equal(1.0, repaired.CalmCorrelation(ids[0], ids[0]), 12);
        Assert.True(repaired.CalmCorrelation(ids[0], ids[1]) > 0.3);
    }

    [Fact]
    public void A_missing_policy_rate_is_reported()
    {
        var options = SyntheticTestData.Options("""{ }""");
        var withoutUsd = new SyntheticFeedOptions
        {
            Source = options.Source,
            Path = options.Path,
            Rates = new RateSettings { Levels = new Dictionary<string, double> { ["EUR"] = 0.04 } },
        };
        var ex = Assert.Throws<ConfigurationException>(() => new SyntheticMarket(SyntheticTestData.AlwaysOpenCatalog, withoutUsd));
        Assert.StartsWith(Prefix + "rates.levels: no policy rate for currency USD", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }
}
