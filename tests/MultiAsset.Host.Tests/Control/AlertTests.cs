using System.Net;
using System.Text.Json;
using MultiAsset.Host.Control.Alerts;
using MultiAsset.Host.RiskAnalysis;

namespace MultiAsset.Host.Tests.Control;

/// <summary>The alert record: each kind from a change it observed (unit), and kill switch + refusal alerts end to end.</summary>
public class AlertTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void KillSwitch_OnAndOff_GlobalAndPerAccount()
    {
        var monitor = new AlertMonitor();
        monitor.Observe(Report(), [], T0);
        Assert.Empty(monitor.Recent());

        monitor.Observe(Report(global: true, halted: ["A"]), [], T0.AddSeconds(1));
        monitor.Observe(Report(global: true, halted: ["A"]), [], T0.AddSeconds(2)); // nothing new: no second alert
        monitor.Observe(Report(halted: []), [], T0.AddSeconds(3));

        var alerts = monitor.Recent();
        Assert.Equal([4L, 3, 2, 1], alerts.Select(a => a.Id));
        Assert.All(alerts, a => Assert.Equal("killSwitch", a.Kind));
        Assert.Equal([("info", "A"), ("info", null), ("critical", "A"), ("critical", null)], alerts.Select(a => (a.Severity, a.Account)));
        Assert.Equal(T0.AddSeconds(1), alerts[^1].Time);
        Assert.Equal([4L, 3], monitor.Recent(afterId: 2).Select(a => a.Id));
        Assert.Equal([4L, 3], monitor.Recent(after: T0.AddSeconds(2)).Select(a => a.Id));
    }

    [Fact]
    public void Refusal_WhenARefusingVerdictCountRises_NotForCountsSeenAtTheFirstLook()
    {
        var monitor = new AlertMonitor();
        monitor.Observe(Report(verdicts: new() { ["Accepted"] = 10, ["RejectedLimit"] = 2 }), [], T0);
        monitor.Observe(Report(verdicts: new() { ["Accepted"] = 15, ["RejectedLimit"] = 2 }), [], T0.AddSeconds(1));
        Assert.Empty(monitor.Recent());

        monitor.Observe(Report(verdicts: new() { ["Accepted"] = 15, ["RejectedLimit"] = 5 }), [], T0.AddSeconds(2));

        var alert = Assert.Single(monitor.Recent());
        Assert.Equal(("refusal", "warning", "A"), (alert.Kind, alert.Severity, alert.Account));
        Assert.Equal(3, (long)alert.Values["new"]!);
        Assert.Equal(5, (long)alert.Values["total"]!);
        Assert.Equal("RejectedLimit", (string)alert.Values["verdict"]!);
    }

    [Fact]
    public void LimitBreach_NearThenOver_OncePerLevel_ReArmedWhenBack()
    {
        var monitor = new AlertMonitor();
        // Capital 100 000, maxAllocation 50%: the limit is 50 000 of exposure.
        monitor.Observe(Report(exposure: 40_000m), [], T0);
        monitor.Observe(Report(exposure: 46_000m), [], T0.AddSeconds(1));
        monitor.Observe(Report(exposure: 47_000m), [], T0.AddSeconds(2));
        monitor.Observe(Report(exposure: 50_000m), [], T0.AddSeconds(3));
        monitor.Observe(Report(exposure: 10_000m), [], T0.AddSeconds(4));
        monitor.Observe(Report(exposure: 60_000m), [], T0.AddSeconds(5));

        var alerts = monitor.Recent();
        Assert.Equal([("critical", 1.2), ("critical", 1.0), ("warning", 0.92)], alerts.Select(a => (a.Severity, (double)a.Values["usage"]!)));
        Assert.All(alerts, a => Assert.Equal(("limitBreach", "A", "s1", "CRYPTO"), (a.Kind, a.Account, a.Strategy, (string?)a.Values["assetClass"])));
        Assert.Equal(50_000, (double)alerts[0].Values["limit"]!);
    }

    [Fact]
    public void Drawdown_FromPeakPnl_AgainstMaxDrawdownOfCapital()
    {
        var monitor = new AlertMonitor();
        // Capital 100 000, maxDrawdown 10%: the limit is a 10 000 fall from the peak.
        monitor.Observe(Report(pnl: 5_000m, peak: 5_000m), [], T0);
        monitor.Observe(Report(pnl: -4_500m, peak: 5_000m), [], T0.AddSeconds(1));
        monitor.Observe(Report(pnl: -4_000m, peak: 5_000m), [], T0.AddSeconds(2));

        var alert = Assert.Single(monitor.Recent());
        Assert.Equal(("drawdown", "warning", "s1"), (alert.Kind, alert.Severity, alert.Strategy));
        Assert.Equal(9_500, (double)alert.Values["value"]!);
        Assert.Equal(0.95, (double)alert.Values["usage"]!);
    }

    [Fact]
    public void CorrelationBreak_WhenAPairStartsBreaking()
    {
        var monitor = new AlertMonitor();
        var pair = new CorrelationBreak("BTCUSD", "NVDA", -0.1, 0.6, -0.7);
        monitor.Observe(Report(), [], T0);
        monitor.Observe(Report(), [pair], T0.AddSeconds(1));
        monitor.Observe(Report(), [pair], T0.AddSeconds(2));

        var alert = Assert.Single(monitor.Recent());
        Assert.Equal(("correlationBreak", "warning", null), (alert.Kind, alert.Severity, alert.Account));
        Assert.Equal("Correlation break: BTCUSD/NVDA at -0.10 against a long-run 0.60.", alert.Message);
        Assert.Equal(-0.7, (double)alert.Values["change"]!);
    }

    [Fact]
    public async Task EndToEnd_KillSwitchAndRefusedOrder_BecomeAlerts_ScopedToTheirAccount()
    {
        var s = fixture.Server;
        await ProblemAssert.IsJson(await s.SendAsync(HttpMethod.Post, "/kill-switch", json: """{ "account": "fx-carry", "on": true }"""), HttpStatusCode.OK);
        try
        {
            await WaitForAlert(s, a => a.GetProperty("kind").GetString() == "killSwitch" && a.GetProperty("account").GetString() == "fx-carry" && a.GetProperty("severity").GetString() == "critical");
            await s.SendAsync(HttpMethod.Post, "/orders/batch", json: """{ "orders": [ { "account": "fx-carry", "symbol": "EURUSD", "side": "Buy", "quantity": 1000 } ] }""");
            var refusal = await WaitForAlert(s, a => a.GetProperty("kind").GetString() == "refusal" && a.GetProperty("account").GetString() == "fx-carry");
            Assert.Equal("warning", refusal.GetProperty("severity").GetString());
            Assert.True(refusal.GetProperty("values").GetProperty("new").GetInt64() >= 1);

            // Newest first; a key scoped to crypto-tech sees none of fx-carry's.
            var all = await ProblemAssert.IsJson(await s.SendAsync(HttpMethod.Get, "/alerts", ControlTestServer.ViewerKey), HttpStatusCode.OK);
            var ids = all.EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).ToList();
            Assert.Equal(ids.OrderDescending(), ids);
            var scoped = await ProblemAssert.IsJson(await s.SendAsync(HttpMethod.Get, "/alerts", ControlTestServer.ScopedTraderKey), HttpStatusCode.OK);
            Assert.DoesNotContain(scoped.EnumerateArray(), a => a.GetProperty("account").GetString() == "fx-carry");
            var since = await ProblemAssert.IsJson(await s.SendAsync(HttpMethod.Get, $"/alerts?since={ids[0]}", ControlTestServer.ViewerKey), HttpStatusCode.OK);
            Assert.Empty(since.EnumerateArray());
            await ProblemAssert.IsProblem(await s.SendAsync(HttpMethod.Get, "/alerts?since=yesterday", ControlTestServer.ViewerKey), HttpStatusCode.BadRequest, "since");
        }
        finally
        {
            await s.SendAsync(HttpMethod.Post, "/kill-switch", json: """{ "account": "fx-carry", "on": false }""");
        }
    }

    private static async Task<JsonElement> WaitForAlert(ControlTestServer s, Func<JsonElement, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var last = default(JsonElement);
        while (DateTime.UtcNow < deadline)
        {
            last = await ProblemAssert.IsJson(await s.SendAsync(HttpMethod.Get, "/alerts", ControlTestServer.AdminKey), HttpStatusCode.OK);
            if (last.EnumerateArray().Where(match).ToList() is [var found, ..])
            {
                return found;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"no such alert: {last}");
        return default;
    }

    private static RiskReport Report(bool global = false, IReadOnlyList<string>? halted = null, Dictionary<string, long>? verdicts = null, decimal exposure = 0m, decimal pnl = 0m, decimal peak = 0m)
    {
        var account = new AccountRisk("A", "USD", 100_000m, exposure, 0, 0, 0m, new Dictionary<string, decimal>(), halted?.Contains("A") == true, verdicts ?? new Dictionary<string, long>());
        var strategy = new StrategyRisk("s1", "A", 1, 100_000m, new Dictionary<string, long>(), new Dictionary<string, StrategyClassRisk>
        {
            ["CRYPTO"] = new(exposure, pnl, peak, 50, 2, 10, 5),
        });
        return new RiskReport(global, halted ?? [], new Dictionary<string, long>(), [account], [strategy]);
    }
}
