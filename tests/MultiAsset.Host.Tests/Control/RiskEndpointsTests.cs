using System.Net;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Host.RiskAnalysis;

namespace MultiAsset.Host.Tests.Control;

/// <summary>The cross-asset risk reads over REST: the correlation matrix and its breaks; bad parameters are 400s naming them.</summary>
public sealed class RiskEndpointsTests
{
    /// <summary>A risk report carrying two instruments' matrices (ρ = 1/3 live, −0.5 long-run; warm).</summary>
    internal static RiskReport ReportWithInputs(IReadOnlyList<AccountRiskInputs>? accounts = null) => new(false, [], new Dictionary<string, long>(), [])
    {
        Inputs = new RiskInputs(
            1_772_463_600_000_000_000, [new("SPY", "STOCK", "USD"), new("BTCUSD", "CRYPTO", "USD")],
            [4, 2, 2, 9], [1, -0.5, -0.5, 1], 100, 60, 0.94, 0.995, accounts ?? []),
    };

    [Fact]
    public async Task Correlation_returns_both_matrices_and_the_breaks()
    {
        var fake = new FakeEngineCommands { Answer = (_, _) => CommandReply.Ok(ReportWithInputs()) };
        await using var server = await ControlTestServer.StartWithFakeAsync(fake);

        var json = await ProblemAssert.IsJson(await server.SendAsync(HttpMethod.Get, "/risk/correlation?threshold=0.5", ControlTestServer.ViewerKey), HttpStatusCode.OK);

        Assert.Equal(1.0 / 3.0, json.GetProperty("correlation")[0][1].GetDouble(), 12);
        Assert.Equal(-0.5, json.GetProperty("longRunCorrelation")[1][0].GetDouble(), 12);
        Assert.Equal(0.5, json.GetProperty("breakThreshold").GetDouble());
        var item = Assert.Single(json.GetProperty("breaks").EnumerateArray());
        Assert.Equal("SPY", item.GetProperty("a").GetString());
        Assert.Equal("BTCUSD", item.GetProperty("b").GetString());
        Assert.Equal(Engine.Model.Events.CommandKind.QueryRisk, Assert.Single(fake.Sent).Kind);
    }

    [Theory]
    [InlineData("threshold=abc")]
    [InlineData("threshold=0")]
    [InlineData("threshold=-0.2")]
    [InlineData("threshold=NaN")]
    [InlineData("threshold=3")]
    [InlineData("limit=3")]
    public async Task Correlation_with_a_bad_parameter_is_a_400_naming_it(string query)
    {
        var fake = new FakeEngineCommands { Answer = (_, _) => CommandReply.Ok(ReportWithInputs()) };
        await using var server = await ControlTestServer.StartWithFakeAsync(fake);

        var problem = await ProblemAssert.IsProblem(await server.SendAsync(HttpMethod.Get, "/risk/correlation?" + query, ControlTestServer.ViewerKey), HttpStatusCode.BadRequest);

        Assert.Equal(query.Split('=')[0], problem.GetProperty("field").GetString());
        Assert.Empty(fake.Sent);
    }
}

/// <summary>POST /risk/stress and the live risk analysis against a real engine (what-if positions, so no fills are needed).</summary>
public sealed class RiskStressEndpointTests
{
    [Fact]
    public async Task Stress_of_a_what_if_position_under_an_ad_hoc_class_shock_is_its_exposure_times_the_shock()
    {
        await using var server = await ControlTestServer.StartWithEngineAsync();
        // 100 SPY at 500 USD in a USD account, stocks −10 %: P&L = −5 000 exactly.
        const string body = """
            { "name": "stocks-down-10", "shocks": { "assetClasses": { "STOCK": -0.10 } }, "accounts": ["default"],
              "positions": [ { "account": "default", "symbol": "SPY", "quantity": 100, "price": 500 } ] }
            """;

        var json = await ProblemAssert.IsJson(await server.SendAsync(HttpMethod.Post, "/risk/stress", ControlTestServer.TraderKey, body), HttpStatusCode.OK);

        var result = Assert.Single(json.GetProperty("results").EnumerateArray());
        Assert.Equal("stocks-down-10", result.GetProperty("scenario").GetString());
        Assert.Equal(-5000m, result.GetProperty("pnl").GetDecimal());
        var spy = Assert.Single(result.GetProperty("instruments").EnumerateArray());
        Assert.Equal(45_000m, spy.GetProperty("exposureAfter").GetDecimal());
    }

