using System.Net;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;

namespace MultiAsset.Host.Tests.Control;

/// <summary>The query endpoints send the right command and return its result (over a fake engine until the stages answer).</summary>
public class QueryEndpointsTests
{
    [Theory]
    [InlineData("GET", "/accounts", null, CommandKind.QueryAccounts, "")]
    [InlineData("GET", "/accounts/crypto-tech", null, CommandKind.QueryAccounts, "crypto-tech")]
    [InlineData("GET", "/allocation/fx-carry", null, CommandKind.QueryAccounts, "fx-carry")]
    [InlineData("GET", "/risk/analysis", null, CommandKind.QueryRisk, "")]
    [InlineData("GET", "/risk/analysis?account=default", null, CommandKind.QueryRisk, "default")]
    [InlineData("GET", "/conflicts", null, CommandKind.QueryConflicts, "100")]
    [InlineData("GET", "/conflicts?limit=5", null, CommandKind.QueryConflicts, "5")]
    [InlineData("GET", "/execution/quality", null, CommandKind.QueryExecutionQuality, "")]
    [InlineData("POST", "/orders/batch", """{"orders":[{"account":"default","symbol":"SPY","side":"Buy","quantity":10}]}""", CommandKind.SubmitOrders, """{"orders":[{"account":"default","symbol":"SPY","side":"Buy","quantity":10}]}""")]
    public async Task Endpoint_SendsItsCommand_AndReturnsTheResult(string method, string path, string? body, CommandKind kind, string expectedBody)
    {
        var fake = new FakeEngineCommands();
        await using var server = await ControlTestServer.StartWithFakeAsync(fake);

        var result = await ProblemAssert.IsJson(await server.SendAsync(new HttpMethod(method), path, ControlTestServer.AdminKey, body), HttpStatusCode.OK);

        var sent = Assert.Single(fake.Sent);
        Assert.Equal(kind, sent.Kind);
        Assert.Equal(expectedBody, sent.Body);
        Assert.Equal(kind.ToString(), result.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ScopedKey_WithoutAccount_GetsOneQueryPerAccountInScope()
    {
        var fake = new FakeEngineCommands();
        await using var server = await ControlTestServer.StartWithFakeAsync(fake);

        var result = await ProblemAssert.IsJson(await server.SendAsync(HttpMethod.Get, "/accounts", ControlTestServer.ScopedTraderKey), HttpStatusCode.OK);

        Assert.Equal("crypto-tech", Assert.Single(result.EnumerateArray()).GetProperty("body").GetString());
        Assert.Equal((CommandKind.QueryAccounts, "crypto-tech"), Assert.Single(fake.Sent));
    }

    [Theory]
    [InlineData("/conflicts")]
    [InlineData("/execution/quality")]
    public async Task CrossAccountReads_NeedAnUnscopedKey(string path)
    {
        var fake = new FakeEngineCommands();
        await using var server = await ControlTestServer.StartWithFakeAsync(fake);

        await ProblemAssert.IsProblem(await server.SendAsync(HttpMethod.Get, path, ControlTestServer.ScopedTraderKey), HttpStatusCode.Forbidden);
        Assert.Empty(fake.Sent);
    }

    [Theory]
    [InlineData(CommandStatus.Timeout, HttpStatusCode.GatewayTimeout)]
    [InlineData(CommandStatus.BadRequest, HttpStatusCode.BadRequest)]
    [InlineData(CommandStatus.NotFound, HttpStatusCode.NotFound)]
    [InlineData(CommandStatus.Conflict, HttpStatusCode.Conflict)]
    public async Task FailedReply_MapsToItsStatus(CommandStatus status, HttpStatusCode expected)
    {
        var fake = new FakeEngineCommands { Answer = (kind, _) => CommandReply.Fail(status, $"The stage does not handle {kind}.") };
        await using var server = await ControlTestServer.StartWithFakeAsync(fake);

        var problem = await ProblemAssert.IsProblem(await server.SendAsync(HttpMethod.Get, "/risk/analysis"), expected);

        Assert.Equal("The stage does not handle QueryRisk.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RealEngine_QueryNotYetAnswered_IsA4xxOr504NeverA500()
    {
        await using var server = await ControlTestServer.StartWithEngineAsync();

        var response = await server.SendAsync(HttpMethod.Get, "/execution/quality");

        if (!response.IsSuccessStatusCode)
        {
            Assert.Contains((int)response.StatusCode, new[] { 400, 404, 504 });
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
