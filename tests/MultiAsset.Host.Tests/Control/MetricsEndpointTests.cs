using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MultiAsset.Host.Tests.Control;

/// <summary>GET /metrics scraped through the real Kestrel server in front of a running engine.</summary>
public class MetricsEndpointTests(MetricsServerFixture fixture) : IClassFixture<MetricsServerFixture>
{
    private ControlTestServer S => fixture.Server;

    [Fact]
    public async Task Scrape_AfterQuotesAndAFill_HasEveryInstrumentWithPlausibleValues()
    {
        S.PublishQuote("BTCUSD", 60_000, 60_010);
        S.Clock!.Advance(1_000_000);
        S.PublishQuote("BTCUSD", 60_001, 60_011);
        var order = await S.SendAsync(HttpMethod.Post, "/orders/batch", ControlTestServer.AdminKey, """{ "orders": [ { "account": "default", "symbol": "BTCUSD", "side": "Buy", "quantity": 0.01 } ] }""");
        Assert.True(order.StatusCode == HttpStatusCode.OK, await order.Content.ReadAsStringAsync());
        await LiveTestWaits.UntilFilledAsync(S, "default", "BTCUSD", await order.Content.ReadAsStringAsync());

        // The P&L gauges come from QueryAccounts, refreshed at most once a second: wait for a refresh after the fill.
        var text = string.Empty;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            S.Metrics!.DrainLatencies();
            text = await ScrapeAsync(ControlTestServer.ViewerKey);
            if (Value(text, "mae_accounts_fills_total") >= 1 && Value(text, "mae_account_pnl", "account=\"default\"", "kind=\"fees\"") is > 0 && Value(text, "mae_tick_to_order_latency_seconds_count") >= 1
                && Value(text, "mae_risk_verdicts_total", "verdict=\"Accepted\"") >= 1)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.True(Value(text, "mae_pipeline_stage_events_total", "stage=\"engine\"") >= 3, text);
        Assert.Equal(65536, Value(text, "mae_pipeline_ring_size", "ring=\"input\""));
        Assert.InRange(Value(text, "mae_pipeline_ring_occupancy", "ring=\"input\"") ?? -1, 0, 65536);
        Assert.InRange(Value(text, "mae_pipeline_stage_backlog", "stage=\"engine\"") ?? -1, 0, 65536);
        Assert.True(Value(text, "mae_marketdata_accepted_total") >= 2, text);
        Assert.Equal(0, Value(text, "mae_marketdata_rejects_total", "reason=\"CrossedQuote\""));
        Assert.True(Value(text, "mae_risk_checked_total") >= 1, text);
        Assert.True(Value(text, "mae_risk_verdicts_total", "verdict=\"Accepted\"") >= 1, text);
        Assert.True(Value(text, "mae_accounts_fills_total") >= 1, text);
        Assert.True(Value(text, "mae_account_pnl", "account=\"default\"", "kind=\"fees\"") > 0, text);
        Assert.NotNull(Value(text, "mae_account_equity", "account=\"crypto-tech\""));
        // The order's source is the SubmitOrders command, stamped on the same (simulated, standing) clock: 0 s, recorded.
        Assert.True(Value(text, "mae_tick_to_order_latency_seconds_count") >= 1, text);
        Assert.Contains("mae_tick_to_order_latency_seconds_bucket{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_NeedsAnUnscopedKey()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await S.Http.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        using var scoped = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scoped.Headers.Add("X-Api-Key", ControlTestServer.ScopedTraderKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await S.Http.SendAsync(scoped)).StatusCode);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ControlTestServer.ViewerKey);
        var answer = await S.Http.SendAsync(bearer);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("mae_pipeline_stage_events_total", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> ScrapeAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Api-Key", key);
        var response = await S.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the first sample of <paramref name="name"/> whose labels contain every one of <paramref name="labels"/>.</summary>
    private static double? Value(string text, string name, params string[] labels)
    {
        foreach (var line in text.Split('\n'))
        {
            var match = Regex.Match(line, @"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)");
            if (match.Success && match.Groups[1].Value == name && labels.All(l => match.Groups[2].Value.Contains(l, StringComparison.Ordinal)))
            {
                return double.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}

/// <summary>Waits shared by the live-view tests.</summary>
internal static class LiveTestWaits
{
    /// <summary>Waits until <paramref name="account"/> holds a non-zero position in <paramref name="symbol"/>.</summary>
    public static async Task UntilFilledAsync(ControlTestServer server, string account, string symbol, string orderReply)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            var response = await server.SendAsync(HttpMethod.Get, "/accounts/" + account, ControlTestServer.AdminKey);
            last = await response.Content.ReadAsStringAsync();
            using var doc = JsonDocument.Parse(last);
            if (doc.RootElement.TryGetProperty("positions", out var positions)
                && positions.EnumerateArray().Any(p => p.GetProperty("symbol").GetString() == symbol && p.GetProperty("quantity").GetDecimal() != 0))
            {
                return;
            }

            // Simulated venues answer on the engine clock: move it on and give the market a fresh quote.
            server.Clock!.Advance(50_000_000);
            server.PublishQuote(symbol, 60_000, 60_010);
            await Task.Delay(100);
        }

        var risk = await (await server.SendAsync(HttpMethod.Get, "/risk/analysis?account=" + account, ControlTestServer.AdminKey)).Content.ReadAsStringAsync();
        var quality = await (await server.SendAsync(HttpMethod.Get, "/execution/quality", ControlTestServer.AdminKey)).Content.ReadAsStringAsync();
        Assert.Fail($"no {symbol} position in {account}: {last}; order reply {orderReply}; risk {risk}; quality {quality}");
    }
}
