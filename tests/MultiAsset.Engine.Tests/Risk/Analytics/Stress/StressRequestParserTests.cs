using System.Text;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Risk.Analytics.Stress;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Risk.Analytics.Stress;

public sealed class StressRequestParserTests
{
    private const string ValidBody = """
        {
          "scenario": "covid-2020",
          "scenarios": ["gfc-2008", "covid-2020"],
          "name": "my-shock",
          "shocks": { "instruments": { "AAPL": -0.25 }, "assetClasses": { "CRYPTO": -0.5 }, "currencies": { "EUR": -0.05 }, "factors": { "rates": 0.01 } },
          "accounts": ["acc-1"],
          "positions": [ { "account": "acc-1", "symbol": "BTCUSD", "quantity": 0.5, "price": 60000 }, { "symbol": "SPY", "quantity": -10 } ],
          "positionsMode": "replace"
        }
        """;

    private static readonly Lazy<ScenarioLibrary> LibraryValue = new(() => ScenarioFileReader.Load(RepoFiles.PathOf(ScenarioFileReader.DefaultPath)));

    private static ScenarioLibrary Library => LibraryValue.Value;

    private static HashSet<string> Symbols() => RepoFiles.ShippedCatalog.Instruments.Select(i => i.Symbol).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> Accounts = new(StringComparer.Ordinal) { "acc-1", "acc-2" };

    [Fact]
    public void TryParse_ValidBody_ReadsEverything()
    {
        Assert.True(StressRequestParser.TryParse(ValidBody, Library, Symbols(), Accounts, out var request, out var problems), string.Join("; ", problems));
        Assert.NotNull(request);
        Assert.Equal(new[] { "covid-2020", "gfc-2008" }, request.ScenarioNames);
        Assert.Equal("my-shock", request.AdHoc!.Name);
        Assert.Equal(StressScenarioKind.AdHoc, request.AdHoc.Kind);
        Assert.Equal(-0.25m, request.AdHoc.Shocks.Instruments["AAPL"]);
        Assert.Equal(-0.5m, request.AdHoc.Shocks.AssetClasses[AssetClass.Crypto]);
        Assert.Equal(-0.05m, request.AdHoc.Shocks.Currencies["EUR"]);
        Assert.Equal(0.01m, request.AdHoc.Shocks.Factors["rates"]);
        Assert.Equal(new[] { "acc-1" }, request.Accounts);
        Assert.Equal(new WhatIfPosition("acc-1", "BTCUSD", 0.5m, 60000m), request.Positions[0]);
        Assert.Equal(new WhatIfPosition(null, "SPY", -10m, null), request.Positions[1]);
        Assert.Equal(WhatIfMode.Replace, request.PositionsMode);
        Assert.Equal(new[] { "covid-2020", "gfc-2008", "my-shock" }, request.Scenarios(Library).Select(s => s.Name));
    }

    public static TheoryData<string, string, string> Rejections => new()
    {
        { """{ "scenario": "nope" }""", "scenario", "unknown scenario" },
        { """{ "scenarios": "covid-2020" }""", "scenarios", "expected an array" },
        { """{ "scenarios": [ 3 ] }""", "scenarios[0]", "expected a scenario name" },
        { """{ "shocks": { "instruments": { "AAPL": "-0.3" } } }""", "shocks.instruments.AAPL", "expected a number" },
        { """{ "shocks": { "instruments": { "AAPL": -1.01 } } }""", "shocks.instruments.AAPL", "out of range" },
        { """{ "shocks": { "assetClasses": { "BOND": -0.1 } } }""", "shocks.assetClasses.BOND", "unknown asset class" },
        { """{ "shocks": { "currencies": { "eur": -0.1 } } }""", "shocks.currencies.eur", "upper-case" },
        { """{ "shocks": { "equity": -0.1 } }""", "shocks.equity", "unknown field" },
        { """{ "shocks": {} }""", "shocks", "no shock" },
        { """{ "accounts": ["zzz"], "scenario": "covid-2020" }""", "accounts[0]", "unknown account" },
        { """{ "scenario": "covid-2020", "positions": [ { "symbol": "AAPL" } ] }""", "positions[0].quantity", "is required" },
        { """{ "scenario": "covid-2020", "positions": [ { "symbol": "AAPL", "quantity": 1, "price": 0 } ] }""", "positions[0].price", "out of range" },
        { """{ "scenario": "covid-2020", "positions": [ { "symbol": "NOPE", "quantity": 1 } ] }""", "positions[0].symbol", "unknown symbol" },
        { """{ "scenario": "covid-2020", "positions": [ { "symbol": "AAPL", "quantity": 1e30 } ] }""", "positions[0].quantity", "out of range" },
        { """{ "scenario": "covid-2020", "positionsMode": "merge" }""", "positionsMode", "add" },
        { """{ "name": "x" }""", "name", "give \"shocks\"" },
        { """{ }""", "$", "give \"scenario\"" },
        { """{ "scenario": "covid-2020", "scenario": "gfc-2008" }""", "scenario", "twice" },
        { """null""", "$", "expected an object" },
        { "", "$", "empty" },
        { """{ "scenario": """, "$", "invalid JSON" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void TryParse_InvalidBody_ReportsTheProblemWithItsPath(string json, string path, string message)
    {
        Assert.False(StressRequestParser.TryParse(json, Library, Symbols(), Accounts, out var request, out var problems));
        Assert.Null(request);
        Assert.Contains(problems, p => p.Path == path && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_SeededMutationsOfAValidBody_OnlyEverReturnProblems()
    {
        var random = new Random(20261207);
        string[] tokens = ["null", "\"x\"", "-2", "1e999", "{}", "[]", "\"USD\"", "-1", "\"\"", "true", "0", ",", ":", "{", "]", "\"scenario\"", "\"\\u0000\"", "NaN", "-0.5"];
        int accepted = 0, rejected = 0;
        for (int iteration = 0; iteration < 3000; iteration++)
        {
            var text = new StringBuilder(ValidBody);
            for (int m = 0, count = random.Next(1, 4); m < count; m++)
            {
                int at = random.Next(text.Length);
                switch (random.Next(4))
                {
                    case 0:
                        text.Remove(at, Math.Min(random.Next(1, 12), text.Length - at));
                        break;
                    case 1:
                        text.Insert(at, tokens[random.Next(tokens.Length)]);
                        break;
                    case 2:
                        text[at] = (char)random.Next(32, 127);
                        break;
                    default:
                        int from = random.Next(text.Length);
                        text.Insert(at, text.ToString(from, Math.Min(random.Next(1, 30), text.Length - from)));
                        break;
                }
            }

            bool ok = StressRequestParser.TryParse(text.ToString(), Library, Symbols(), Accounts, out var request, out var problems);
            if (ok)
            {
                Assert.NotNull(request);
                Assert.Empty(problems);
                accepted++;
            }
            else
            {
                Assert.Null(request);
                Assert.NotEmpty(problems);
                Assert.All(problems, p => Assert.False(string.IsNullOrEmpty(p.Path) || string.IsNullOrEmpty(p.Message)));
                rejected++;
            }
        }

        Assert.True(rejected > 1000, $"only {rejected} mutations were rejected");
        Assert.True(accepted > 0, "no mutation was accepted; the fuzz does not reach the field checks");
    }

    [Fact]
    public void TryParse_DeepNesting_IsAProblemNotAnException()
    {
        string json = "{ \"shocks\": " + new string('[', 500) + new string(']', 500) + " }";
        Assert.False(StressRequestParser.TryParse(json, Library, null, null, out _, out var problems));
        Assert.Equal("$", problems[0].Path);
    }
}
