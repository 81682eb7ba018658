using System.Text.Json;
using System.Text.Json.Nodes;
using MultiAsset.Engine.Risk.Analytics.Contract;
using static MultiAsset.Engine.Tests.Risk.Analytics.Measures.RiskTestData;

namespace MultiAsset.Engine.Tests.Risk.Analytics.Measures;

public class RiskAnalysisContractTests
{
    private const string Valid = """
        {
          "method": "parametric", "confidence": 0.99, "horizon": 1,
          "positions": [
            { "symbol": "AAPL", "assetClass": "STOCK", "currency": "USD", "exposure": 1000000 },
            { "symbol": "BTC-USD", "assetClass": "CRYPTO", "currency": "USD", "exposure": 500000 }
          ],
          "covariance": [[0.0004, 0.0003], [0.0003, 0.0025]],
          "stressedCorrelation": 1.0, "topN": 5
        }
        """;

    [Fact]
    public void ValidBody_ReturnsTheSeedNamesAndTheDetail()
    {
        var (response, problems) = RiskAnalysisContract.Analyze(Valid);
        Assert.Empty(problems);
        Assert.NotNull(response);
        Close(84_680.34081707055, response.TotalVaR, 1e-9, "totalVaR");
        using var json = JsonDocument.Parse(RiskAnalysisContract.Serialize(response));
        var root = json.RootElement;
        Close(84_680.34081707055, root.GetProperty("totalVaR").GetDouble(), 1e-9, "json totalVaR");
        var classes = root.GetProperty("componentVaR").EnumerateArray().ToArray();
        Assert.Equal(["STOCK", "CRYPTO"], classes.Select(c => c.GetProperty("assetClass").GetString()));
        Close(35_150.330150482114, classes[0].GetProperty("componentVaR").GetDouble(), 1e-9, "STOCK component");
        Assert.True(root.GetProperty("correlationRisk").GetDouble() > 0);
        Close(5.0 / 9, root.GetProperty("concentrationRisk").GetDouble(), 1e-12, "HHI");
        Assert.Equal("parametric", root.GetProperty("method").GetString());
        Assert.True(root.TryGetProperty("expectedShortfall", out _));
        Assert.Equal(2, root.GetProperty("byInstrument").GetArrayLength());
        Assert.Equal("AAPL", root.GetProperty("byInstrument")[0].GetProperty("symbol").GetString());
        Assert.True(root.GetProperty("byInstrument")[0].TryGetProperty("marginalVaR", out _));
        Assert.True(root.GetProperty("concentration").GetProperty("byCurrency").TryGetProperty("hhi", out _));
        Assert.False(root.TryGetProperty("paths", out _));
        Assert.False(root.TryGetProperty("quantile", out _));
    }

