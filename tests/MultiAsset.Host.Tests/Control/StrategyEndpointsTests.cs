using System.Net;

namespace MultiAsset.Host.Tests.Control;

public class StrategyEndpointsTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private ControlTestServer S => fixture.Server;

    [Theory]
    [InlineData(SeedExamples.CryptoTech, "crypto-tech-momentum", "Crypto-Tech Momentum", "CRYPTO")]
    [InlineData(SeedExamples.CarryTrade, "fx-carry-with-equity-hedge", "FX Carry with Equity Hedge", "FOREX")]
    public async Task SeedExample_PostedAsWritten_IsCreatedDeployedObservedStoppedAndDeleted(string document, string id, string name, string firstClass)
    {
        var created = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies", json: document), HttpStatusCode.Created);
        Assert.Equal(id, created.GetProperty("id").GetString());
        Assert.Equal(name, created.GetProperty("name").GetString());
        Assert.Equal("Created", created.GetProperty("status").GetString());
        Assert.Equal("default", created.GetProperty("account").GetString());
        Assert.Equal(firstClass, created.GetProperty("allocation")[0].GetProperty("assetClass").GetString());
        Assert.Equal(firstClass, created.GetProperty("assetClasses")[0].GetString());
        Assert.Single(created.GetProperty("executionRules").EnumerateArray());

        var deployed = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Put, $"/strategies/{id}/deploy"), HttpStatusCode.OK);
        Assert.Equal("Deployed", deployed.GetProperty("status").GetString());

        // The deploy reply says what capital the strategy sizes with: never a silent zero.
        var capital = deployed.GetProperty("capital");
        Assert.True(capital.GetProperty("canTrade").GetBoolean(), capital.ToString());
        Assert.True(capital.GetProperty("amount").GetDouble() > 0, capital.ToString());
        Assert.InRange(capital.GetProperty("sharePercent").GetDouble(), 0.000001, 100);

        var seen = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, $"/strategies/{id}", ControlTestServer.ViewerKey), HttpStatusCode.OK);
        Assert.Equal("Deployed", seen.GetProperty("status").GetString());
        var list = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/strategies", ControlTestServer.ViewerKey), HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("id").GetString() == id);

        var stopped = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, $"/strategies/{id}/stop"), HttpStatusCode.OK);
        Assert.Equal("Stopped", stopped.GetProperty("status").GetString());

        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Delete, $"/strategies/{id}"), HttpStatusCode.OK);
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, $"/strategies/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_OfDeployedStrategy_StopsThenDeletes()
    {
        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies", json: SeedExamples.InAccount("del-deployed", "default")), HttpStatusCode.Created);
        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Put, "/strategies/del-deployed/deploy"), HttpStatusCode.OK);

        var deleted = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Delete, "/strategies/del-deployed?flatten=true"), HttpStatusCode.OK);

        Assert.Equal("Stopped", deleted.GetProperty("status").GetString());
        var list = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/strategies"), HttpStatusCode.OK);
        Assert.DoesNotContain(list.EnumerateArray(), s => s.GetProperty("id").GetString() == "del-deployed");
    }

    [Fact]
    public async Task SeedExample_Verbatim_PlacedByQuery_IsCreatedInThatAccountUnderThatId()
    {
        var created = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies?account=default&id=carry-placed", json: SeedExamples.CarryTrade), HttpStatusCode.Created);

        Assert.Equal("carry-placed", created.GetProperty("id").GetString());
        Assert.Equal("default", created.GetProperty("account").GetString());
        Assert.Equal("FX Carry with Equity Hedge", created.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Create_QueryDisagreeingWithDocument_Is400NamingTheField()
    {
        var problem = await ProblemAssert.IsProblem(
            await S.SendAsync(HttpMethod.Post, "/strategies?id=other-id", json: SeedExamples.InAccount("named-id", "default")), HttpStatusCode.BadRequest, "id");

        Assert.Contains("named-id", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnknownQueryParameter_Is400()
        => await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/strategies?acount=default", json: SeedExamples.CryptoTech), HttpStatusCode.BadRequest);

    [Fact]
    public async Task Create_Twice_Is409()
    {
        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies", json: SeedExamples.InAccount("twice", "default")), HttpStatusCode.Created);
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/strategies", json: SeedExamples.InAccount("twice", "default")), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Stop_OfStrategyNotDeployed_Is409()
    {
        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies", json: SeedExamples.InAccount("not-deployed", "default")), HttpStatusCode.Created);
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/strategies/not-deployed/stop"), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("GET", "/strategies/nope")]
    [InlineData("PUT", "/strategies/nope/deploy")]
    [InlineData("POST", "/strategies/nope/stop")]
    [InlineData("DELETE", "/strategies/nope")]
    public async Task UnknownId_Is404(string method, string path)
    {
        var problem = await ProblemAssert.IsProblem(await S.SendAsync(new HttpMethod(method), path), HttpStatusCode.NotFound, "id");
        Assert.Contains("nope", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithInvalidDocument_Is400NamingTheField()
    {
        var json = SeedExamples.CryptoTech.Replace("\"targetWeight\": 30", "\"targetWeight\": \"thirty\"", StringComparison.Ordinal);

        var problem = await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/strategies", json: json), HttpStatusCode.BadRequest);

        Assert.Contains("allocation[0].targetWeight", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_InUnknownAccount_Is400()
    {
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/strategies", json: SeedExamples.InAccount("ghost", "no-such-account")), HttpStatusCode.BadRequest, "account");
    }
}
