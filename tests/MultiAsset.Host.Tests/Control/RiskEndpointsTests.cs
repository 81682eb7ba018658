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
