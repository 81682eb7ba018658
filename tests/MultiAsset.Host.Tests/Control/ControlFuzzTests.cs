using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Xunit.Abstractions;

namespace MultiAsset.Host.Tests.Control;

/// <summary>
/// Fuzzes every REST endpoint of a real engine + control server (fixed seed): malformed variants of a valid request
/// per route (fields dropped, duplicated, renamed, added; wrong types; huge, non-finite, negative and tiny numbers; long
/// and binary strings; truncated and non-UTF-8 bodies; wrong content types and verbs; odd ids and query values). Every
/// answer must be below 500, every error an <c>application/problem+json</c> document, and a rejected request must leave
/// the engine's strategies and accounts exactly as they were.
/// </summary>
public class ControlFuzzTests(EngineServerFixture fixture, ITestOutputHelper output) : IClassFixture<EngineServerFixture>
{
    private const int Seed = 20_261_306;
    private const int Requests = 1_500;
    private const string BaseId = "fuzz-base";

    private static readonly string[] Verbs = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    /// <summary>A valid request per route pattern: the fuzzer mutates these. A new route without one fails the test.</summary>
    private static readonly Dictionary<string, string?> ValidBodies = new(StringComparer.Ordinal)
    {
        ["POST /api/multi-asset/strategies"] = SeedExamples.CryptoTech.Replace("\"name\"", "\"id\": \"fuzz-new\", \"account\": \"crypto-tech\", \"name\"", StringComparison.Ordinal),
        ["POST /api/multi-asset/optimize"] = SeedExamples.Optimize,
        ["POST /api/multi-asset/rebalance"] = """{ "strategy": "fuzz-base", "account": "crypto-tech", "action": "Rebalance", "weights": { "BTCUSD": 0.1, "NVDA": 0.2 } }""",
        ["POST /api/multi-asset/execution/preview"] = """{ "algorithm": "Implementation", "side": "Buy", "quantity": 1000, "slices": 4, "sliceSeconds": 60, "price": 100, "volatility": 0.001, "temporaryImpact": 0.01, "permanentImpact": 0.001, "riskAversion": 0.0001, "lotSize": 10, "volumeProfile": [1, 2, 3] }""",
        ["POST /api/multi-asset/kill-switch"] = """{ "account": "default", "scope": "account", "on": false }""",
        ["POST /api/multi-asset/orders/batch"] = """{ "orders": [ { "account": "default", "symbol": "SPY", "side": "buy", "quantity": 1, "type": "market", "timeInForce": "gtc", "algorithm": "TWAP" } ] }""",
        ["GET /api/multi-asset/status"] = null,
        ["GET /api/multi-asset/strategies"] = null,
        ["GET /api/multi-asset/strategies/{id}"] = null,
        ["PUT /api/multi-asset/strategies/{id}/deploy"] = null,
        ["POST /api/multi-asset/strategies/{id}/stop"] = null,
        ["DELETE /api/multi-asset/strategies/{id}"] = null,
        ["GET /api/multi-asset/accounts"] = null,
        ["GET /api/multi-asset/accounts/{id}"] = null,
        ["GET /api/multi-asset/allocation/{portfolioId}"] = null,
        ["GET /api/multi-asset/risk/analysis"] = null,
        ["GET /api/multi-asset/risk/correlation"] = null,
        ["POST /api/multi-asset/risk/var-backtest"] = """{ "realisedPnl": [100, -250, 40, -20, 310, -90, 15, -600, 70, 5], "valueAtRisk": [300, 300, 300, 300, 300, 300, 300, 300, 300, 300], "confidence": 0.9 }""",
        ["POST /api/multi-asset/risk/analysis"] = """{ "method": "parametric", "confidence": 0.99, "horizon": 1, "positions": [ { "symbol": "SPY", "assetClass": "STOCK", "currency": "USD", "exposure": 100000 }, { "symbol": "BTCUSD", "assetClass": "CRYPTO", "currency": "USD", "exposure": 50000 } ], "covariance": [[0.0001, 0.00002], [0.00002, 0.0004]] }""",
        ["POST /api/multi-asset/risk/stress"] = """{ "scenarios": ["covid-2020"], "name": "fuzz", "shocks": { "assetClasses": { "CRYPTO": -0.5 } }, "accounts": ["default"], "positions": [ { "account": "default", "symbol": "SPY", "quantity": 10, "price": 500 } ] }""",
        ["GET /api/multi-asset/execution/quality"] = null,
        ["GET /api/multi-asset/conflicts"] = null,
        ["GET /api/multi-asset/orders"] = null,
        ["GET /api/multi-asset/orders/{id}"] = null,
        ["GET /api/multi-asset/fills"] = null,
        ["POST /api/multi-asset/backtests"] = $$"""
            { "data": [ { "import": { "files": ["{{ControlTestServer.BacktestBarsFile}}"], "barInterval": "1m" } } ], "report": false,
              "strategies": [ { "id": "fuzz-sma", "name": "Fuzz SMA", "type": "SmaCross", "account": "fuzz", "assetClasses": ["CRYPTO"], "instruments": ["BTCUSD"],
                "allocation": [ { "assetClass": "CRYPTO", "targetWeight": 100, "minWeight": 0, "maxWeight": 100 } ], "riskParameters": {},
                "executionRules": [], "rebalancingRules": [], "parameters": { "fast": 5, "slow": 20, "quantity": 1, "timeframe": "1m" } } ] }
            """,
        ["GET /api/multi-asset/backtests"] = null,
        ["GET /api/multi-asset/whoami"] = null,
        ["GET /api/multi-asset/alerts"] = null,
        ["GET /api/multi-asset/reports/{kind}"] = null,
        ["GET /api/multi-asset/stream"] = null,
        ["GET /api/multi-asset/strategies/completions"] = null,
        ["GET /api/multi-asset/strategies/performance"] = null,
        ["POST /api/multi-asset/strategies/validate"] = SeedExamples.CryptoTech.Replace("\"name\"", "\"id\": \"fuzz-draft\", \"account\": \"crypto-tech\", \"name\"", StringComparison.Ordinal),
        ["GET /api/multi-asset/backtests/{id}"] = null,
        ["DELETE /api/multi-asset/backtests/{id}"] = null,
    };

