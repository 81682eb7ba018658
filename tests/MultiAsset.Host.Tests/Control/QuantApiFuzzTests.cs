using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace MultiAsset.Host.Tests.Control;

/// <summary>
/// Seeded fuzzing of the two quant endpoints (<c>POST /optimize</c>, <c>POST /execution/preview</c>) through the real
/// REST server: valid MeanVariance, Black–Litterman and preview requests are mutated at any depth (keys dropped and
/// added, numbers turned into strings, scaled ×100 as a percent, made huge, negative, null, of the wrong type; arrays
/// shortened and lengthened; non-finite literals; truncated bodies). Every answer must be 2xx or a 4xx
/// <c>application/problem+json</c> with a detail — never a 5xx — and the mutations that can only be wrong (an unknown
/// key, a number sent as a string, a non-finite literal) must be 400 naming a field.
/// </summary>
public class QuantApiFuzzTests(EngineServerFixture fixture, ITestOutputHelper output) : IClassFixture<EngineServerFixture>
{
    private const int Seed = 16_006;
    private const int Requests = 900;

    private static readonly (string Path, string Body)[] Bases =
    [
        ("/optimize", """
            { "optimizationMethod": "MeanVariance", "objective": "MaxSharpe", "assets": ["SPY","QQQ","BTC"], "expectedReturns": [0.07, 0.09, 0.25],
              "covariance": [[0.0324, 0.035, 0.02],[0.035, 0.0484, 0.03],[0.02, 0.03, 0.49]], "riskFreeRate": 0.02,
              "assetInfo": { "SPY": {"assetClass": "STOCK", "sector": "Broad", "country": "US"}, "QQQ": {"assetClass": "STOCK", "sector": "Tech", "country": "US"}, "BTC": {"assetClass": "CRYPTO", "sector": "Digital", "country": "GLOBAL"} },
              "constraints": { "longOnly": true, "maxAssetWeight": 0.6, "assetClassBounds": {"CRYPTO": {"min": 0, "max": 0.2}}, "maxTurnover": 0.8, "currentWeights": [0.4, 0.4, 0.2] } }
            """),
        ("/optimize", """
            { "optimizationMethod": "BlackLitterman", "assets": ["A","B","C"], "covariance": [[0.04, 0.01, 0.0],[0.01, 0.09, 0.02],[0.0, 0.02, 0.16]],
              "marketWeights": [0.5, 0.3, 0.2], "riskAversion": 2.5, "tau": 0.05, "normaliseMarketWeights": false,
              "views": [ { "weights": {"A": 1, "B": -1}, "expectedReturn": 0.02, "confidence": 0.6 }, { "weights": {"C": 1}, "expectedReturn": 0.1 } ],
              "constraints": { "longOnly": false, "budget": false } }
            """),
        ("/execution/preview", """
            { "algorithm": "Implementation", "side": "Sell", "quantity": 10000, "lotSize": 100, "slices": 6, "sliceSeconds": 300, "price": 200,
              "volatility": 0.0001, "temporaryImpact": 0.05, "permanentImpact": 0.00001, "riskAversion": 0.0001, "fixedCostPerUnit": 0.01, "rounding": "largestRemainder" }
            """),
        ("/execution/preview", """
            { "algorithm": "VWAP", "side": "Buy", "quantity": 1000, "slices": 4, "sliceSeconds": 60, "volumeProfile": [1, 2, 3, 4], "rounding": "none" }
            """),
    ];

    private ControlTestServer S => fixture.Server;

