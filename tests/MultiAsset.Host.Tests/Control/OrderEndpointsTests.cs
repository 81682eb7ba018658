using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MultiAsset.Control.V1;

namespace MultiAsset.Host.Tests.Control;

/// <summary>
/// Orders as first-class objects through the real Kestrel server in front of a running engine with the paper venues:
/// a batch answers each order's id, status and reason; GET /orders/{id} shows the children and fills; GET /orders and
/// GET /fills filter strictly and honour key scopes; the counters agree across TCA, the stages and /metrics.
/// </summary>
public class OrderEndpointsTests(MetricsServerFixture fixture) : IClassFixture<MetricsServerFixture>
{
    private ControlTestServer S => fixture.Server;

    [Fact]
    public async Task A_batch_answers_ids_statuses_and_reasons_and_the_order_then_shows_its_fills()
    {
        S.PublishQuote("SPY", 500.00, 500.02);
        var batch = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/orders/batch", ControlTestServer.TraderKey, """
            { "orders": [
              { "account": "default", "symbol": "SPY", "side": "buy", "quantity": 10 },
              { "account": "default", "symbol": "SPY", "side": "buy", "quantity": 5, "type": "limit", "limitPrice": 490.00, "timeInForce": "day" },
              { "account": "default", "symbol": "MSFT", "side": "buy", "quantity": 1 } ] }
            """), HttpStatusCode.OK);

        Assert.Equal(3, batch.GetProperty("accepted").GetInt32());
        var orders = batch.GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], orders.Select(o => o.GetProperty("index").GetInt32()));
        var ids = orders.Select(o => o.GetProperty("orderId").GetInt64()).ToList();
        Assert.All(ids, id => Assert.True(id > 0));
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Contains(orders[0].GetProperty("status").GetString(), new[] { "accepted", "working", "partiallyFilled", "filled" });
        Assert.Equal("Accepted", orders[0].GetProperty("riskVerdict").GetString());
        Assert.Equal(("limit", 490.00m, "day"), (orders[1].GetProperty("type").GetString(), orders[1].GetProperty("limitPrice").GetDecimal(), orders[1].GetProperty("timeInForce").GetString()));
        Assert.Equal("refused", orders[2].GetProperty("status").GetString());
        Assert.Equal("NoPrice", orders[2].GetProperty("reason").GetString()); // no MSFT quote yet: the gate cannot value it

        // The market order fills on the engine clock; its detail shows children and fills that add up.
        var detail = await UntilAsync($"/orders/{ids[0]}", d => d.GetProperty("status").GetString() == "filled");
        Assert.Equal(10m, detail.GetProperty("filledQuantity").GetDecimal());
        var fills = detail.GetProperty("fills").EnumerateArray().ToList();
        Assert.NotEmpty(fills);
        Assert.Equal(10m, fills.Sum(f => f.GetProperty("quantity").GetDecimal()));
        Assert.All(fills, f => Assert.Equal(ids[0], f.GetProperty("orderId").GetInt64()));
        Assert.NotEmpty(detail.GetProperty("children").EnumerateArray());
        Assert.Equal(detail.GetProperty("childCount").GetInt32(), detail.GetProperty("children").GetArrayLength());
        var average = fills.Sum(f => f.GetProperty("quantity").GetDecimal() * f.GetProperty("price").GetDecimal()) / 10m;
        Assert.Equal(decimal.Round(average, 6), decimal.Round(detail.GetProperty("averagePrice").GetDecimal(), 6));
        Assert.Equal("USD", detail.GetProperty("currency").GetString());

        // The limit order rests (working, with its day expiry); the refusal keeps its reason.
        var resting = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, $"/orders/{ids[1]}", ControlTestServer.ViewerKey), HttpStatusCode.OK);
        Assert.Equal("working", resting.GetProperty("status").GetString());
        Assert.StartsWith("2026-03-02T21:00:00", resting.GetProperty("expiresAt").GetString(), StringComparison.Ordinal); // NYSE close, 16:00 EST
        var refused = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/orders?account=default&status=refused", ControlTestServer.ViewerKey), HttpStatusCode.OK);
        Assert.Contains(refused.EnumerateArray(), o => o.GetProperty("id").GetInt64() == ids[2] && o.GetProperty("riskVerdict").GetString() == "NoPrice");
        var byFill = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, $"/fills?order={ids[0]}", ControlTestServer.ViewerKey), HttpStatusCode.OK);
        Assert.Equal(10m, byFill.EnumerateArray().Sum(f => f.GetProperty("quantity").GetDecimal()));

        // The same over gRPC.
        var grpc = await S.Grpc.GetOrderAsync(new OrderIdRequest { Id = ids[0] }, ControlTestServer.Key(ControlTestServer.ViewerKey));
        Assert.Equal("filled", JsonDocument.Parse(grpc.Json).RootElement.GetProperty("status").GetString());
        var list = await S.Grpc.GetOrdersAsync(new OrdersRequest { Account = "default", Status = "refused" }, ControlTestServer.Key(ControlTestServer.ViewerKey));
        Assert.Contains(JsonDocument.Parse(list.Json).RootElement.EnumerateArray(), o => o.GetProperty("id").GetInt64() == ids[2]);

        // Scopes: a key of crypto-tech does not see default's orders.
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, $"/orders/{ids[0]}", ControlTestServer.ScopedTraderKey), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/orders?account=default", ControlTestServer.ScopedTraderKey), HttpStatusCode.Forbidden, "account");
        var scoped = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/orders", ControlTestServer.ScopedTraderKey), HttpStatusCode.OK);
        Assert.All(scoped.EnumerateArray(), o => Assert.Equal("crypto-tech", o.GetProperty("account").GetString()));
    }

    [Theory]
    [InlineData("/orders?bogus=1", "bogus")]
    [InlineData("/orders?limit=0", "limit")]
    [InlineData("/orders?limit=x", "limit")]
    [InlineData("/orders?status=done-ish", "status")]
    [InlineData("/orders?since=yesterday", "since")]
    [InlineData("/orders?account=..%2Fdefault", "account")]
    [InlineData("/orders?order=1", "order")]
    [InlineData("/fills?status=filled", "status")]
    [InlineData("/fills?order=-3", "order")]
    [InlineData("/orders?instrument=NOPE", "instrument")]
    public async Task Bad_filters_are_400_problems_naming_the_parameter(string path, string field)
        => await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, path, ControlTestServer.ViewerKey), HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task Reads_need_a_key_and_an_unknown_order_is_404()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await S.SendAsync(HttpMethod.Get, "/orders", key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await S.SendAsync(HttpMethod.Get, "/fills", key: null)).StatusCode);
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/orders/999999", ControlTestServer.ViewerKey), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/orders/0", ControlTestServer.ViewerKey), HttpStatusCode.BadRequest, "id");
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/orders/batch", ControlTestServer.ViewerKey), HttpStatusCode.BadRequest, "id");
    }

    [Fact]
    public async Task After_a_run_the_counters_agree_across_the_stages_the_tca_and_metrics()
    {
        S.PublishQuote("BTCUSD", 60_000, 60_010);
        var reply = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/orders/batch", ControlTestServer.AdminKey, """{ "orders": [ { "account": "default", "symbol": "BTCUSD", "side": "buy", "quantity": 0.02, "algorithm": "TWAP" } ] }"""), HttpStatusCode.OK);
        var id = reply.GetProperty("orders")[0].GetProperty("orderId").GetInt64();
        await UntilAsync($"/orders/{id}", d => d.GetProperty("status").GetString() == "filled", step: 1_000_000_000); // TWAP: 10 slices 6 s apart

        var stages = S.Engine!.Stages;
        var quality = (await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/execution/quality"), HttpStatusCode.OK)).GetProperty("counts");
        Assert.Equal(stages.Coordination.LastOrderId, quality.GetProperty("orders").GetInt64());
        Assert.Equal(stages.Risk.Checked, quality.GetProperty("orders").GetInt64());
        Assert.Equal(stages.Risk.Accepted, quality.GetProperty("accepted").GetInt64());
        Assert.Equal(stages.Accounts.Fills, quality.GetProperty("fills").GetInt64());
        Assert.Equal(stages.Router.Counters.Children, quality.GetProperty("childOrders").GetInt64());
        var venues = (await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/execution/quality"), HttpStatusCode.OK)).GetProperty("byVenue");
        Assert.NotEmpty(venues.EnumerateArray());

        var metrics = await ScrapeAsync();
        Assert.Equal(quality.GetProperty("orders").GetInt64(), (long)Value(metrics, "mae_orders_total")!);
        Assert.Equal(quality.GetProperty("orders").GetInt64(), (long)Value(metrics, "mae_coordination_orders_total")!);
        Assert.Equal(quality.GetProperty("fills").GetInt64(), (long)Value(metrics, "mae_router_fills_total")!);
        Assert.Equal(quality.GetProperty("fills").GetInt64(), (long)Value(metrics, "mae_accounts_fills_total")!);
        Assert.Equal(quality.GetProperty("childOrders").GetInt64(), (long)Value(metrics, "mae_router_child_orders_total")!);
    }

    /// <summary>Moves the engine clock on with fresh quotes until <paramref name="path"/> satisfies <paramref name="done"/>.</summary>
    private async Task<JsonElement> UntilAsync(string path, Func<JsonElement, bool> done, long step = 50_000_000)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var last = default(JsonElement);
        while (DateTime.UtcNow < deadline)
        {
            last = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, path, ControlTestServer.ViewerKey), HttpStatusCode.OK);
            if (done(last))
            {
                return last;
            }

            S.Clock!.Advance(step);
            S.PublishQuote("SPY", 500.00, 500.02);
            S.PublishQuote("BTCUSD", 60_000, 60_010);
            await Task.Delay(50);
        }

        Assert.Fail($"{path} never got there: {last}");
        return last;
    }

    private async Task<string> ScrapeAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Api-Key", ControlTestServer.AdminKey);
        var response = await S.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static double? Value(string text, string name)
    {
        foreach (var line in text.Split('\n'))
        {
            var match = Regex.Match(line, @"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)");
            if (match.Success && match.Groups[1].Value == name)
            {
                return double.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
