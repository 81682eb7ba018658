using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Tests.Control;

/// <summary>
/// The authentication matrix: every route the server maps (read from its <see cref="EndpointDataSource"/>, so a new
/// route is covered without touching this file), plus unknown paths, in several spellings, with no key, a wrong key,
/// each role and keys scoped to one account — over REST and over gRPC.
/// </summary>
public class AuthMatrixTests(MetricsServerFixture fixture) : IClassFixture<MetricsServerFixture>
{
    private const string OwnAccount = "crypto-tech";
    private const string OtherAccount = "fx-carry";

    private static readonly Identity[] Identities =
    [
        new("no key", null, null, false),
        new("wrong key", "not-a-configured-key", null, false),
        new("viewer", ControlTestServer.ViewerKey, ControlRole.Viewer, false),
        new("trader", ControlTestServer.TraderKey, ControlRole.Trader, false),
        new("admin", ControlTestServer.AdminKey, ControlRole.Admin, false),
        new("scoped trader", ControlTestServer.ScopedTraderKey, ControlRole.Trader, true),
        new("scoped admin", ControlTestServer.ScopedAdminKey, ControlRole.Admin, true),
    ];

    /// <summary>
    /// Paths no route serves (some close to real ones). Not <c>/</c> or <c>/nothing</c>: those are the web UI's (its
    /// files, no data, open without a key; <see cref="WebUiTests"/>).
    /// </summary>
    private static readonly string[] UnknownPaths = ["/api", "/api/other", "/API/other", "/apix", "/metrics/extra", "/metricsx", "/api/multi-asset-x/status"];

