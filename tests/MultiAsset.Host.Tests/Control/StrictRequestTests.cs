using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Grpc.Core;
using MultiAsset.Control.V1;

namespace MultiAsset.Host.Tests.Control;

/// <summary>Strict requests: each once-accepted or once-500 input of issue 13 answers a 4xx problem naming the field.</summary>
public class StrictRequestTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private ControlTestServer S => fixture.Server;

    [Fact]
    public async Task Preview_with_a_huge_slice_length_is_400_naming_sliceSeconds()
        => await ProblemAssert.IsProblem(
            await S.SendAsync(HttpMethod.Post, "/execution/preview", json: """{ "algorithm": "TWAP", "side": "Buy", "quantity": 1000, "slices": 4, "sliceSeconds": 1e308 }"""),
            HttpStatusCode.BadRequest,
            "sliceSeconds");

    [Theory]
    [InlineData("""{ "algorithm": "Implementation", "side": "Buy", "quantity": 1000, "slices": 4, "sliceSeconds": 60, "price": 100, "volatility": 5, "temporaryImpact": 0.1, "riskAversion": 1 }""", "volatility")]
    [InlineData("""{ "algorithm": "TWAP", "side": "Buy", "quantity": 1000, "slices": 4, "sliceSeconds": 60, "price": 1e300 }""", "price")]
    [InlineData("""{ "algorithm": "TWAP", "side": "Buy", "quantity": 1000, "slices": 4, "sliceSeconds": "60" }""", "sliceSeconds")]
    [InlineData("""{ "algorithm": "TWAP", "side": "Buy", "quantity": 1000, "slices": 4, "sliceSeconds": 60, "slices": 5 }""", "slices")]
    [InlineData("""{ "algorithm": "TWAP", "side": "Buy", "quantity": 1000, "slices": 4, "sliceSeconds": 1e999 }""", "sliceSeconds")]
    public async Task Preview_inputs_out_of_range_are_400_naming_the_field(string json, string field)
        => await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/execution/preview", json: json), HttpStatusCode.BadRequest, field);

    [Theory]
    [InlineData("1e308", "covariance[0][0]")]
    [InlineData("-1e7", "covariance[0][0]")]
    [InlineData("\"0.04\"", "covariance[0][0]")]
    public async Task Optimize_with_an_absurd_covariance_is_400_naming_the_entry(string entry, string field)
    {
        var json = SeedExamples.Optimize.Replace("[[0.04,", $"[[{entry},", StringComparison.Ordinal);
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/optimize", json: json), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_kill_switch_account_of_100_KB_is_400_not_500()
    {
        var json = "{ \"account\": \"" + new string('a', 100 * 1024) + "\", \"on\": true }";
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/kill-switch", json: json), HttpStatusCode.BadRequest, "account");
    }

    [Fact]
    public async Task An_empty_kill_switch_account_is_400_never_the_global_switch()
    {
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/kill-switch", json: """{ "account": "", "on": true }"""), HttpStatusCode.BadRequest, "account");
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/kill-switch", json: """{ "scope": "global", "account": "default", "on": true }"""), HttpStatusCode.BadRequest, "scope");
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/kill-switch", json: """{ "scope": "account", "on": true }"""), HttpStatusCode.BadRequest, "account");
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/kill-switch", json: """{ "scope": "world", "on": true }"""), HttpStatusCode.BadRequest, "scope");

        // The documented shape still works: scope global (or no account) is the global switch.
        var off = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/kill-switch", json: """{ "scope": "global", "on": false }"""), HttpStatusCode.OK);
        Assert.False(off.GetProperty("on").GetBoolean());
    }

    [Fact]
    public async Task A_limit_price_is_never_dropped_a_limit_order_off_the_tick_grid_is_refused_naming_the_field()
    {
        await ProblemAssert.IsProblem(
            await S.SendAsync(HttpMethod.Post, "/orders/batch", json: """{ "orders": [ { "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1, "limitPrice": 400 } ] }"""),
            HttpStatusCode.BadRequest,
            "orders[0].limitPrice");
        await ProblemAssert.IsProblem(
            await S.SendAsync(HttpMethod.Post, "/orders/batch", json: """{ "orders": [ { "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1, "type": "limit", "limitPrice": 400.001 } ] }"""),
            HttpStatusCode.BadRequest,
            "orders[0].limitPrice");
        await ProblemAssert.IsProblem(
            await S.SendAsync(HttpMethod.Post, "/orders/batch", json: """{ "orders": [ { "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1e-9 } ] }"""),
            HttpStatusCode.BadRequest,
            "orders[0].quantity");
        await ProblemAssert.IsProblem(
            await S.SendAsync(HttpMethod.Post, "/orders/batch", json: """{ "orders": [ { "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1, "colour": "red" } ] }"""),
            HttpStatusCode.BadRequest,
            "orders[0].colour");
    }

    [Theory]
    [InlineData("/orders/batch", """{ "orders": [ { "account": "default", "account": "crypto-tech", "symbol": "SPY", "side": "buy", "quantity": 1 } ] }""", "orders[0].account")]
    [InlineData("/kill-switch", """{ "on": true, "on": false }""", "on")]
    [InlineData("/rebalance", """{ "strategy": "x", "weights": { "SPY": 0.1, "SPY": 0.2 } }""", "weights.SPY")]
    [InlineData("/strategies", """{ "name": "a", "name": "b" }""", "name")]
    [InlineData("/optimize", """{ "optimizationMethod": "MeanVariance", "optimizationMethod": "RiskParity" }""", "optimizationMethod")]
    public async Task Duplicate_keys_are_400_naming_the_key(string path, string json, string field)
        => await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, path, json: json), HttpStatusCode.BadRequest, field);

    [Theory]
    [InlineData("""{ "name": "\u0000", "type": "Momentum", "assetClasses": ["STOCK"], "allocation": [ { "assetClass": "STOCK", "targetWeight": 100, "minWeight": 0, "maxWeight": 100 } ] }""", "name")]
    [InlineData("""{ "name": "../../etc/passwd", "type": "Momentum", "assetClasses": ["STOCK"], "allocation": [ { "assetClass": "STOCK", "targetWeight": 100, "minWeight": 0, "maxWeight": 100 } ] }""", "name")]
    [InlineData("""{ "name": "ok", "account": "../x", "type": "Momentum", "assetClasses": ["STOCK"], "allocation": [ { "assetClass": "STOCK", "targetWeight": 100, "minWeight": 0, "maxWeight": 100 } ] }""", "account")]
    public async Task Unprintable_or_path_like_names_are_400(string json, string field)
    {
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/strategies", json: json), HttpStatusCode.BadRequest, field);
        var list = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/strategies"), HttpStatusCode.OK);
        Assert.DoesNotContain(list.EnumerateArray(), s => s.GetProperty("name").GetString() is "\u0000" or "../../etc/passwd");
    }

    [Fact]
    public async Task A_rebalance_weight_of_minus_5_is_400()
        => await ProblemAssert.IsProblem(
            await S.SendAsync(HttpMethod.Post, "/rebalance", json: """{ "strategy": "x", "weights": { "SPY": -5 } }"""),
            HttpStatusCode.BadRequest,
            "weights.SPY");

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    public async Task A_body_that_is_not_json_is_415(string contentType)
    {
        var request = ControlTestServer.Request(HttpMethod.Post, "/kill-switch");
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{ "on": false }"""));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        await ProblemAssert.IsProblem(await S.Http.SendAsync(request), HttpStatusCode.UnsupportedMediaType, "Content-Type");
    }

    [Fact]
    public async Task A_body_without_content_type_is_415_and_json_variants_are_accepted()
    {
        var request = ControlTestServer.Request(HttpMethod.Post, "/execution/preview");
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(SeedExamples.Preview));
        await ProblemAssert.IsProblem(await S.Http.SendAsync(request), HttpStatusCode.UnsupportedMediaType, "Content-Type");

        var problemJson = ControlTestServer.Request(HttpMethod.Post, "/execution/preview");
        problemJson.Content = new StringContent(SeedExamples.Preview, Encoding.UTF8, "application/vnd.mae+json");
        await ProblemAssert.IsJson(await S.Http.SendAsync(problemJson), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("DELETE", "/status", "GET")]
    [InlineData("POST", "/strategies/x/deploy", "PUT")]
    [InlineData("PATCH", "/strategies/x", "DELETE, GET")]
    [InlineData("GET", "/kill-switch", "POST")]
    [InlineData("PUT", "/strategies", "GET, POST")]
    [InlineData("GET", "/STRATEGIES/x/DEPLOY", "PUT")]
    public async Task A_wrong_verb_is_405_with_allow(string method, string path, string allow)
    {
        var response = await S.SendAsync(new HttpMethod(method), path);
        await ProblemAssert.IsProblem(response, HttpStatusCode.MethodNotAllowed, "method");
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task An_unknown_path_stays_404()
        => await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Post, "/no/such"), HttpStatusCode.NotFound);

    [Theory]
    [InlineData("GET", "/conflicts?limit=5&limit=6", "limit")]
    [InlineData("GET", "/status?verbose=1", "verbose")]
    [InlineData("GET", "/risk/analysis?acount=default", "acount")]
    [InlineData("GET", "/accounts/a..b", "account")]
    public async Task Unknown_or_repeated_query_parameters_and_odd_ids_are_400(string method, string path, string field)
        => await ProblemAssert.IsProblem(await S.SendAsync(new HttpMethod(method), path), HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task A_body_on_an_endpoint_that_takes_none_is_400()
        => await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/status", json: "{}"), HttpStatusCode.BadRequest, "$");

    [Fact]
    public async Task Grpc_reaches_the_same_validation()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await S.Grpc.SubmitOrdersAsync(
            new JsonRequest { Json = """{ "orders": [ { "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1, "limitPrice": 400 } ] }""" },
            ControlTestServer.Key(ControlTestServer.AdminKey)));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("orders[0].limitPrice", ex.Trailers.GetValue("problem-field"));

        ex = await Assert.ThrowsAsync<RpcException>(async () => await S.Grpc.PreviewExecutionAsync(
            new JsonRequest { Json = """{ "algorithm": "TWAP", "side": "Buy", "quantity": 1000, "slices": 4, "sliceSeconds": 1e308 }""" },
            ControlTestServer.Key(ControlTestServer.AdminKey)));
        Assert.Equal("sliceSeconds", ex.Trailers.GetValue("problem-field"));
    }
}

/// <summary>/metrics answers GET only: other verbs are 405 with Allow: GET.</summary>
public class StrictMetricsTests(MetricsServerFixture fixture) : IClassFixture<MetricsServerFixture>
{
    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Metrics_with_another_verb_is_405(string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/metrics");
        request.Headers.Add("X-Api-Key", ControlTestServer.AdminKey);
        var response = await fixture.Server.Http.SendAsync(request);
        await ProblemAssert.IsProblem(response, HttpStatusCode.MethodNotAllowed);
        Assert.Equal("GET, HEAD", string.Join(", ", response.Content.Headers.Allow));
    }
}
