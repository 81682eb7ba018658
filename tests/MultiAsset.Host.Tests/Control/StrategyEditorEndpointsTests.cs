using System.Net;
using System.Text.Json;
using MultiAsset.Engine.Signals.Rules;

namespace MultiAsset.Host.Tests.Control;

/// <summary>
/// <c>POST /strategies/validate</c> (the same validation as create, without creating) and
/// <c>GET /strategies/completions</c> (the rule language's and the catalogue's own tables), against a real engine.
/// </summary>
public class StrategyEditorEndpointsTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private ControlTestServer S => fixture.Server;

    private static string Draft(string id, string trigger, int maxWeight = 40) => $$"""
        {
          "id": "{{id}}", "account": "crypto-tech", "name": "Draft {{id}}", "type": "Correlation",
          "assetClasses": ["CRYPTO", "STOCK"],
          "allocation": [
            { "assetClass": "CRYPTO", "targetWeight": 30, "minWeight": 20, "maxWeight": {{maxWeight}} },
            { "assetClass": "STOCK", "targetWeight": 70, "minWeight": 60, "maxWeight": 80 }
          ],
          "executionRules": [ { "trigger": "{{trigger}}", "action": "Increase crypto allocation by 5%" } ]
        }
        """;

    [Fact]
    public async Task Validate_ReportsWhatCreateReports_WithLineAndColumn_AndCreatesNothing()
    {
        var draft = Draft("editor-bad", "BTC momentum > AND NASDAQ momentum > 0.03", maxWeight: 25);

        var result = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies/validate", ControlTestServer.TraderKey, draft), HttpStatusCode.OK);

        Assert.False(result.GetProperty("valid").GetBoolean());
        var errors = result.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(2, errors.Count);
        var allocation = errors.Single(e => e.GetProperty("field").GetString() == "allocation[0].targetWeight");
        Assert.Equal("30 is outside [minWeight, maxWeight] = [20, 25]", allocation.GetProperty("message").GetString());
        Assert.False(allocation.TryGetProperty("line", out _));
        var rule = errors.Single(e => e.GetProperty("field").GetString() == "executionRules[0].trigger");
        Assert.Equal(1, rule.GetProperty("line").GetInt32());
        Assert.Equal(16, rule.GetProperty("column").GetInt32());
        Assert.Equal("expected an indicator, symbol or number but found 'AND'", rule.GetProperty("message").GetString());

        // Create says the same (one problem text listing both), and validate created nothing.
        var create = await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/strategies", ControlTestServer.TraderKey, draft), HttpStatusCode.BadRequest);
        var detail = create.GetProperty("detail").GetString()!;
        Assert.Contains("executionRules[0].trigger: 1:16: expected an indicator, symbol or number but found 'AND'", detail, StringComparison.Ordinal);
        Assert.Contains("allocation[0].targetWeight: 30 is outside [minWeight, maxWeight] = [20, 25]", detail, StringComparison.Ordinal);
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/strategies/editor-bad"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Validate_AValidDraft_IsValid_AndStillNotCreated_ThenCreateAccepts_AndValidateSeesTheId()
    {
        var draft = Draft("editor-good", "BTC momentum(1h) > 0.05 AND NOT ETH volatility > 2");

        var result = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies/validate", ControlTestServer.TraderKey, draft), HttpStatusCode.OK);
        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
        Assert.Empty(result.GetProperty("errors").EnumerateArray());
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/strategies/editor-good"), HttpStatusCode.NotFound);

        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies", ControlTestServer.TraderKey, draft), HttpStatusCode.Created);
        var again = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies/validate", ControlTestServer.TraderKey, draft), HttpStatusCode.OK);
        Assert.False(again.GetProperty("valid").GetBoolean());
        Assert.Equal("id", Assert.Single(again.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Validate_NeedsTrader_AndTheKeysAccount()
    {
        var draft = Draft("editor-role", "BTC momentum > 0.05");

        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/strategies/validate", ControlTestServer.ViewerKey, draft), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/strategies/validate", ControlTestServer.ScopedTraderKey, draft.Replace("crypto-tech", "fx-carry", StringComparison.Ordinal)), HttpStatusCode.Forbidden, "account");
        var scoped = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies/validate", ControlTestServer.ScopedTraderKey, draft), HttpStatusCode.OK);
        Assert.True(scoped.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Completions_ComeFromTheCatalogueAndTheLanguagesTables()
    {
        var completions = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/strategies/completions", ControlTestServer.ViewerKey), HttpStatusCode.OK);

        var symbols = completions.GetProperty("symbols").EnumerateArray().ToDictionary(s => s.GetProperty("symbol").GetString()!, s => s.GetProperty("assetClass").GetString());
        Assert.Equal(S.Engine!.Stages.Accounts.Book.Catalog.Count, symbols.Count);
        Assert.Equal("CRYPTO", symbols["BTCUSD"]);
        Assert.Equal("STOCK", symbols["AAPL"]);
        Assert.Equal("FOREX", symbols["EURUSD"]);
        Assert.Equal(RuleVocabulary.Indicators.Select(i => i.Name), completions.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        var momentum = completions.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "momentum");
        Assert.True(momentum.GetProperty("takesTimeframe").GetBoolean());
        Assert.Contains("TIMEFRAME", momentum.GetProperty("signature").GetString(), StringComparison.Ordinal);
        Assert.Equal(["AND", "OR", "NOT"], completions.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["STOCK", "FOREX", "CRYPTO"], completions.GetProperty("assetClasses").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["Increase", "Decrease", "Set", "Initiate", "Buy", "Sell", "Close"], completions.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("verb").GetString()));
        Assert.Contains(completions.GetProperty("aliases").EnumerateArray(), a => a.GetProperty("alias").GetString() == "BTC" && a.GetProperty("symbol").GetString() == "BTCUSD");

        // The timeframes are the engine's configured ones: each is accepted by validate, and one that is not is refused.
        var timeframes = completions.GetProperty("timeframes").EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.NotEmpty(timeframes);
        foreach (var timeframe in timeframes)
        {
            var ok = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies/validate", ControlTestServer.TraderKey, Draft("editor-tf", $"BTC momentum({timeframe}) > 0.05")), HttpStatusCode.OK);
            Assert.True(ok.GetProperty("valid").GetBoolean(), $"{timeframe}: {ok}");
        }

        var unknown = Enumerable.Range(2, 50).Select(n => $"{n}m").First(t => !timeframes.Contains(t));
        var refused = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies/validate", ControlTestServer.TraderKey, Draft("editor-tf", $"BTC momentum({unknown}) > 0.05")), HttpStatusCode.OK);
        Assert.Contains($"timeframe '{unknown}' is not configured", Assert.Single(refused.GetProperty("errors").EnumerateArray()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownIndicator_ListsTheTablesNames()
    {
        var result = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies/validate", ControlTestServer.TraderKey, Draft("editor-ind", "BTC speed > 1")), HttpStatusCode.OK);

        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(5, error.GetProperty("column").GetInt32());
        Assert.Equal($"unknown indicator 'speed' (known: {string.Join(", ", RuleVocabulary.Indicators.Select(i => i.Name))})", error.GetProperty("message").GetString());
    }
}
