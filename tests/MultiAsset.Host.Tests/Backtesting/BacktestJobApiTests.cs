using System.Net;
using System.Text.Json;
using MultiAsset.Host.Tests.Control;

namespace MultiAsset.Host.Tests.Backtesting;

/// <summary>Backtests as jobs of a running host: REST and gRPC, roles, bad specs, cancel, and the result once done.</summary>
public sealed class BacktestJobApiTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private static readonly string Spec = $$"""
        { "name": "api-sma", "data": [ { "import": { "files": ["{{ControlTestServer.BacktestBarsFile}}"], "barInterval": "1m" } } ], "report": false,
          "strategies": [ { "id": "api-sma", "name": "API SMA", "type": "SmaCross", "account": "api", "assetClasses": ["CRYPTO"], "instruments": ["BTCUSD"],
            "allocation": [ { "assetClass": "CRYPTO", "targetWeight": 100, "minWeight": 0, "maxWeight": 100 } ], "riskParameters": {},
            "executionRules": [], "rebalancingRules": [], "parameters": { "fast": 5, "slow": 20, "quantity": 1, "timeframe": "1m" } } ],
          "fees": { "makerBps": 0, "takerBps": 0 } }
        """;

    private ControlTestServer S => fixture.Server;

    [Fact]
    public async Task Post_ValidSpec_RunsToAResultWithDigestAndSummary()
    {
        var accepted = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/backtests", ControlTestServer.TraderKey, Spec), HttpStatusCode.Accepted);
        var id = accepted.GetProperty("id").GetString()!;
        Assert.StartsWith("bt-", id, StringComparison.Ordinal);

        var job = await WaitAsync(id);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        var result = job.GetProperty("result");
        Assert.Equal(16, result.GetProperty("engine").GetProperty("digest").GetString()!.Length);
        Assert.True(result.GetProperty("orders").GetProperty("fills").GetInt64() > 0);
        Assert.Contains("Backtest api-sma", job.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(job.GetProperty("output").GetString()!, "result.json")));
        // The equity curve for the UI's chart: equity.csv summed per sample, ending at the portfolio's end equity.
        var curve = job.GetProperty("equity").EnumerateArray().ToList();
        var csv = File.ReadAllLines(Path.Combine(job.GetProperty("output").GetString()!, "equity.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(csv.Select(c => c[0]).Distinct().Count(), curve.Count);
        Assert.Equal(csv.Where(c => c[0] == csv[^1][0]).Sum(c => decimal.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture)), curve[^1].GetProperty("equity").GetDecimal());
        Assert.Equal(result.GetProperty("portfolio").GetProperty("metrics").GetProperty("endEquity").GetDecimal(), curve[^1].GetProperty("equity").GetDecimal());

        // The same spec over gRPC: another job, the same digest (a backtest's state is a function of its input).
        var reply = await S.Grpc.SubmitBacktestAsync(new MultiAsset.Control.V1.JsonRequest { Json = Spec }, ControlTestServer.Key(ControlTestServer.AdminKey));
        var second = await WaitAsync(JsonDocument.Parse(reply.Json).RootElement.GetProperty("id").GetString()!);
        Assert.Equal(result.GetProperty("engine").GetProperty("digest").GetString(), second.GetProperty("result").GetProperty("engine").GetProperty("digest").GetString());

        var ended = await S.SendAsync(HttpMethod.Delete, $"/backtests/{id}", ControlTestServer.TraderKey);
        var conflict = await ProblemAssert.IsProblem(ended, HttpStatusCode.Conflict, "id");
        Assert.Contains("already ended", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BadSpec_Is400ListingEveryProblem()
    {
        var response = await S.SendAsync(HttpMethod.Post, "/backtests", ControlTestServer.TraderKey, """{ "data": [], "strategies": [], "fillModel": "open", "output": "/tmp/x" }""");
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "data");
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("data: at least one data source is required", detail, StringComparison.Ordinal);
        Assert.Contains("fillModel: 'open' is not one of", detail, StringComparison.Ordinal);
        Assert.Contains("output: a backtest run by the host writes to", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_ViewerReadsButCannotRun_UnknownJobIs404()
    {
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/backtests", ControlTestServer.ViewerKey, Spec), HttpStatusCode.Forbidden);
        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/backtests", ControlTestServer.ViewerKey), HttpStatusCode.OK);
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/backtests/bt-999999", ControlTestServer.ViewerKey), HttpStatusCode.NotFound, "id");
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Delete, "/backtests/bt-999999", ControlTestServer.TraderKey), HttpStatusCode.NotFound, "id");
    }

    private async Task<JsonElement> WaitAsync(string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var job = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, $"/backtests/{id}", ControlTestServer.ViewerKey), HttpStatusCode.OK);
            var status = job.GetProperty("status").GetString();
            if (status is not ("queued" or "running") || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(100);
        }
    }
}