    private ControlTestServer S => fixture.Server;

    [Fact]
    public async Task A_thousand_malformed_requests_never_get_a_5xx_and_rejected_ones_change_nothing()
    {
        var routes = Routes();
        Assert.Equal(ValidBodies.Keys.Order(StringComparer.Ordinal), routes.Select(r => r.Key).Order(StringComparer.Ordinal));
        await EnsureBaseStrategy();
        var random = new Random(Seed);
        var state = await State();
        var counts = new SortedDictionary<int, int>();
        for (var n = 0; n < Requests; n++)
        {
            var route = routes[random.Next(routes.Count)];
            var (request, description) = Mutate(route, random);
            // An event stream that started never ends: its headers are the answer.
            using var response = await S.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var status = (int)response.StatusCode;
            counts[status] = counts.GetValueOrDefault(status) + 1;
            var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? string.Empty : await response.Content.ReadAsStringAsync();
            Assert.True(status < 500, $"#{n} {description} → {status}: {body}");
            if (status < 400)
            {
                if (request.Method != HttpMethod.Get)
                {
                    output.WriteLine($"accepted: {description} → {status}");
                }

                await EnsureBaseStrategy();
                state = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head ? await State() : await SettledState();
                continue;
            }

            if (status == 400 && body.Length == 0 && ProtocolLevel(request))
            {
                // Kestrel refuses a NUL or CR/LF in the request target while parsing the request line, before any
                // middleware runs: a bare 400 (no state can change).
                continue;
            }

            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"#{n} {description} → {status} without problem+json");
            if (request.Method != HttpMethod.Head)
            {
                var problem = JsonDocument.Parse(body).RootElement;
                Assert.Equal(status, problem.GetProperty("status").GetInt32());
                Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), $"#{n} {description}: no detail");
            }

            var after = await State();
            Assert.True(state == after, $"#{n} {description} → {status} changed the engine's state");
        }

        output.WriteLine(string.Join(", ", counts.Select(c => $"{c.Key}: {c.Value}")));
        Assert.True(counts.Where(c => c.Key >= 400).Sum(c => c.Value) >= 1_000, "at least 1 000 malformed requests were rejected");
    }

    [Fact]
    public async Task Malformed_grpc_requests_get_a_client_error_status_and_change_nothing()
    {
        await EnsureBaseStrategy();
        var random = new Random(Seed + 1);
        var metadata = ControlTestServer.Key(ControlTestServer.AdminKey);
        var bodies = ValidBodies.Where(b => b.Value is not null && !b.Key.EndsWith("/kill-switch", StringComparison.Ordinal)).ToList();
        string[] ids = ["", "\u0000", "../../etc/passwd", new string('x', 100 * 1024), "a\r\nb", "\uD800", " padded ", BaseId];
        var state = await State();
        var rejected = 0;
        for (var n = 0; n < 400; n++)
        {
            var id = ids[random.Next(ids.Length)];
            string description;
            Func<Task> call;
            switch (random.Next(4))
            {
                case 0:
                    var (route, valid) = bodies[random.Next(bodies.Count)];
                    var json = random.Next(8) == 0 ? Truncate(valid!, random) : MutateJson(valid!, random, out _);
                    var request = new MultiAsset.Control.V1.JsonRequest { Json = json };
                    description = $"{route} {Shorten(json)}";
                    call = route switch
                    {
                        "POST /api/multi-asset/strategies" => async () => await S.Grpc.CreateStrategyAsync(request, metadata),
                        "POST /api/multi-asset/optimize" => async () => await S.Grpc.OptimizeAsync(request, metadata),
                        "POST /api/multi-asset/rebalance" => async () => await S.Grpc.RebalanceAsync(request, metadata),
                        "POST /api/multi-asset/execution/preview" => async () => await S.Grpc.PreviewExecutionAsync(request, metadata),
                        "POST /api/multi-asset/backtests" => async () => await S.Grpc.SubmitBacktestAsync(request, metadata),
                        _ => async () => await S.Grpc.SubmitOrdersAsync(request, metadata),
                    };
                    break;
                case 1:
                    description = $"GetStrategy {Shorten(id)}";
                    call = async () => await S.Grpc.GetStrategyAsync(new MultiAsset.Control.V1.StrategyId { Id = id }, metadata);
                    break;
                case 2:
                    description = $"GetAccounts/GetRisk {Shorten(id)}";
                    call = random.Next(2) == 0
                        ? async () => await S.Grpc.GetAccountsAsync(new MultiAsset.Control.V1.AccountRequest { Account = id }, metadata)
                        : async () => await S.Grpc.GetRiskAsync(new MultiAsset.Control.V1.AccountRequest { Account = id }, metadata);
                    break;
                default:
                    // Kill switch off (never on: a valid variant must not halt the engine for the later iterations).
                    description = $"SetKillSwitch {Shorten(id)}";
                    call = async () => await S.Grpc.SetKillSwitchAsync(new MultiAsset.Control.V1.KillSwitchRequest { Account = id == BaseId ? "default" : id, On = false }, metadata);
                    break;
            }

            try
            {
                await call();
                await EnsureBaseStrategy();
                state = await State();
            }
            catch (Grpc.Core.RpcException ex)
            {
                Assert.True(
                    ex.StatusCode is Grpc.Core.StatusCode.InvalidArgument or Grpc.Core.StatusCode.NotFound or Grpc.Core.StatusCode.FailedPrecondition,
                    $"#{n} {description} → {ex.StatusCode}: {ex.Status.Detail}");
                Assert.False(string.IsNullOrEmpty(ex.Trailers.GetValue("problem-status")), $"#{n} {description}: no problem-status");
                Assert.True(state == await State(), $"#{n} {description} → {ex.StatusCode} changed the engine's state");
                rejected++;
            }
        }

        output.WriteLine($"gRPC: {rejected} of 400 rejected");
        Assert.True(rejected >= 200, $"only {rejected} of 400 gRPC requests were rejected");
    }

    private static bool ProtocolLevel(HttpRequestMessage request)
        => request.RequestUri!.OriginalString.Contains("%00", StringComparison.Ordinal) || request.RequestUri.OriginalString.Contains("%0d", StringComparison.OrdinalIgnoreCase);

    private List<KeyValuePair<string, RouteEndpoint>> Routes()
    {
        var source = S.Server.Services.GetService(typeof(EndpointDataSource)) as EndpointDataSource ?? throw new InvalidOperationException("no endpoint data source");
        return [.. source.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/multi-asset/", StringComparison.Ordinal) == true && e.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 })
            .Select(e => new KeyValuePair<string, RouteEndpoint>($"{e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods[0]} {e.RoutePattern.RawText}", e))
            .OrderBy(p => p.Key, StringComparer.Ordinal)];
    }

    private async Task EnsureBaseStrategy()
    {
        using var found = await S.SendAsync(HttpMethod.Get, "/strategies/" + BaseId);
        if (found.StatusCode == HttpStatusCode.NotFound)
        {
            var json = SeedExamples.CryptoTech.Replace("\"name\"", $"\"id\": \"{BaseId}\", \"account\": \"crypto-tech\", \"name\"", StringComparison.Ordinal);
            using var created = await S.SendAsync(HttpMethod.Post, "/strategies", json: json);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
    }

    /// <summary>
    /// The state once an accepted request's consequences have played out: an accepted order is answered when it is
    /// journalled, and its routing and fills change the accounts a little later, on the engine thread. Read until three
    /// reads 50 ms apart agree (at most 5 s), so that a later rejected request is judged against a state that holds still.
    /// </summary>
    private async Task<string> SettledState()
    {
        var state = await State();
        var agreeing = 0;
        for (var i = 0; i < 100 && agreeing < 2; i++)
        {
            await Task.Delay(50);
            var next = await State();
            agreeing = next == state ? agreeing + 1 : 0;
            state = next;
        }

        return state;
    }

    private async Task<string> State()
    {
        using var strategies = await S.SendAsync(HttpMethod.Get, "/strategies");
        using var accounts = await S.SendAsync(HttpMethod.Get, "/accounts");
        return await strategies.Content.ReadAsStringAsync() + "\n" + await accounts.Content.ReadAsStringAsync();
    }

    private static (HttpRequestMessage Request, string Description) Mutate(KeyValuePair<string, RouteEndpoint> route, Random random)
    {
        var verb = route.Key[..route.Key.IndexOf(' ', StringComparison.Ordinal)];
        var body = ValidBodies[route.Key];
        var path = route.Value.RoutePattern.RawText!.Replace("{id}", BaseId, StringComparison.Ordinal).Replace("{portfolioId}", "default", StringComparison.Ordinal);
        var contentType = "application/json";
        string what;
        var kind = random.Next(body is null ? 4 : 10);
        switch (kind)
        {
            case 0:
                verb = Verbs.Where(v => v != verb).ElementAt(random.Next(Verbs.Length - 1));
                what = "wrong verb";
                break;
            case 1:
                path = MutatePath(route.Value.RoutePattern.RawText!, path, random);
                what = "odd path or query";
                break;
            case 2:
                contentType = random.Next(3) switch { 0 => "text/plain", 1 => "application/xml", _ => "application/json; charset=utf-16" };
                body ??= "{}";
                what = "wrong content type";
                break;
            case 3:
                body = body is null ? RandomText(random, 1 + random.Next(64)) : Truncate(body, random);
                what = body is null ? "a body where none is taken" : "truncated JSON";
                break;
            default:
                body = MutateJson(body!, random, out what);
                break;
        }

        var request = new HttpRequestMessage(new HttpMethod(verb), path);
        request.Headers.Add("X-Api-Key", ControlTestServer.AdminKey);
        if (body is not null && verb is not ("GET" or "HEAD") || (body is not null && kind == 3))
        {
            var bytes = random.Next(20) == 0 ? [.. Encoding.UTF8.GetBytes(body), 0xC3, 0x28] : Encoding.UTF8.GetBytes(body);
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return (request, $"{verb} {Shorten(path)} [{what}] {Shorten(body)}");
    }

    private static string MutatePath(string pattern, string path, Random random)
    {
        string[] odd = ["%00", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", new string('x', 300), "%C3%28", "%F0%9F%98%80", "a%20b", "%EF%BF%BF", "-1", "%0d%0aX:1"];
        if (pattern.Contains('{', StringComparison.Ordinal))
        {
            var value = odd[random.Next(odd.Length)];
            return pattern.Replace("{id}", value, StringComparison.Ordinal).Replace("{portfolioId}", value, StringComparison.Ordinal);
        }

        string[] queries = ["?limit=-1", "?limit=1e10", "?limit=abc", "?limit=99999999999", "?account=%00", "?account=", "?account=" + new string('a', 500), "?flatten=maybe", "?limit=1&limit=2"];
        // Case variants must reach the same endpoint through the same key gate (the auth matrix checks them in depth).
        return random.Next(3) switch
        {
            0 => path + queries[random.Next(queries.Length)],
            1 => path.ToUpperInvariant(),
            _ => path + "/",
        };
    }

    private static string Truncate(string body, Random random) => body[..random.Next(body.Length)];

    private static string MutateJson(string body, Random random, out string what)
    {
        var root = JsonNode.Parse(body)!;
        var containers = new List<JsonNode>();
        Collect(root, containers);
        var target = containers[random.Next(containers.Count)];
        switch (random.Next(6))
        {
            case 0 when target is JsonObject { Count: > 0 } o:
                var dropped = o.ElementAt(random.Next(o.Count)).Key;
                o.Remove(dropped);
                what = $"dropped {dropped}";
                return root.ToJsonString();
            case 1 when target is JsonObject { Count: > 0 } o:
                var (key, value) = o.ElementAt(random.Next(o.Count));
                o["__dup__"] = value?.DeepClone();
                what = $"duplicated {key}";
                return root.ToJsonString().Replace("\"__dup__\"", JsonSerializer.Serialize(key), StringComparison.Ordinal);
            case 2 when target is JsonObject { Count: > 0 } o:
                var renamed = o.ElementAt(random.Next(o.Count)).Key;
                var moved = o[renamed];
                o.Remove(renamed);
                o[renamed + (random.Next(2) == 0 ? "x" : "_")] = moved;
                what = $"renamed {renamed}";
                return root.ToJsonString();
            case 3 when target is JsonObject o:
                o["unexpected" + random.Next(10)] = Scalar(random);
                what = "unknown field";
                return root.ToJsonString();
            default:
                // Replace a leaf (or the container's first item) with a hostile value.
                var leaf = Leaf(target, random);
                if (leaf is null)
                {
                    what = "unchanged container";
                    return root.ToJsonString();
                }

                var replacement = Scalar(random);
                what = $"{leaf.GetPath()} := {Shorten(replacement?.ToJsonString())}";
                leaf.ReplaceWith(replacement);
                return root.ToJsonString();
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is JsonObject o)
        {
            into.Add(o);
            foreach (var (_, child) in o)
            {
                Collect(child, into);
            }
        }
        else if (node is JsonArray a)
        {
            into.Add(a);
            foreach (var child in a)
            {
                Collect(child, into);
            }
        }
    }

    private static JsonNode? Leaf(JsonNode container, Random random)
    {
        var children = container switch
        {
            JsonObject o => o.Select(p => p.Value).ToList(),
            JsonArray a => [.. a],
            _ => [],
        };
        return children.Count == 0 ? null : children[random.Next(children.Count)] ?? null;
    }

    private static JsonNode? Scalar(Random random) => random.Next(16) switch
    {
        0 => JsonValue.Create("NaN"),
        1 => JsonNode.Parse("1e308"),
        2 => JsonNode.Parse("-1e308"),
        3 => JsonNode.Parse("1e-9"),
        4 => JsonValue.Create(-5),
        5 => JsonValue.Create(0),
        6 => JsonValue.Create(new string('x', 100 * 1024)),
        7 => JsonValue.Create(RandomText(random, 40)),
        8 => JsonValue.Create("../../etc/passwd"),
        9 => JsonValue.Create(""),
        10 => JsonValue.Create(true),
        11 => null,
        12 => new JsonArray(1, "a", null),
        13 => new JsonObject { ["a"] = 1 },
        14 => JsonValue.Create("12"),
        _ => JsonValue.Create(long.MaxValue),
    };

    private static string RandomText(Random random, int length)
        => new([.. Enumerable.Range(0, length).Select(_ => (char)(random.Next(4) == 0 ? random.Next(0x20) : random.Next(0x20, 0xD7FF)))]);

    private static string Shorten(string? text) => text is null ? "(none)" : text.Length <= 120 ? text : text[..120] + "…";
}
