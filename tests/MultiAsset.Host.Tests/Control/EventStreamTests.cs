using System.Net;
using System.Text.Json;

namespace MultiAsset.Host.Tests.Control;

/// <summary>
/// <c>GET /stream</c> (Server-Sent Events) read by a real HTTP client against a running engine: the first events, the
/// data equal to the REST reads, role and scope, change-only sends, bad requests.
/// </summary>
public class EventStreamTests(MetricsServerFixture fixture) : IClassFixture<MetricsServerFixture>
{
    private static readonly string[] AllTopics = ["status", "accounts", "strategies", "performance", "orders", "fills", "conflicts", "execution", "risk", "correlation", "alerts"];

    private ControlTestServer S => fixture.Server;

    [Fact]
    public async Task FirstEvents_AreHelloThenEveryTopic_EachEqualToItsRestRead()
    {
        await using var stream = await SseClient.OpenAsync(S, "/stream?interval=1000", ControlTestServer.ViewerKey);
        Assert.Equal("text/event-stream", stream.ContentType);
        Assert.Equal("no-cache", stream.CacheControl);

        var hello = await stream.NextAsync();
        Assert.Equal(("hello", 1L), (hello.Name, hello.Id));
        var data = JsonDocument.Parse(hello.Data).RootElement;
        Assert.Equal(MultiAsset.Host.Control.Streaming.EventStream.Instance.ToString(), data.GetProperty("instance").GetString());
        Assert.Equal("viewer", data.GetProperty("caller").GetString());
        Assert.Equal("viewer", data.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("accounts").ValueKind);
        Assert.Equal(1000, data.GetProperty("intervalMs").GetInt32());
        Assert.Equal(AllTopics, data.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Empty(data.GetProperty("omitted").EnumerateArray());

        var first = new Dictionary<string, SseEvent>();
        for (var n = 0; n < AllTopics.Length; n++)
        {
            var e = await stream.NextAsync();
            Assert.Equal(n + 2, e.Id);
            first[e.Name] = e;
        }

        Assert.Equal(AllTopics.Order(), first.Keys.Order());
        // The same reads as REST for this caller (the engine has no feed: nothing moves between the two reads).
        Assert.Equal(await Rest("/accounts"), first["accounts"].Data);
        Assert.Equal(await Rest("/risk/correlation"), first["correlation"].Data);
        Assert.Equal(await Rest("/conflicts"), first["conflicts"].Data);
        Assert.Equal(await Rest("/orders?limit=200"), first["orders"].Data);
        Assert.Equal(await Rest("/fills?limit=200"), first["fills"].Data);
        Assert.Equal(await Rest("/strategies/performance"), first["performance"].Data);
    }

    [Fact]
    public async Task SendsOnlyWhatChanged_AnOrderBringsOrdersAndFills_NotStatus()
    {
        await using var stream = await SseClient.OpenAsync(S, "/stream?interval=250&account=crypto-tech", ControlTestServer.AdminKey);
        var firstRound = await stream.TakeAsync(1 + AllTopics.Length);
        Assert.Equal("crypto-tech", JsonDocument.Parse(firstRound[0].Data).RootElement.GetProperty("account").GetString());

        S.PublishQuote("ETHUSD", 3_000, 3_001);
        var order = await S.SendAsync(HttpMethod.Post, "/orders/batch", ControlTestServer.AdminKey, """{ "orders": [ { "account": "crypto-tech", "symbol": "ETHUSD", "side": "Buy", "quantity": 0.25 } ] }""");
        var reply = await order.Content.ReadAsStringAsync();
        Assert.True(order.IsSuccessStatusCode, reply);
        await LiveTestWaits.UntilFilledAsync(S, "crypto-tech", "ETHUSD", reply);
        var orderId = JsonDocument.Parse(await Rest("/orders?account=crypto-tech&limit=1")).RootElement[0].GetProperty("id").GetInt64();
        for (var n = 0; n < 100 && JsonDocument.Parse(await Rest($"/orders/{orderId}")).RootElement.GetProperty("status").GetString() != "filled"; n++)
        {
            S.Clock!.Advance(50_000_000);
            S.PublishQuote("ETHUSD", 3_000, 3_001);
            await Task.Delay(100);
        }

        var seen = new List<SseEvent>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        static bool Filled(SseEvent e, long id) => e.Name == "orders" && JsonDocument.Parse(e.Data).RootElement.EnumerateArray().Any(o => o.GetProperty("id").GetInt64() == id && o.GetProperty("status").GetString() == "filled");
        static decimal FillsOf(SseEvent e, long id) => JsonDocument.Parse(e.Data).RootElement.EnumerateArray().Where(f => f.GetProperty("orderId").GetInt64() == id).Sum(f => f.GetProperty("quantity").GetDecimal());
        while (!(seen.Any(e => Filled(e, orderId)) && seen.Any(e => e.Name == "fills" && FillsOf(e, orderId) == 0.25m)))
        {
            seen.Add(await stream.NextAsync(deadline.Token));
        }

        // Ids keep counting; status (strategy counts) did not change, so it is not sent again.
        Assert.Equal(Enumerable.Range(firstRound.Count + 1, seen.Count).Select(i => (long)i), seen.Select(e => e.Id));
        Assert.DoesNotContain(seen, e => e.Name is "status" or "hello");
        var orders = JsonDocument.Parse(seen.Last(e => e.Name == "orders").Data).RootElement;
        var newest = orders[0];
        Assert.Equal(orderId, newest.GetProperty("id").GetInt64());
        Assert.Equal("ETHUSD", newest.GetProperty("symbol").GetString());
        Assert.Equal(0.25m, newest.GetProperty("quantity").GetDecimal());
        Assert.All(orders.EnumerateArray(), o => Assert.Equal("crypto-tech", o.GetProperty("account").GetString()));
        Assert.Equal(0.25m, FillsOf(seen.Last(e => e.Name == "fills"), orderId));
    }

    [Fact]
    public async Task ScopedKey_GetsItsAccountsOnly_AndNoCrossAccountTopics()
    {
        await using var stream = await SseClient.OpenAsync(S, "/stream", ControlTestServer.ScopedTraderKey);

        var hello = JsonDocument.Parse((await stream.NextAsync()).Data).RootElement;
        Assert.Equal(["crypto-tech"], hello.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["conflicts", "execution"], hello.GetProperty("omitted").EnumerateArray().Select(a => a.GetString()));
        var topics = hello.GetProperty("topics").EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.Equal(AllTopics.Except(["conflicts", "execution"]), topics);

        var events = await stream.TakeAsync(topics.Count);
        Assert.Equal(topics.Order(), events.Select(e => e.Name).Order());
        var accounts = JsonDocument.Parse(events.Single(e => e.Name == "accounts").Data).RootElement;
        Assert.Equal(["crypto-tech"], accounts.EnumerateArray().Select(a => a.GetProperty("key").GetString()));
        Assert.Equal(await Rest("/accounts", ControlTestServer.ScopedTraderKey), events.Single(e => e.Name == "accounts").Data);
        Assert.Equal(await Rest("/risk/analysis", ControlTestServer.ScopedTraderKey), events.Single(e => e.Name == "risk").Data);
    }

    [Theory]
    [InlineData("/stream?interval=249", "interval")]
    [InlineData("/stream?interval=60001", "interval")]
    [InlineData("/stream?interval=fast", "interval")]
    [InlineData("/stream?apiKey=" + ControlTestServer.ViewerKey, "apiKey")]
    public async Task BadQuery_Is400ProblemJson(string path, string field)
        => await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, path, ControlTestServer.ViewerKey), HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task NoKey_Is401_AndAKeyInTheUrlIsNotAccepted()
    {
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/stream", null), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/stream?apiKey=" + ControlTestServer.ViewerKey, null), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnotherAccount_Is403_BeforeAnyEvent()
        => await ProblemAssert.IsProblem(await S.SendAsync(HttpMethod.Get, "/stream?account=fx-carry", ControlTestServer.ScopedTraderKey), HttpStatusCode.Forbidden);