    [Fact]
    public async Task Malformed_quant_requests_are_4xx_problem_json_never_5xx()
    {
        foreach (var (path, body) in Bases)
        {
            var ok = await S.SendAsync(HttpMethod.Post, path, ControlTestServer.TraderKey, body);
            Assert.True(ok.StatusCode == HttpStatusCode.OK, $"base request to {path}: {(int)ok.StatusCode} {await ok.Content.ReadAsStringAsync()}");
        }

        var random = new Random(Seed);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (int n = 0; n < Requests; n++)
        {
            var (path, body) = Bases[random.Next(Bases.Length)];
            var (json, kind, mustFail) = Mutate(body, random);
            using var response = await S.SendAsync(HttpMethod.Post, path, ControlTestServer.TraderKey, json);
            int status = (int)response.StatusCode;
            string text = await response.Content.ReadAsStringAsync();
            counts[$"{kind} {status}"] = counts.GetValueOrDefault($"{kind} {status}") + 1;
            Assert.True(status < 500, $"#{n} {kind} {path} → {status}: {text}\n{json}");
            if (mustFail)
            {
                Assert.True(status == 400, $"#{n} {kind} {path} should be 400 but is {status}: {text}\n{json}");
            }

            if (status >= 400)
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"#{n} {kind} → {status} without problem+json");
                var problem = JsonDocument.Parse(text).RootElement;
                Assert.Equal(status, problem.GetProperty("status").GetInt32());
                Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), $"#{n} {kind}: no detail");
                if (mustFail)
                {
                    Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("field").GetString()), $"#{n} {kind}: no field in {text}");
                }
            }
        }

        output.WriteLine(string.Join(", ", counts.Select(c => $"{c.Key}: {c.Value}")));
        Assert.True(counts.Where(c => !c.Key.EndsWith(" 200", StringComparison.Ordinal)).Sum(c => c.Value) >= Requests / 2, "most mutations were rejected");
    }

    /// <summary>One mutation of <paramref name="body"/>: the JSON, a label, and whether it can only be a 400.</summary>
    private static (string Json, string Kind, bool MustFail) Mutate(string body, Random random)
    {
        int choice = random.Next(12);
        if (choice == 0)
        {
            return (body[..random.Next(1, body.Length - 1)], "truncated", true);
        }

        if (choice == 1)
        {
            // A non-finite or out-of-range literal in place of a number.
            string[] literals = ["NaN", "Infinity", "-Infinity", "1e400", "-1e999"];
            var numbers = System.Text.RegularExpressions.Regex.Matches(body, @"(?<=[:\[,]\s*)-?\d+(\.\d+)?([eE][-+]?\d+)?");
            var m = numbers[random.Next(numbers.Count)];
            return (body[..m.Index] + literals[random.Next(literals.Length)] + body[(m.Index + m.Length)..], "non-finite", true);
        }

        var root = JsonNode.Parse(body)!;
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        switch (choice)
        {
            case 2:
            {
                var obj = target as JsonObject ?? target.Parent as JsonObject ?? root.AsObject();
                obj["zzUnknown" + random.Next(100)] = 1;
                return (root.ToJsonString(), "unknown key", true);
            }

            case 3 when target is JsonValue v && v.GetValueKind() == JsonValueKind.Number:
                Replace(target, JsonValue.Create(v.ToJsonString()));
                return (root.ToJsonString(), "number as string", true);
            case 4 when target is JsonValue v && v.GetValueKind() == JsonValueKind.Number:
                Replace(target, JsonValue.Create(v.GetValue<double>() * 100));
                return (root.ToJsonString(), "percent", false);
            case 5 when target is JsonValue v && v.GetValueKind() == JsonValueKind.Number:
                Replace(target, JsonValue.Create(-v.GetValue<double>() - 1));
                return (root.ToJsonString(), "negative", false);
            case 6 when target.Parent is not null:
                Replace(target, JsonValue.Create(1e300));
                return (root.ToJsonString(), "huge", false);
            case 7 when target.Parent is not null:
                Replace(target, null);
                return (root.ToJsonString(), "null", false);
            case 8 when target.Parent is JsonObject parent:
                parent.Remove(parent.First(p => ReferenceEquals(p.Value, target)).Key);
                return (root.ToJsonString(), "dropped", false);
            case 9 when target is JsonArray array && array.Count > 0:
                array.RemoveAt(random.Next(array.Count));
                return (root.ToJsonString(), "shorter array", false);
            case 10 when target is JsonArray array && array.Count > 0:
                array.Add(array[0]!.DeepClone());
                return (root.ToJsonString(), "longer array", false);
            case 11 when target.Parent is not null:
                JsonNode[] wrong = [new JsonObject(), new JsonArray(), JsonValue.Create(true), JsonValue.Create("x"), JsonValue.Create(0.5)];
                Replace(target, wrong[random.Next(wrong.Length)]);
                return (root.ToJsonString(), "wrong type", false);
        }

        // The chosen mutation did not apply to this node: scale a random number by 100 instead.
        var numbersOnly = nodes.Where(x => x is JsonValue jv && jv.GetValueKind() == JsonValueKind.Number).ToList();
        var pick = numbersOnly[random.Next(numbersOnly.Count)];
        Replace(pick, JsonValue.Create(pick.GetValue<double>() * 100));
        return (root.ToJsonString(), "percent", false);
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        into.Add(node);
        if (node is JsonObject obj)
        {
            foreach (var (_, child) in obj)
            {
                if (child is not null)
                {
                    Collect(child, into);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                if (child is not null)
                {
                    Collect(child, into);
                }
            }
        }
    }

    private static void Replace(JsonNode target, JsonNode? with)
    {
        switch (target.Parent)
        {
            case JsonObject obj:
                obj[obj.First(p => ReferenceEquals(p.Value, target)).Key] = with;
                break;
            case JsonArray array:
                array[array.IndexOf(target)] = with;
                break;
        }
    }

    [Theory]
    [InlineData("/optimize", """{ "optimizationMethod": "MeanVariance", "assets": ["A","B"], "covariance": [[0.04,0],[0,0.09]], "constraints": { "assetClassBounds": { "CRYPT": { "max": 0.2 } } }, "assetInfo": { "A": {"assetClass": "STOCK"}, "B": {"assetClass": "CRYPTO"} } }""", "constraints.assetClassBounds.CRYPT")]
    [InlineData("/optimize", """{ "optimizationMethod": "MeanVariance", "assets": ["A","B"], "covariance": [[0.04,0],[0,0.09]], "riskFreeRate": "0.02" }""", "riskFreeRate")]
    [InlineData("/optimize", """{ "optimizationMethod": "MeanVariance", "assets": ["A","B"], "covariance": [[0.04,0],[0,0.09]], "constraints": { "maxAssetWeight": 60 } }""", "constraints.maxAssetWeight")]
    [InlineData("/optimize", """{ "optimizationMethod": "MeanVariance", "assets": ["A","B"], "covariance": [[0.04,0],[0,0.09]], "constraints": { "longOnly": true, "maxTurnovr": 0.2 } }""", "constraints.maxTurnovr")]
    [InlineData("/optimize", """{ "optimizationMethod": "BlackLitterman", "assets": ["A","B"], "covariance": [[0.04,0],[0,0.09]], "marketWeights": [0.25, 0.25] }""", "marketWeights")]
    [InlineData("/execution/preview", """{ "algorithm": "Implementation", "side": "Buy", "quantity": 1000, "slices": 4, "sliceSeconds": 60, "price": 100, "volatility": 30, "temporaryImpact": 0.1, "riskAversion": 0.001 }""", "volatility")]
    [InlineData("/execution/preview", """{ "algorithm": "TWAP", "side": "Buy", "quantity": 1000, "slices": 4, "sliceSeconds": 60, "rounding": "round" }""", "rounding")]
    public async Task The_issue_examples_are_400_naming_the_field(string path, string json, string field)
        => await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, path, ControlTestServer.TraderKey, json), HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task Preview_over_rest_returns_kappa_half_life_and_the_exact_trajectory()
    {
        var r = await ProblemAssert.IsJson(
            await S.SendAsync(HttpMethod.Post, "/execution/preview", ControlTestServer.TraderKey, Bases[2].Body),
            HttpStatusCode.OK);
        Assert.Equal("largestRemainder", r.GetProperty("rounding").GetString());
        Assert.True(r.GetProperty("kappa").GetDouble() > 0);
        Assert.Equal(1 / r.GetProperty("kappa").GetDouble(), r.GetProperty("halfLifeSeconds").GetDouble(), 9);
        Assert.Equal(0.01 * 10_000, r.GetProperty("fixedCost").GetDouble(), 9);
        Assert.Equal(7, r.GetProperty("trajectory").GetProperty("holdings").GetArrayLength());
        Assert.Equal(10_000, r.GetProperty("children").EnumerateArray().Sum(c => c.GetProperty("quantity").GetDecimal()));
        _ = CultureInfo.InvariantCulture;
    }
}
