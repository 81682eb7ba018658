using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Risk.Analytics.Stress;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Risk.Analytics.Stress;

public sealed class ScenarioFileReaderTests
{
    private static HashSet<string> Symbols() => RepoFiles.ShippedCatalog.Instruments.Select(i => i.Symbol).ToHashSet(StringComparer.Ordinal);

    private static ScenarioLibrary Shipped() => ScenarioFileReader.Load(RepoFiles.PathOf(ScenarioFileReader.DefaultPath), Symbols());

    [Fact]
    public void Load_ShippedFile_HasTheFiveHistoricalScenariosWithSourcesAndHypotheticalOnes()
    {
        var library = Shipped();
        string[] historical = ["gfc-2008", "covid-2020", "chf-depeg-2015", "crypto-winter-2022", "taper-tantrum-2013"];
        foreach (var name in historical)
        {
            var scenario = library.Find(name);
            Assert.NotNull(scenario);
            Assert.Equal(StressScenarioKind.Historical, scenario.Kind);
            Assert.NotEmpty(scenario.Sources);
            Assert.NotNull(scenario.PeriodStart);
            Assert.True(scenario.PeriodEnd >= scenario.PeriodStart);
        }

        Assert.InRange(library.Scenarios.Count(s => s.Kind == StressScenarioKind.Hypothetical), 2, 10);
        Assert.Equal(-16m, library.Factors["rates"].BetaOf("TLT", AssetClass.Stock));
        Assert.Equal(0m, library.Factors["equity"].BetaOf("TLT", AssetClass.Stock));
        Assert.Equal(1m, library.Factors["equity"].BetaOf("SPY", AssetClass.Stock));
    }

    [Fact]
    public void Shipped_CovidOnSpyAndChfDepegOnEurChf_GiveTheCitedMoves()
    {
        var library = Shipped();
        var book = new StressBook
        {
            Account = "a",
            BaseCurrency = "USD",
            Positions =
            [
                new StressPosition { Symbol = "SPY", AssetClass = AssetClass.Stock, Quantity = 100, Price = 100, QuoteCurrency = "USD" },
                new StressPosition { Symbol = "TLT", AssetClass = AssetClass.Stock, Quantity = 100, Price = 100, QuoteCurrency = "USD" },
                new StressPosition { Symbol = "EURCHF", AssetClass = AssetClass.Forex, Quantity = 1_000, Price = 1.201m, QuoteCurrency = "CHF", BaseCurrency = "EUR", QuoteToAccountRate = 0.98m },
            ],
        };

        var covid = StressEngine.Run(book, library.Find("covid-2020")!, factors: library.Factors);
        Assert.Equal(-3_390m, covid.Instruments[0].Pnl);
        Assert.Equal(0m, covid.Instruments[1].Pnl); // equity beta 0 for the bond fund

        var chf = StressEngine.Run(book, library.Find("chf-depeg-2015")!, factors: library.Factors);
        decimal eurChf = chf.Instruments[2].PriceAfter;
        Assert.Equal(Math.Round(1.201m * 0.987m / 1.15m, 10), eurChf); // ≈ 1.031
        Assert.InRange(eurChf, 1.02m, 1.04m);

        var taper = StressEngine.Run(book, library.Find("taper-tantrum-2013")!, factors: library.Factors);
        Assert.Equal(-0.058m, taper.Instruments[0].PriceShock);
        Assert.Equal(-0.1664m, taper.Instruments[1].PriceShock); // −16 × 0.0104
    }