    [Fact]
    public void MonteCarloAndHistoricalBodies_Run()
    {
        var mc = Mutate(Valid, o => { o["method"] = "monteCarlo"; o["paths"] = 5000; o["seed"] = 7; o["distribution"] = "studentT"; o["degreesOfFreedom"] = 5; o["quantile"] = "interpolated"; });
        var (response, problems) = RiskAnalysisContract.Analyze(mc);
        Assert.Empty(problems);
        Assert.Equal(5000, response!.ScenarioCount);
        Assert.Equal("studentT", response.Distribution);
        Assert.Equal(7UL, response.Seed);

        var hist = Mutate(Valid, o =>
        {
            o["method"] = "historical";
            o.Remove("covariance");
            o["returns"] = new JsonArray(new JsonArray(0.01, -0.04), new JsonArray(-0.03, 0.02), new JsonArray(0.0, -0.05));
            o["quantile"] = "kthWorst";
            o["confidence"] = 0.5;
        });
        (response, problems) = RiskAnalysisContract.Analyze(hist);
        Assert.Empty(problems);
        // Scenario P&L: −10 000, −20 000, −25 000 → k = ⌈3·0.5⌉ = 2: VaR = 20 000, ES = 22 500.
        Close(20_000, response!.TotalVaR, 1e-12, "historical VaR");
        Close(22_500, response.ExpectedShortfall, 1e-12, "historical ES");
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { """{"method":"parametric","confidence":99,"positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1}],"covariance":[[1]]}""", "confidence", "looks like a percent" },
        { """{"method":"parametric","confidence":"0.99","positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1}],"covariance":[[1]]}""", "confidence", "not a string" },
        { """{"method":"parametric","confidence":1.5e400,"positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1}],"covariance":[[1]]}""", "confidence", "range of a double" },
        { """{"method":"parametric","horizon":0,"positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1}],"covariance":[[1]]}""", "horizon", "(0," },
        { """{"method":"parametric","positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1}],"covariance":[[1]],"colour":1}""", "colour", "unknown key" },
        { """{"method":"parametric","positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1,"qty":3}],"covariance":[[1]]}""", "positions[0].qty", "unknown key" },
        { """{"method":"parametric","positions":[{"symbol":"A","assetClass":"BOND","currency":"USD","exposure":1}],"covariance":[[1]]}""", "positions[0].assetClass", "BOND" },
        { """{"method":"parametric","positions":[],"covariance":[[1]]}""", "positions", "empty" },
        { """{"method":"parametric","positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1},{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":2}],"covariance":[[1,0],[0,1]]}""", "positions[1].symbol", "duplicates" },
        { """{"method":"parametric","positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1},{"symbol":"B","assetClass":"STOCK","currency":"USD","exposure":2}],"covariance":[[1,0.5],[0.4,1]]}""", "covariance[1][0]", "not symmetric" },
        { """{"method":"parametric","positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1}],"covariance":[[-1]]}""", "covariance[0][0]", "variance" },
        { """{"method":"parametric","positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1},{"symbol":"B","assetClass":"STOCK","currency":"USD","exposure":2}],"covariance":[[1,0]]}""", "covariance", "2×2" },
        { """{"method":"parametric","positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1},{"symbol":"B","assetClass":"STOCK","currency":"USD","exposure":2}],"covariance":[[1,0],[0]]}""", "covariance[1]", "expected 2" },
        { """{"method":"historical","positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1}],"returns":[[0.1],[0.2,0.3]]}""", "returns[1]", "expected 1" },
        { """{"method":"monteCarlo","paths":2000000,"positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1}],"covariance":[[1]]}""", "paths", "1000000" },
        { """{"method":"monteCarlo","paths":10.5,"positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1}],"covariance":[[1]]}""", "paths", "integer" },
        { """{"method":"parametric","paths":100,"positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1}],"covariance":[[1]]}""", "paths", "monteCarlo" },
        { """{"method":"var","positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1}],"covariance":[[1]]}""", "method", "not one of" },
        { """{"positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1}],"covariance":[[1]]}""", "method", "required" },
        { """{"method":"parametric","positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1}]}""", "covariance", "required" },
        { """{"method":"parametric","positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD"}],"covariance":[[1]]}""", "positions[0].exposure", "required" },
        { """{"method":"parametric","distribution":"studentT","degreesOfFreedom":2,"positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1}],"covariance":[[1]]}""", "degreesOfFreedom", "(2," },
        { """{"method":"parametric","stressedCorrelation":1.2,"positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1}],"covariance":[[1]]}""", "stressedCorrelation", "[-1, 1]" },
        { """{"method":"parametric","method":"historical","positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1}],"covariance":[[1]]}""", "method", "twice" },
        { """{"method":"monteCarlo","paths":100,"positions":[{"symbol":"A","assetClass":"STOCK","currency":"USD","exposure":1},{"symbol":"B","assetClass":"STOCK","currency":"USD","exposure":1}],"covariance":[[1,2],[2,1]]}""", "covariance", "positive semi-definite" },
        { """[1,2]""", "$", "object" },
        { """{"method":""", "$", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedBody_IsRejectedWithTheField(string body, string field, string reason)
    {
        var (response, problems) = RiskAnalysisContract.Analyze(body);
        Assert.Null(response);
        Assert.Contains(problems, p => p.Field == field && p.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_SerialiseAsFieldAndReason()
    {
        var (_, problems) = RiskAnalysisContract.Parse("""{"method":"parametric","confidence":99}""");
        using var json = JsonDocument.Parse(RiskAnalysisContract.Serialize(problems));
        Assert.Contains(json.RootElement.EnumerateArray(), p => p.GetProperty("field").GetString() == "confidence");
    }

    [Fact]
    public void Fuzz_MutatedBodies_NeverThrow_AndEveryProblemNamesAField()
    {
        var random = new Random(16);
        var valid = new[]
        {
            Valid,
            Mutate(Valid, o => { o["method"] = "monteCarlo"; o["paths"] = 200; o["seed"] = 1; }),
            Mutate(Valid, o => { o["method"] = "historical"; o.Remove("covariance"); o["returns"] = new JsonArray(new JsonArray(0.01, -0.02), new JsonArray(-0.03, 0.01)); }),
        };
        int rejected = 0;
        for (int round = 0; round < 600; round++)
        {
            string body = MutateRandomly(valid[round % valid.Length], random);
            var (response, problems) = RiskAnalysisContract.Analyze(body);
            Assert.True(response is null != (problems.Count == 0), $"either a response or problems: {body}");
            foreach (var p in problems)
            {
                Assert.False(string.IsNullOrWhiteSpace(p.Field), body);
                Assert.False(string.IsNullOrWhiteSpace(p.Reason), body);
            }

            rejected += problems.Count > 0 ? 1 : 0;
            if (response is not null)
            {
                Assert.True(double.IsFinite(response.TotalVaR), body);
                Assert.NotNull(RiskAnalysisContract.Serialize(response));
            }
        }

        Assert.InRange(rejected, 200, 600);
    }

    private static string Mutate(string json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    private static string MutateRandomly(string json, Random random)
    {
        var root = JsonNode.Parse(json)!;
        int edits = 1 + random.Next(3);
        for (int e = 0; e < edits; e++)
        {
            var targets = new List<JsonNode>();
            Collect(root, targets);
            var target = targets[random.Next(targets.Count)];
            var parent = target.Parent;
            JsonNode? replacement = random.Next(12) switch
            {
                0 => JsonValue.Create("0.5"),
                1 => JsonValue.Create(-1),
                2 => JsonValue.Create(99),
                3 => null,
                4 => new JsonArray(),
                5 => new JsonObject { ["x"] = 1 },
                6 => JsonValue.Create(1e300),
                7 => JsonValue.Create(true),
                8 => JsonValue.Create(random.NextDouble()),
                9 => JsonValue.Create("STOCK"),
                10 => new JsonArray(JsonValue.Create(1.0), JsonValue.Create(2.0)),
                _ => JsonValue.Create(0),
            };
            switch (parent)
            {
                case JsonObject obj:
                    string key = obj.First(kv => ReferenceEquals(kv.Value, target)).Key;
                    if (random.Next(8) == 0)
                    {
                        obj.Remove(key);
                    }
                    else
                    {
                        obj[key] = replacement;
                    }

                    break;
                case JsonArray array:
                    int index = array.IndexOf(target);
                    if (random.Next(8) == 0)
                    {
                        array.RemoveAt(index);
                    }
                    else
                    {
                        array[index] = replacement;
                    }

                    break;
                default:
                    root = replacement ?? JsonValue.Create(0)!;
                    break;
            }

            if (random.Next(10) == 0 && root is JsonObject top)
            {
                top["extra" + random.Next(3)] = 1;
            }
        }

        string text = root.ToJsonString();
        // Sometimes truncate the text to exercise the JSON reader's errors.
        return random.Next(15) == 0 ? text[..random.Next(text.Length)] : text;
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is null)
        {
            return;
        }

        into.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var kv in obj)
                {
                    Collect(kv.Value, into);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, into);
                }

                break;
        }
    }
}