    /// <summary>Request bodies that a role allowed to call the route can act on (others get <c>{}</c>).</summary>
    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal)
    {
        ["/api/multi-asset/strategies"] = SeedExamples.InAccount("matrix-ct", OwnAccount),
        ["/api/multi-asset/strategies/validate"] = SeedExamples.InAccount("matrix-draft", OwnAccount),
        ["/api/multi-asset/optimize"] = SeedExamples.Optimize,
        ["/api/multi-asset/rebalance"] = """{ "strategy": "matrix-absent", "weights": {} }""",
        ["/api/multi-asset/execution/preview"] = SeedExamples.Preview,
        ["/api/multi-asset/kill-switch"] = $$"""{ "account": "{{OwnAccount}}", "on": false }""",
        ["/api/multi-asset/orders/batch"] = $$"""{ "orders": [ { "account": "{{OwnAccount}}", "symbol": "BTCUSD", "side": "Buy", "quantity": 0.01 } ] }""",
    };

    private ControlTestServer S => fixture.Server;

    public enum Spelling
    {
        /// <summary>As mapped (lower case for REST; the proto's spelling for gRPC).</summary>
        AsMapped,
        Lower,
        Upper,
        Mixed,
        PerSegment,
    }

    [Fact]
    public void Routes_IncludeEveryKindThisMatrixChecks()
    {
        var patterns = RestRoutes().Select(r => r.Pattern).ToList();

        Assert.Contains("/metrics", patterns);
        Assert.Contains("/api/multi-asset/risk/analysis", patterns);
        Assert.Contains("/api/multi-asset/kill-switch", patterns);
        Assert.True(patterns.Count >= 18, string.Join(", ", patterns));
        Assert.Contains(GrpcRoutes(), r => r.Pattern == "/multiasset.control.v1.Control/GetRisk");
        Assert.Contains(GrpcRoutes(), r => r.Anonymous);
    }

    [Fact]
    public async Task EveryRestRoute_InEverySpelling_AnswersWhatTheKeyAllows()
    {
        var failures = new List<string>();
        var requests = 0;
        var targets = RestRoutes().Select(r => (r.Method, Path: (Func<Spelling, string>)(s => PathOf(r.Parts, s)), r.Pattern, Known: true))
            .Concat(UnknownPaths.Select(p => ("GET", (Func<Spelling, string>)(s => Spell(p, s)), p, Known: false)));
        foreach (var (method, path, pattern, known) in targets)
        {
            foreach (var spelling in Enum.GetValues<Spelling>())
            {
                foreach (var identity in Identities)
                {
                    var url = path(spelling);
                    using var request = new HttpRequestMessage(new HttpMethod(method), url);
                    if (identity.Key is not null)
                    {
                        request.Headers.Add("X-Api-Key", identity.Key);
                    }

                    if (method is "POST" or "PUT" && known)
                    {
                        request.Content = new StringContent(Bodies.GetValueOrDefault(pattern, "{}"), new MediaTypeHeaderValue("application/json"));
                    }

                    using var response = await S.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    requests++;
                    var status = (int)response.StatusCode;
                    var expected = Expected(method, pattern, known, identity);
                    var body = await ReadAsync(response);
                    if (!expected.Contains(status) || status >= 500)
                    {
                        failures.Add($"{identity.Name} {method} {url}: {status}, expected {string.Join("/", expected)}: {Shorten(body)}");
                    }
                    else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add($"{identity.Name} {method} {url}: {status} is not problem+json ({response.Content.Headers.ContentType})");
                    }
                    else if (status == 200 && identity.Scoped && OtherAccountsIn(body) is { Count: > 0 } leaked)
                    {
                        failures.Add($"{identity.Name} {method} {url}: shows other accounts {string.Join(", ", leaked)}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} answers wrong:\n{string.Join("\n", failures.Take(60))}");
        Assert.True(requests > 500, $"only {requests} requests");
    }

    [Fact]
    public async Task EveryGrpcMethod_InEverySpelling_AnswersWhatTheKeyAllows()
    {
        using var http2 = new HttpClient(new SocketsHttpHandler())
        {
            BaseAddress = S.Server.GrpcAddress,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var failures = new List<string>();
        var calls = 0;
        foreach (var route in GrpcRoutes())
        {
            foreach (var spelling in new[] { Spelling.AsMapped, Spelling.Lower, Spelling.Upper })
            {
                foreach (var identity in Identities)
                {
                    var path = PathOf(route.Parts, spelling);
                    var expected = ExpectedGrpc(route, identity);
                    var status = await CallAsync(http2, path, identity.Key, route.Streaming, refusalExpected: !expected.Contains(StatusCode.OK));
                    calls++;
                    // Another spelling of a real method either reaches it (routing ignores case) or no method at all.
                    var alsoFine = spelling != Spelling.AsMapped && route.Method is not null
                        ? identity.Key is null || identity.Role is null ? [StatusCode.Unauthenticated] : new[] { StatusCode.Unimplemented }
                        : [];
                    if (!expected.Contains(status) && !alsoFine.Contains(status))
                    {
                        failures.Add($"{identity.Name} {path}: {status}, expected {string.Join("/", expected)}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls wrong:\n{string.Join("\n", failures.Take(60))}");
    }

    [Fact]
    public async Task ScopedKey_RiskAnalysis_ShowsOnlyItsAccounts_NotGlobalCountersOrOtherHalts()
    {
        // Another account halted, with a refused order on its books; and one order checked on the scoped key's account.
        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/kill-switch", json: $$"""{ "account": "{{OtherAccount}}", "on": true }"""), HttpStatusCode.OK);
        try
        {
            await S.SendAsync(HttpMethod.Post, "/orders/batch", json: $$"""{ "orders": [ { "account": "{{OtherAccount}}", "symbol": "EURUSD", "side": "Buy", "quantity": 1000 } ] }""");
            await S.SendAsync(HttpMethod.Post, "/orders/batch", json: $$"""{ "orders": [ { "account": "{{OwnAccount}}", "symbol": "BTCUSD", "side": "Buy", "quantity": 0.01 } ] }""");
            var global = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, "/risk/analysis"), HttpStatusCode.OK);
            Assert.Contains(OtherAccount, global.GetProperty("haltedAccounts").EnumerateArray().Select(a => a.GetString()));
            var globalChecked = Total(global.GetProperty("verdicts"));
            var ownChecked = global.GetProperty("accounts").EnumerateArray().Where(a => a.GetProperty("account").GetString() == OwnAccount).Sum(a => Total(a.GetProperty("verdicts")));
            Assert.True(globalChecked > ownChecked, $"the set-up should give other accounts verdicts too ({globalChecked} vs {ownChecked})");

            foreach (var path in new[] { "/risk/analysis", "/RISK/ANALYSIS", "/Risk/Analysis", $"/risk/analysis?account={OwnAccount}" })
            {
                var scoped = await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Get, path, ControlTestServer.ScopedTraderKey), HttpStatusCode.OK);
                Assert.Equal(JsonValueKind.Object, scoped.ValueKind);     // the same shape as an unscoped key's, not one report per account
                var report = scoped;
                Assert.Empty(report.GetProperty("haltedAccounts").EnumerateArray());
                var account = Assert.Single(report.GetProperty("accounts").EnumerateArray());
                Assert.Equal(OwnAccount, account.GetProperty("account").GetString());
                Assert.Equal(ownChecked, Total(report.GetProperty("verdicts")));
                Assert.Equal(
                    global.GetProperty("verdicts").EnumerateObject().Select(v => v.Name).Order(StringComparer.Ordinal),
                    report.GetProperty("verdicts").EnumerateObject().Select(v => v.Name).Order(StringComparer.Ordinal));
            }
        }
        finally
        {
            await S.SendAsync(HttpMethod.Post, "/kill-switch", json: $$"""{ "account": "{{OtherAccount}}", "on": false }""");
        }
    }

    [Fact]
    public async Task ScopedKey_GrpcRisk_ShowsNoOtherAccountsHalt()
    {
        await ProblemAssert.IsJson(await S.SendAsync(HttpMethod.Post, "/kill-switch", json: $$"""{ "account": "{{OtherAccount}}", "on": true }"""), HttpStatusCode.OK);
        try
        {
            var reply = await S.Grpc.GetRiskAsync(new MultiAsset.Control.V1.AccountRequest(), ControlTestServer.Key(ControlTestServer.ScopedTraderKey));

            Assert.DoesNotContain(OtherAccount, reply.Json, StringComparison.Ordinal);
            Assert.Contains(OwnAccount, reply.Json, StringComparison.Ordinal);
        }
        finally
        {
            await S.SendAsync(HttpMethod.Post, "/kill-switch", json: $$"""{ "account": "{{OtherAccount}}", "on": false }""");
        }
    }

    [Theory]
    [InlineData("/accounts/" + OtherAccount)]
    [InlineData("/allocation/" + OtherAccount)]
    [InlineData("/risk/analysis?account=" + OtherAccount)]
    public async Task ScopedKey_OnAnotherAccount_Is403_InEverySpelling(string path)
    {
        foreach (var spelling in Enum.GetValues<Spelling>())
        {
            var literal = path.Split(OtherAccount)[0];
            var spelled = Spell("/api/multi-asset" + literal, spelling) + path[literal.Length..];
            using var request = new HttpRequestMessage(HttpMethod.Get, spelled);
            request.Headers.Add("X-Api-Key", ControlTestServer.ScopedTraderKey);

            await ProblemAssert.IsProblem(await S.Http.SendAsync(request), HttpStatusCode.Forbidden);
        }
    }

    [Theory]
    [InlineData("/METRICS")]
    [InlineData("/Metrics")]
    [InlineData("/mEtRiCs")]
    [InlineData("/metrics/")]
    public async Task Metrics_AnySpelling_NeedsAnUnscopedKey(string path)
    {
        await ProblemAssert.IsProblem(await S.Http.GetAsync(path), HttpStatusCode.Unauthorized);
        foreach (var address in new[] { S.Server.RestAddress, S.Server.GrpcAddress })
        {
            // The gRPC listener speaks HTTP/2 only, but endpoint routing is shared: /metrics is reachable there too.
            var version = address == S.Server.RestAddress ? HttpVersion.Version11 : HttpVersion.Version20;
            HttpRequestMessage Get(string? key)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, path)) { Version = version, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
                return key is null ? request : WithKey(request, key);
            }

            using var anonymous = Get(null);
            await ProblemAssert.IsProblem(await S.Http.SendAsync(anonymous), HttpStatusCode.Unauthorized);
            using var scoped = Get(ControlTestServer.ScopedAdminKey);
            await ProblemAssert.IsProblem(await S.Http.SendAsync(scoped), HttpStatusCode.Forbidden);
            using var viewer = Get(ControlTestServer.ViewerKey);
            using var answer = await S.Http.SendAsync(viewer);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("mae_", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_OtherVerbs_Are405()
    {
        var response = await S.Http.SendAsync(WithKey(new HttpRequestMessage(HttpMethod.Post, "/metrics"), ControlTestServer.ViewerKey));

        await ProblemAssert.IsProblem(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task GrpcHealth_IsOpenWithoutAKey_ButReflectionIsNot()
    {
        using var http2 = new HttpClient { BaseAddress = S.Server.GrpcAddress, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        Assert.Equal(StatusCode.OK, await CallAsync(http2, "/grpc.health.v1.Health/Check", null, streaming: false));
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(http2, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", null, streaming: true, refusalExpected: true));
    }

    /// <summary>The body; of an event stream (which never ends), its first event's data.</summary>
    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return await response.Content.ReadAsStringAsync();
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line["data: ".Length..];
            }
        }

        return string.Empty;
    }

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string key)
    {
        request.Headers.Add("X-Api-Key", key);
        return request;
    }

    private static long Total(JsonElement verdicts) => verdicts.EnumerateObject().Sum(v => v.Value.GetInt64());

    /// <summary>The answers a REST request should get.</summary>
    private static int[] Expected(string method, string pattern, bool known, Identity identity)
    {
        // The one REST endpoint open without a key, on purpose: readiness, nothing about accounts (any other endpoint
        // that answers without a key fails this matrix).
        if (known && method == "GET" && pattern.Equals("/health", StringComparison.OrdinalIgnoreCase))
        {
            return [200];
        }

        if (identity.Role is not { } role)
        {
            return [401];
        }

        if (!known || pattern.Contains("{*", StringComparison.Ordinal))
        {
            return [404];
        }

        if (role < RequiredRole(method, pattern))
        {
            // A write the role may not make: 403, or 400 when the request is malformed anyway (the matrix sends a body
            // to every write, and endpoints that take none refuse it first) — never done.
            return method == "GET" ? [403] : [403, 400];
        }

        if (identity.Scoped && CrossAccount(pattern))
        {
            return [403];
        }

        if (method == "GET")
        {
            // The matrix's ids do not exist; an order id must be a number ("matrix-absent" is a 400 naming id).
            // Reports read the audit trail, which the matrix's engine (no journal) does not keep: 409 once authorised.
            if (pattern.EndsWith("/reports/{kind}", StringComparison.Ordinal))
            {
                return [409];
            }

            return pattern.Contains("/strategies/{id}", StringComparison.Ordinal) || pattern.Contains("/backtests/{id}", StringComparison.Ordinal) ? [404] : pattern.EndsWith("/orders/{id}", StringComparison.Ordinal) ? [400] : [200];
        }

        // Writes: done, or refused for what they ask (the matrix's ids do not exist, the strategy exists after the first).
        return [200, 201, 400, 404, 409, 422];
    }

    private static ControlRole RequiredRole(string method, string pattern)
        => pattern.EndsWith("/kill-switch", StringComparison.Ordinal) ? ControlRole.Admin : method == "GET" ? ControlRole.Viewer : ControlRole.Trader;

    private static bool CrossAccount(string pattern)
        => pattern is "/metrics" || pattern.EndsWith("/conflicts", StringComparison.Ordinal) || pattern.EndsWith("/execution/quality", StringComparison.Ordinal);

    /// <summary>The gRPC statuses a call with an empty request message should get.</summary>
    private static StatusCode[] ExpectedGrpc(GrpcRoute route, Identity identity)
    {
        if (route.Anonymous)
        {
            // gRPC health, including its own "no such method" endpoint.
            return route.Method is null ? [StatusCode.Unimplemented] : [StatusCode.OK];
        }

        if (identity.Role is not { } role)
        {
            return [StatusCode.Unauthenticated];
        }

        if (route.Method is not { } method)
        {
            return [StatusCode.Unimplemented];
        }

        if (route.Service != "multiasset.control.v1.Control")
        {
            return [StatusCode.OK];
        }

        var required = method == "SetKillSwitch" ? ControlRole.Admin
            : method.StartsWith("Get", StringComparison.Ordinal) || method.StartsWith("List", StringComparison.Ordinal) || method.StartsWith("Watch", StringComparison.Ordinal) ? ControlRole.Viewer
            : ControlRole.Trader;
        // An empty SetKillSwitch names no account: the global switch, which spans accounts.
        if (role < required || (identity.Scoped && method is "GetConflicts" or "GetExecutionQuality" or "SetKillSwitch"))
        {
            return [StatusCode.PermissionDenied];
        }

        // Done, or refused for what the empty message asks (no id, no JSON, …) — never refused for the key.
        return [StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.FailedPrecondition];
    }

    /// <summary>
    /// One raw gRPC call (an empty request message) over HTTP/2; the status from a trailers-only answer, the trailers,
    /// or OK for a stream that started (its status would only come when it ends).
    /// </summary>
    private static async Task<StatusCode> CallAsync(HttpClient http2, string path, string? key, bool streaming, bool refusalExpected = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(new byte[5]),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.ParseAdd("trailers");
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        // A stream that got past the gate may send its headers only with its first update (fills send none at first);
        // a refusal is immediate, so a stream still silent after a second is running. Where a refusal is expected, wait
        // much longer before calling the silence "running" (a loaded machine may take more than a second to refuse).
        var silentAfter = refusalExpected ? TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(1);
        using var silent = new CancellationTokenSource(streaming ? silentAfter : Timeout.InfiniteTimeSpan);
        HttpResponseMessage response;
        try
        {
            response = await http2.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, silent.Token);
        }
        catch (OperationCanceledException) when (streaming && silent.IsCancellationRequested)
        {
            return StatusCode.OK;
        }

        using var disposing = response;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (response.Headers.TryGetValues("grpc-status", out var early))
        {
            return (StatusCode)int.Parse(early.Single(), CultureInfo.InvariantCulture);
        }

        if (streaming)
        {
            return StatusCode.OK;
        }

        await response.Content.ReadAsByteArrayAsync();
        return (StatusCode)int.Parse(response.TrailingHeaders.GetValues("grpc-status").Single(), CultureInfo.InvariantCulture);
    }

    /// <summary>Accounts other than the scoped key's named in an answer (<c>account</c> properties, <c>haltedAccounts</c>).</summary>
    private static List<string> OtherAccountsIn(string json)
    {
        var found = new List<string>();
        if (json.Length == 0 || json[0] is not ('{' or '['))
        {
            return found;
        }

        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement, found);
        return found;

        static void Walk(JsonElement element, List<string> found)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, found);
                }
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "account" && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() != OwnAccount)
                    {
                        found.Add(property.Value.GetString()!);
                    }
                    else if (property.Name is "haltedAccounts")
                    {
                        found.AddRange(property.Value.EnumerateArray().Select(a => a.GetString()!).Where(a => a != OwnAccount));
                    }
                    else
                    {
                        Walk(property.Value, found);
                    }
                }
            }
        }
    }

    private IEnumerable<Endpoint> Endpoints => S.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints;

    private List<RestRoute> RestRoutes()
        => [.. Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsGrpc(e))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new RestRoute(m, e.RoutePattern.RawText ?? "", e.RoutePattern)))
            .Select(r => r with { Pattern = "/" + r.Pattern.TrimStart('/') })];

    private List<GrpcRoute> GrpcRoutes()
        => [.. Endpoints.OfType<RouteEndpoint>().Where(IsGrpc).Select(e =>
        {
            var method = e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method;
            return new GrpcRoute(
                "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'),
                e.RoutePattern,
                method?.ServiceName,
                method?.Name,
                method is { Type: not MethodType.Unary },
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null);
        })];

    private static bool IsGrpc(RouteEndpoint endpoint)
        => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is not null || (endpoint.DisplayName ?? "").StartsWith("gRPC", StringComparison.Ordinal);

    /// <summary>A concrete path for a route: literal segments spelled as asked, parameters given fixed values.</summary>
    private static string PathOf(RoutePattern pattern, Spelling spelling)
    {
        var accountRoute = pattern.RawText?.Contains("/accounts/", StringComparison.Ordinal) == true;
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => Spell(literal.Content, spelling),
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => parameter.Name switch
            {
                "id" => accountRoute ? OwnAccount : "matrix-absent",
                "portfolioId" => OwnAccount,
                "kind" => "positions",
                "unimplementedService" => "no.such.Service",
                "unimplementedMethod" => "NoSuchMethod",
                _ => "no-such-thing",
            },
            _ => string.Empty,
        })));
        return "/" + string.Join('/', segments);
    }

    private static string Spell(string text, Spelling spelling) => spelling switch
    {
        Spelling.Lower => text.ToLowerInvariant(),
        Spelling.Upper => text.ToUpperInvariant(),
        Spelling.Mixed => string.Concat(text.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))),
        Spelling.PerSegment => string.Join('/', text.Split('/').Select(s => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..])),
        _ => text,
    };

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private sealed record Identity(string Name, string? Key, ControlRole? Role, bool Scoped);

    private sealed record RestRoute(string Method, string Pattern, RoutePattern Parts);

    private sealed record GrpcRoute(string Pattern, RoutePattern Parts, string? Service, string? Method, bool Streaming, bool Anonymous);
}