    private async Task<string> Rest(string path, string key = ControlTestServer.ViewerKey)
    {
        using var response = await S.SendAsync(HttpMethod.Get, path, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}

/// <summary>One server-sent event.</summary>
public sealed record SseEvent(long Id, string Name, string Data);

/// <summary>A minimal Server-Sent Events reader over HttpClient (as a browser's fetch() + ReadableStream reads it).</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;

    private SseClient(HttpResponseMessage response, StreamReader reader)
    {
        this.response = response;
        this.reader = reader;
    }

    public string? ContentType => response.Content.Headers.ContentType?.MediaType;

    public string? CacheControl => response.Headers.CacheControl?.ToString();

    public static async Task<SseClient> OpenAsync(ControlTestServer server, string path, string key)
    {
        var response = await server.Http.SendAsync(ControlTestServer.Request(HttpMethod.Get, path, key), HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            // Only a refusal has a body that ends: reading a 200's body here would wait for the endless stream.
            Assert.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return new SseClient(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event (comments such as keepalives skipped).</summary>
    public async Task<SseEvent> NextAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        long id = 0;
        string? name = null;
        string? data = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("the stream ended");
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return new SseEvent(id, name ?? "message", data);
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (field, value) = colon < 0 ? (line, string.Empty) : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "id":
                    id = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "event":
                    name = value;
                    break;
                case "data":
                    data = data is null ? value : data + "\n" + value;
                    break;
            }
        }
    }

    public async Task<List<SseEvent>> TakeAsync(int count)
    {
        var events = new List<SseEvent>();
        for (var n = 0; n < count; n++)
        {
            events.Add(await NextAsync());
        }

        return events;
    }

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