    public static TheoryData<string, string, string> Rejections => new()
    {
        { """{ "version": 1, "scenarios": [ { "name": "a", "kind": "hypothetical", "description": "d", "shocks": { "instruments": { "SPY": -0.1 } }, "colour": 1 } ] }""", "scenarios[0].colour", "unknown field" },
        { """{ "version": 1, "scenarios": [ { "name": "a", "kind": "hypothetical", "description": "d", "shocks": { "instruments": { "SPY": "-0.3" } } } ] }""", "scenarios[0].shocks.instruments.SPY", "expected a number" },
        { """{ "version": 1, "scenarios": [ { "name": "a", "kind": "hypothetical", "description": "d", "shocks": { "instruments": { "SPY": -1.5 } } } ] }""", "scenarios[0].shocks.instruments.SPY", "out of range" },
        { """{ "version": 1, "scenarios": [ { "name": "a", "kind": "hypothetical", "description": "d", "shocks": { "instruments": { "SPY": 1e400 } } } ] }""", "scenarios[0].shocks.instruments.SPY", "" },
        { """{ "version": 1, "scenarios": [ { "name": "a", "kind": "hypothetical", "description": "d", "shocks": { "assetClasses": { "BONDS": -0.1 } } } ] }""", "scenarios[0].shocks.assetClasses.BONDS", "unknown asset class" },
        { """{ "version": 1, "scenarios": [ { "name": "a", "kind": "hypothetical", "description": "d", "shocks": { "currencies": { "USD": 0.1 } } } ] }""", "scenarios[0].shocks.currencies.USD", "numeraire" },
        { """{ "version": 1, "scenarios": [ { "name": "a", "kind": "hypothetical", "description": "d", "shocks": { "currencies": { "EUR": -1 } } } ] }""", "scenarios[0].shocks.currencies.EUR", "out of range" },
        { """{ "version": 1, "scenarios": [ { "name": "a", "kind": "hypothetical", "description": "d", "shocks": { "factors": { "vol": 0.1 } } } ] }""", "scenarios[0].shocks.factors.vol", "unknown factor" },
        { """{ "version": 1, "scenarios": [ { "name": "a", "kind": "hypothetical", "description": "d", "shocks": { "instruments": { "NOPE": 0.1 } } } ] }""", "scenarios[0].shocks.instruments.NOPE", "unknown symbol" },
        { """{ "version": 1, "scenarios": [ { "name": "a", "kind": "historical", "period": { "start": "2020-01-01", "end": "2020-02-01" }, "description": "d", "shocks": { "instruments": { "SPY": 0.1 } } } ] }""", "scenarios[0].sources", "at least one source" },
        { """{ "version": 1, "scenarios": [ { "name": "a", "kind": "historical", "description": "d", "shocks": { "instruments": { "SPY": 0.1 } }, "sources": [] } ] }""", "scenarios[0].period", "period" },
        { """{ "version": 1, "scenarios": [ { "name": "a", "kind": "hypothetical", "period": { "start": "2020-13-01", "end": "2020-02-01" }, "description": "d", "shocks": { "instruments": { "SPY": 0.1 } } } ] }""", "scenarios[0].period.start", "YYYY-MM-DD" },
        { """{ "version": 1, "scenarios": [ { "name": "a", "kind": "guess", "description": "d", "shocks": { "instruments": { "SPY": 0.1 } } } ] }""", "scenarios[0].kind", "historical" },
        { """{ "version": 1, "scenarios": [ { "name": "a", "kind": "hypothetical", "description": "d", "shocks": {} } ] }""", "scenarios[0].shocks", "no shock" },
        { """{ "version": 1, "scenarios": [ { "name": "a", "kind": "hypothetical", "description": "d", "shocks": { "instruments": { "SPY": 0.1 } } }, { "name": "a", "kind": "hypothetical", "description": "d", "shocks": { "instruments": { "SPY": 0.1 } } } ] }""", "scenarios[1].name", "used twice" },
        { """{ "version": 1, "scenarios": [ { "name": "a", "name": "b", "kind": "hypothetical", "description": "d", "shocks": { "instruments": { "SPY": 0.1 } } } ] }""", "scenarios[0].name", "twice" },
        { """{ "version": 2, "scenarios": [] }""", "version", "expected 1" },
        { """{ "version": 1, "factors": { "rates": { "description": "r", "betas": { "TLT": "-16" } } }, "scenarios": [] }""", "factors.rates.betas.TLT", "expected a number" },
        { """[1, 2]""", "$", "expected an object" },
        { """{ "version": 1, "scenarios": [ """, "$", "invalid JSON" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void TryParse_InvalidFile_ReportsTheProblemWithItsPath(string json, string path, string message)
    {
        Assert.False(ScenarioFileReader.TryParse(json, Symbols(), out var library, out var problems));
        Assert.Null(library);
        Assert.Contains(problems, p => p.Path == path && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_SeededMutationsOfTheShippedFile_OnlyEverReturnProblems()
    {
        var shipped = File.ReadAllText(RepoFiles.PathOf(ScenarioFileReader.DefaultPath));
        var symbols = Symbols();
        var random = new Random(42);
        string[] tokens = ["null", "\"x\"", "-2", "1e999", "{}", "[]", "\"USD\"", "-1", "\"\"", "\"BONDS\"", ",", "{", "]"];
        int rejected = 0;
        for (int iteration = 0; iteration < 1000; iteration++)
        {
            var text = new System.Text.StringBuilder(shipped);
            int at = random.Next(text.Length);
            if (random.Next(2) == 0)
            {
                text.Insert(at, tokens[random.Next(tokens.Length)]);
            }
            else
            {
                text.Remove(at, Math.Min(random.Next(1, 8), text.Length - at));
            }

            if (!ScenarioFileReader.TryParse(text.ToString(), symbols, out var library, out var problems))
            {
                Assert.Null(library);
                Assert.NotEmpty(problems);
                rejected++;
            }
            else
            {
                Assert.NotNull(library);
            }
        }

        Assert.True(rejected > 300, $"only {rejected} mutations were rejected");
    }

    [Fact]
    public void Parse_InvalidFile_ThrowsWithEveryProblemNamingTheSource()
    {
        const string json = """{ "version": 1, "scenarios": [ { "name": "A B", "kind": "hypothetical", "description": "d", "shocks": { "instruments": { "SPY": -2 }, "assetClasses": { "BOND": 0 } } } ] }""";
        var ex = Assert.Throws<ConfigurationException>(() => ScenarioFileReader.Parse(json, "config/scenarios.json"));
        Assert.Equal(3, ex.Errors.Count);
        Assert.All(ex.Errors, e => Assert.StartsWith("config/scenarios.json: scenarios[0].", e, StringComparison.Ordinal));
    }
}
