using System.Net;
using System.Text.Json;

namespace MultiAsset.Host.Tests.Control;

/// <summary><c>GET /strategies/performance</c>, and the accounts read's P&amp;L rows without internal shapes.</summary>
public class PerformanceEndpointTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private ControlTestServer S => fixture.Server;

    [Fact]
    public async Task OneRowPerStrategy_TheAccountsPnlRow_WithStatusNameAndCapital()
    {
        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies", json: SeedExamples.InAccount("perf-ct", "crypto-tech")), HttpStatusCode.Created);
        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Put, "/strategies/perf-ct/deploy"), HttpStatusCode.OK);
        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies", json: SeedExamples.InAccount("perf-fx", "fx-carry")), HttpStatusCode.Created);

        var rows = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/strategies/performance", ControlTestServer.ViewerKey), HttpStatusCode.OK);
        var accounts = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/accounts", ControlTestServer.ViewerKey), HttpStatusCode.OK);
        var strategies = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/strategies", ControlTestServer.ViewerKey), HttpStatusCode.OK);

        Assert.Equal(strategies.EnumerateArray().Select(s => s.GetProperty("id").GetString()).Order(), rows.EnumerateArray().Select(r => r.GetProperty("strategy").GetString()).Order());
        var ct = rows.EnumerateArray().Single(r => r.GetProperty("strategy").GetString() == "perf-ct");
        Assert.Equal("Test perf-ct", ct.GetProperty("name").GetString());
        Assert.Equal("crypto-tech", ct.GetProperty("account").GetString());
        Assert.Equal("Deployed", ct.GetProperty("status").GetString());
        Assert.Equal("Created", rows.EnumerateArray().Single(r => r.GetProperty("strategy").GetString() == "perf-fx").GetProperty("status").GetString());
        var view = strategies.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "perf-ct");
        Assert.Equal(view.GetProperty("capital").GetProperty("sharePercent").GetDouble() / 100, ct.GetProperty("capitalShare").GetDouble(), 9);

        // Every row that has a P&L row carries its figures exactly; the exposures are the sums over its attributed positions.
        foreach (var account in accounts.EnumerateArray())
        {
            foreach (var pnl in account.GetProperty("pnl").GetProperty("strategies").EnumerateArray().Where(p => p.GetProperty("strategy").ValueKind == JsonValueKind.Number))
            {
                var row = rows.EnumerateArray().Single(r => r.GetProperty("strategy").GetString() == pnl.GetProperty("name").GetString());
                foreach (var field in new[] { "realised", "unrealised", "fees", "fxTranslation", "total" })
                {
                    Assert.Equal(pnl.GetProperty(field).GetDecimal(), row.GetProperty(field).GetDecimal());
                }

                foreach (var field in new[] { "orders", "fills", "refusals", "riskRefusals", "venueRejects" })
                {
                    Assert.Equal(pnl.GetProperty(field).GetInt64(), row.GetProperty(field).GetInt64());
                }

                var values = pnl.GetProperty("instruments").EnumerateArray().Select(i => i.GetProperty("baseValue").GetDecimal()).ToList();
                Assert.Equal(values.Sum(Math.Abs), row.GetProperty("grossExposure").GetDecimal());
                Assert.Equal(values.Sum(), row.GetProperty("netExposure").GetDecimal());
                Assert.Equal(row.GetProperty("total").GetDecimal(), row.GetProperty("realised").GetDecimal() + row.GetProperty("unrealised").GetDecimal() - row.GetProperty("fees").GetDecimal() + row.GetProperty("fxTranslation").GetDecimal());
            }
        }

        // A scoped key sees its accounts' strategies only; ?account= cuts to one account.
        var scoped = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/strategies/performance", ControlTestServer.ScopedTraderKey), HttpStatusCode.OK);
        Assert.All(scoped.EnumerateArray(), r => Assert.Equal("crypto-tech", r.GetProperty("account").GetString()));
        Assert.Contains(scoped.EnumerateArray(), r => r.GetProperty("strategy").GetString() == "perf-ct");
        var one = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/strategies/performance?account=fx-carry", ControlTestServer.ViewerKey), HttpStatusCode.OK);
        Assert.All(one.EnumerateArray(), r => Assert.Equal("fx-carry", r.GetProperty("account").GetString()));
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/strategies/performance?account=fx-carry", ControlTestServer.ScopedTraderKey), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AccountsPnl_UsesTheSeedsAssetClassNames_AndNumericStrategyIds()
    {
        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/strategies", json: SeedExamples.InAccount("perf-names", "crypto-tech")), HttpStatusCode.Created);

        using var response = await S.SendAsync(HttpMethod.Get, "/accounts/crypto-tech", ControlTestServer.ViewerKey);
        var text = await response.Content.ReadAsStringAsync();
        var pnl = JsonDocument.Parse(text).RootElement.GetProperty("pnl");

        Assert.DoesNotContain("isValid", text, StringComparison.Ordinal);
        Assert.Equal(["STOCK", "FOREX", "CRYPTO"], pnl.GetProperty("byAssetClass").EnumerateArray().Select(c => c.GetProperty("assetClass").GetString()));
        Assert.All(pnl.GetProperty("strategies").EnumerateArray(), row => Assert.Contains(row.GetProperty("strategy").ValueKind, new[] { JsonValueKind.Number, JsonValueKind.Null }));

        // The converters themselves: a strategy id is its number (null for none), an asset class its seed name, also as a key.
        var json = MultiAsset.Host.Control.Application.ResultJson.Serialize(new
        {
            Strategy = new Engine.Model.StrategyId(2),
            Operator = Engine.Model.StrategyId.None,
            AssetClass = Engine.Model.AssetClass.Crypto,
            ByClass = new Dictionary<Engine.Model.AssetClass, int> { [Engine.Model.AssetClass.Forex] = 1 },
        });
        Assert.Equal("""{"strategy":2,"operator":null,"assetClass":"CRYPTO","byClass":{"FOREX":1}}""", json);
    }
}
