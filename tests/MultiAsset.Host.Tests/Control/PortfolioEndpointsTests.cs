using System.Net;

namespace MultiAsset.Host.Tests.Control;

public class PortfolioEndpointsTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private ControlTestServer S => fixture.Server;

    [Fact]
    public async Task Optimize_ReturnsWeightsWithinConstraints()
    {
        var result = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/optimize", ControlTestServer.TraderKey, SeedExamples.Optimize), HttpStatusCode.OK);

        var weights = result.GetProperty("weights");
        var sum = weights.GetProperty("SPY").GetDouble() + weights.GetProperty("TLT").GetDouble() + weights.GetProperty("GLD").GetDouble();
        Assert.Equal(1.0, sum, 6);
        Assert.All(weights.EnumerateObject(), w => Assert.InRange(w.Value.GetDouble(), -1e-9, 0.6 + 1e-9));
        Assert.True(result.GetProperty("volatility").GetDouble() > 0);
    }

    [Fact]
    public async Task Optimize_WithBadCovariance_Is400NamingIt()
    {
        var json = SeedExamples.Optimize.Replace("[0.0, 0.0, 0.03]]", "[0.0, 0.0]]", StringComparison.Ordinal);

        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/optimize", json: json), HttpStatusCode.BadRequest, "covariance");
    }

    [Fact]
    public async Task Optimize_Infeasible_Is422()
    {
        var json = SeedExamples.Optimize.Replace("\"maxAssetWeight\": 0.6", "\"maxAssetWeight\": 0.2", StringComparison.Ordinal);

        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/optimize", json: json), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Preview_Twap_SplitsTheOrderEvenly()
    {
        var result = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/execution/preview", ControlTestServer.TraderKey, SeedExamples.Preview), HttpStatusCode.OK);

        var children = result.GetProperty("children").EnumerateArray().ToList();
        Assert.Equal(4, children.Count);
        Assert.All(children, c => Assert.Equal(250m, c.GetProperty("quantity").GetDecimal()));
        Assert.Equal(180, children[3].GetProperty("offsetSeconds").GetDouble());
    }

    [Fact]
    public async Task Preview_WithWrongType_Is400NamingTheField()
    {
        await ProblemAssert.IsProblem(
            await S.SendAsync(HttpMethod.Post, "/execution/preview", json: """{ "algorithm": "TWAP", "side": "Buy", "quantity": "lots", "slices": 4, "sliceSeconds": 60 }"""),
            HttpStatusCode.BadRequest,
            "quantity");
    }

    [Fact]
    public async Task Rebalance_OfDeployedStrategy_SetsTargets()
    {
        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies", json: SeedExamples.InAccount("rebal", "default")), HttpStatusCode.Created);
        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Put, "/strategies/rebal/deploy"), HttpStatusCode.OK);

        var result = await ProblemAssert.IsJson(
            await S.SendAsync(HttpMethod.Post, "/rebalance", ControlTestServer.TraderKey, """{ "strategy": "rebal", "weights": { "BTCUSD": 0.3, "SPY": 0.7 } }"""),
            HttpStatusCode.OK);

        Assert.Equal("rebal", result.GetProperty("strategy").GetString());
        Assert.Equal(2, result.GetProperty("targets").GetInt32());
    }

    [Fact]
    public async Task Rebalance_OfUnknownStrategy_Is404()
    {
        await ProblemAssert.IsProblem(
            await S.SendAsync(HttpMethod.Post, "/rebalance", json: """{ "strategy": "nope", "weights": { "SPY": 1 } }"""),
            HttpStatusCode.NotFound,
            "strategy");
    }

    [Fact]
    public async Task Rebalance_WithWrongType_Is400()
    {
        await ProblemAssert.IsProblem(
            await S.SendAsync(HttpMethod.Post, "/rebalance", json: """{ "strategy": "rebal", "weights": { "SPY": "lots" } }"""),
            HttpStatusCode.BadRequest,
            "weights.SPY");
    }

    [Fact]
    public async Task KillSwitch_OnAndOff_ForAccountAndGlobally()
    {
        var on = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/kill-switch", json: """{ "account": "crypto-tech", "on": true }"""), HttpStatusCode.OK);
        Assert.Equal("crypto-tech", on.GetProperty("account").GetString());
        Assert.True(on.GetProperty("on").GetBoolean());

        var global = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/kill-switch", json: """{ "on": false }"""), HttpStatusCode.OK);
        Assert.False(global.GetProperty("on").GetBoolean());
    }

    [Fact]
    public async Task KillSwitch_UnknownAccount_Is404_AndBadFlag_Is400()
    {
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/kill-switch", json: """{ "account": "nope", "on": true }"""), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/kill-switch", json: """{ "account": "default", "on": "yes" }"""), HttpStatusCode.BadRequest, "on");
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/kill-switch", json: """{ "account": 7, "on": true }"""), HttpStatusCode.BadRequest, "account");
    }
}
