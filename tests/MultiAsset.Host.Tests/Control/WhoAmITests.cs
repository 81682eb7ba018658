using System.Net;
using System.Text.Json;

namespace MultiAsset.Host.Tests.Control;

/// <summary><c>GET /whoami</c>: the key's name, role and scope, and what it may do (for the UI to hide controls).</summary>
public class WhoAmITests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    [Theory]
    [InlineData(ControlTestServer.ViewerKey, "viewer", "viewer", false, false, null)]
    [InlineData(ControlTestServer.TraderKey, "trader", "trader", true, false, null)]
    [InlineData(ControlTestServer.AdminKey, "admin", "admin", true, true, null)]
    [InlineData(ControlTestServer.ScopedTraderKey, "ct-trader", "trader", true, false, "crypto-tech")]
    public async Task SaysWhoTheKeyIs(string key, string caller, string role, bool canTrade, bool canAdmin, string? account)
    {
        var me = await ProblemAssert.IsJson(await fixture.Server.SendAsync(HttpMethod.Get, "/whoami", key), HttpStatusCode.OK);

        Assert.Equal(caller, me.GetProperty("caller").GetString());
        Assert.Equal(role, me.GetProperty("role").GetString());
        Assert.Equal(canTrade, me.GetProperty("canTrade").GetBoolean());
        Assert.Equal(canAdmin, me.GetProperty("canAdmin").GetBoolean());
        var accounts = me.GetProperty("accounts");
        if (account is null)
        {
            Assert.Equal(JsonValueKind.Null, accounts.ValueKind);
        }
        else
        {
            Assert.Equal([account], accounts.EnumerateArray().Select(a => a.GetString()));
        }
    }

    [Fact]
    public async Task NoKey_Is401()
        => await ProblemAssert.IsProblem(await fixture.Server.SendAsync(HttpMethod.Get, "/whoami", null), HttpStatusCode.Unauthorized);
}
