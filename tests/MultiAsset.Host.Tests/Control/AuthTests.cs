using System.Net;

namespace MultiAsset.Host.Tests.Control;

public class AuthTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private ControlTestServer S => fixture.Server;

    [Fact]
    public async Task MissingKey_Is401()
    {
        var response = await S.SendAsync(HttpMethod.Get, "/strategies", key: null);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "X-Api-Key");
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task WrongKey_Is401()
        => await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/strategies", key: "not-a-key"), HttpStatusCode.Unauthorized);

    [Fact]
    public async Task BearerKey_IsAccepted()
    {
        var request = ControlTestServer.Request(HttpMethod.Get, "/strategies", key: null);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ControlTestServer.ViewerKey);

        await ProblemAssert.IsJson(await S.Http.SendAsync(request), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("POST", "/strategies", SeedExamples.CryptoTech)]
    [InlineData("PUT", "/strategies/any/deploy", null)]
    [InlineData("DELETE", "/strategies/any", null)]
    [InlineData("POST", "/optimize", SeedExamples.Optimize)]
    [InlineData("POST", "/rebalance", """{ "strategy": "x", "weights": {} }""")]
    [InlineData("POST", "/kill-switch", """{ "on": true }""")]
    [InlineData("POST", "/orders/batch", """{ "orders": [ { "account": "default", "symbol": "SPY", "side": "Buy", "quantity": 1 } ] }""")]
    public async Task Viewer_DoingWrites_Is403(string method, string path, string? body)
        => await ProblemAssert.IsProblem(await S.SendAsync(new HttpMethod(method), path, ControlTestServer.ViewerKey, body), HttpStatusCode.Forbidden);

    [Fact]
    public async Task Trader_UsingKillSwitch_Is403()
        => await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/kill-switch", ControlTestServer.TraderKey, """{ "on": true }"""), HttpStatusCode.Forbidden);

    [Fact]
    public async Task ScopedKey_CanNeitherSeeNorTouchAnotherAccountsStrategies()
    {
        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies", json: SeedExamples.InAccount("fx-only", "fx-carry")), HttpStatusCode.Created);
        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies", ControlTestServer.ScopedTraderKey, SeedExamples.InAccount("ct-own", "crypto-tech")), HttpStatusCode.Created);

        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/strategies/fx-only", ControlTestServer.ScopedTraderKey), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Put, "/strategies/fx-only/deploy", ControlTestServer.ScopedTraderKey), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Delete, "/strategies/fx-only", ControlTestServer.ScopedTraderKey), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/strategies", ControlTestServer.ScopedTraderKey, SeedExamples.InAccount("ct-sneaky", "fx-carry")), HttpStatusCode.Forbidden, "account");
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/strategies", ControlTestServer.ScopedTraderKey, SeedExamples.CryptoTech), HttpStatusCode.Forbidden, "account");

        var list = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/strategies", ControlTestServer.ScopedTraderKey), HttpStatusCode.OK);
        Assert.All(list.EnumerateArray(), s => Assert.Equal("crypto-tech", s.GetProperty("account").GetString()));
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("id").GetString() == "ct-own");
        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/strategies/ct-own", ControlTestServer.ScopedTraderKey), HttpStatusCode.OK);
    }

    [Fact]
    public async Task ScopedKey_OnAnotherAccount_Is403()
    {
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/accounts/fx-carry", ControlTestServer.ScopedTraderKey), HttpStatusCode.Forbidden, "account");
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/allocation/fx-carry", ControlTestServer.ScopedTraderKey), HttpStatusCode.Forbidden, "portfolioId");
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/risk/analysis?account=fx-carry", ControlTestServer.ScopedTraderKey), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/kill-switch", ControlTestServer.ScopedAdminKey, """{ "account": "fx-carry", "on": true }"""), HttpStatusCode.Forbidden, "account");
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/kill-switch", ControlTestServer.ScopedAdminKey, """{ "on": true }"""), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(
            await S.SendAsync(HttpMethod.Post, "/orders/batch", ControlTestServer.ScopedTraderKey, """{ "orders": [ { "account": "crypto-tech", "symbol": "BTCUSD", "side": "Buy", "quantity": 1 }, { "account": "fx-carry", "symbol": "EURUSD", "side": "Buy", "quantity": 1 } ] }"""),
            HttpStatusCode.Forbidden,
            "orders[1].account");
    }
}