    [Fact]
    public async Task Every_shipped_scenario_runs_on_every_account()
    {
        await using var server = await ControlTestServer.StartWithEngineAsync();

        var json = await ProblemAssert.IsJson(await server.SendAsync(HttpMethod.Post, "/risk/stress", ControlTestServer.AdminKey, """{ "scenarios": "all" }"""), HttpStatusCode.OK);

        var results = json.GetProperty("results").EnumerateArray().ToList();
        var scenarios = results.Select(r => r.GetProperty("scenario").GetString()).Distinct().ToList();
        Assert.Contains("gfc-2008", scenarios);
        Assert.Contains("chf-depeg-2015", scenarios);
        Assert.True(scenarios.Count >= 5);
        Assert.True(results.Count >= scenarios.Count * 2, "every account gets every scenario");
    }

    [Theory]
    [InlineData("""{ "scenario": "nope" }""", "scenario")]
    [InlineData("""{ "shocks": { "assetClasses": { "CRYPT": -0.5 } } }""", "shocks.assetClasses.CRYPT")]
    [InlineData("""{ "shocks": { "assetClasses": { "STOCK": "-0.5" } } }""", "shocks.assetClasses.STOCK")]
    [InlineData("""{ "scenarios": "all", "accounts": ["nobody"] }""", "accounts[0]")]
    [InlineData("""{ "scenarios": "all", "colour": 1 }""", "colour")]
    [InlineData("""[1]""", "$")]
    public async Task A_bad_stress_body_is_a_400_naming_the_field(string body, string field)
    {
        await using var server = await ControlTestServer.StartWithEngineAsync();

        await ProblemAssert.IsProblem(await server.SendAsync(HttpMethod.Post, "/risk/stress", ControlTestServer.TraderKey, body), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_scoped_key_stresses_only_its_own_accounts()
    {
        await using var server = await ControlTestServer.StartWithEngineAsync();

        var own = await ProblemAssert.IsJson(await server.SendAsync(HttpMethod.Post, "/risk/stress", ControlTestServer.ScopedTraderKey, """{ "scenarios": "all" }"""), HttpStatusCode.OK);
        Assert.All(own.GetProperty("results").EnumerateArray(), r => Assert.Equal("crypto-tech", r.GetProperty("account").GetString()));

        var response = await server.SendAsync(HttpMethod.Post, "/risk/stress", ControlTestServer.ScopedTraderKey, """{ "scenarios": "all", "accounts": ["default"] }""");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

/// <summary>POST /risk/var-backtest on a hand-computed series.</summary>
public sealed class VaRBacktestEndpointTests
{
    [Fact]
    public async Task One_exception_in_ten_days_at_90_percent_is_exactly_the_expected_rate()
    {
        var fake = new FakeEngineCommands();
        await using var server = await ControlTestServer.StartWithFakeAsync(fake);
        // Day 8 loses 600 against a VaR of 300: x = 1 of T = 10 = 1 − c, so Kupiec's LR is 0 and its p-value 1.
        const string body = """{ "realisedPnl": [100, -250, 40, -20, 310, -90, 15, -600, 70, 5], "valueAtRisk": [300, 300, 300, 300, 300, 300, 300, 300, 300, 300], "confidence": 0.9 }""";

        var json = await ProblemAssert.IsJson(await server.SendAsync(HttpMethod.Post, "/risk/var-backtest", ControlTestServer.TraderKey, body), HttpStatusCode.OK);

        Assert.Equal(1, json.GetProperty("exceptions").GetInt32());
        Assert.Equal(10, json.GetProperty("observations").GetInt32());
        Assert.Equal(0, json.GetProperty("kupiecStatistic").GetDouble(), 12);
        Assert.Equal(1, json.GetProperty("kupiecPValue").GetDouble(), 12);
        Assert.Empty(fake.Sent); // a computation on the caller's numbers: the engine is not asked
    }

    [Theory]
    [InlineData("""{ "realisedPnl": [1, 2], "valueAtRisk": [1] }""", "valueAtRisk")]
    [InlineData("""{ "realisedPnl": [1, "2"], "valueAtRisk": [1, 1] }""", "realisedPnl[1]")]
    [InlineData("""{ "realisedPnl": [1], "valueAtRisk": [-1] }""", "valueAtRisk[0]")]
    [InlineData("""{ "realisedPnl": [1], "valueAtRisk": [1], "confidence": 99 }""", "confidence")]
    [InlineData("""{ "realisedPnl": [1], "valueAtRisk": [1], "horizon": 1 }""", "horizon")]
    [InlineData("""{ "realisedPnl": [], "valueAtRisk": [] }""", "realisedPnl")]
    public async Task A_bad_series_is_a_400_naming_the_field(string body, string field)
    {
        await using var server = await ControlTestServer.StartWithFakeAsync(new FakeEngineCommands());

        await ProblemAssert.IsProblem(await server.SendAsync(HttpMethod.Post, "/risk/var-backtest", ControlTestServer.TraderKey, body), HttpStatusCode.BadRequest, field);
    }
}
