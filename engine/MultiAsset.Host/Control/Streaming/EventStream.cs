using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Rest;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Streaming;

/// <summary>
/// <c>GET /api/multi-asset/stream</c>: the browser's one push stream, as Server-Sent Events. Each topic's data is
/// exactly what the matching REST read returns for this caller (the same <see cref="ControlService"/> call, so the same
/// roles and account scope; queries, never journalled), sent only when it changed since the last send on this stream.
/// </summary>
/// <remarks>
/// <para>Query: <c>interval</c> (ms, 250..60 000, default 1 000) and <c>account</c> (the reads that take one are cut to
/// it). Events: <c>hello</c> first (<see cref="Hello"/>), then one per topic that changed; every event has an
/// <c>id:</c> counting the events of this stream; <c>: keepalive</c> after 15 s without one; <c>meta</c>
/// (<c>{"dropped": N, "totalDropped": M}</c>) before the next event when a slow client lost some; <c>error</c> (a
/// problem) as the last event when a read fails after the start (the engine stopping).</para>
/// <para>Topics the key may not read (conflicts and execution quality span accounts: unscoped keys only) are left out
/// and named in <c>hello.omitted</c>. Per-topic minimum periods bound the heavy reads: risk every 2 s at most,
/// correlation every 5 s.</para>
/// <para>Back-pressure is <see cref="PollingPump"/>'s: the engine sees one round of reads per interval whatever the
/// client does; a client that does not read loses the oldest events, counted. The stream ends when the client goes or
/// the host stops. The key travels in the <c>X-Api-Key</c> header only (the browser reads the stream with
/// <c>fetch()</c>, which can send it); a key in the URL would end up in logs and history.</para>
/// </remarks>
internal static class EventStream
{
    /// <summary>The stream's path under the API prefix.</summary>
    public const string Path = "/stream";

    /// <summary>Default, smallest and largest interval (ms).</summary>
    public const int DefaultIntervalMs = 1_000, MinIntervalMs = 250, MaxIntervalMs = 60_000;

    /// <summary>A comment line after this long without an event (proxies and browsers keep the connection).</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>Identifies this host process (a browser that sees it change knows the host restarted).</summary>
    public static readonly Guid Instance = Guid.NewGuid();

    private static readonly DateTimeOffset StartedAt = new(Process.GetCurrentProcess().StartTime.ToUniversalTime());

    /// <summary>The topics, in the order a round reads them.</summary>
    internal static readonly IReadOnlyList<Topic> Topics =
    [
        new("status", TimeSpan.Zero, _ => true, (s, c, a, t) => s.StatusAsync(c, t)),
        new("accounts", TimeSpan.Zero, _ => true, (s, c, a, t) => s.AccountsAsync(c, a, t)),
        new("strategies", TimeSpan.Zero, _ => true, (s, c, a, t) => s.ListStrategiesAsync(c, t)),
        new("performance", TimeSpan.Zero, _ => true, (s, c, a, t) => s.StrategyPerformanceAsync(c, a, t)),
        new("orders", TimeSpan.Zero, _ => true, (s, c, a, t) => s.OrdersAsync(c, new OrderFilterText(Account: a, Limit: "200"), t)),
        new("fills", TimeSpan.Zero, _ => true, (s, c, a, t) => s.FillsAsync(c, new OrderFilterText(Account: a, Limit: "200"), t)),
        new("conflicts", TimeSpan.Zero, c => !c.Scoped, (s, c, a, t) => s.ConflictsAsync(c, null, t)),
        new("execution", TimeSpan.Zero, c => !c.Scoped, (s, c, a, t) => s.ExecutionQualityAsync(c, t)),
        new("risk", TimeSpan.FromSeconds(2), _ => true, (s, c, a, t) => s.RiskAsync(c, a, t)),
        new("correlation", TimeSpan.FromSeconds(5), _ => true, (s, c, a, t) => s.CorrelationAsync(c, null, t)),
        new("alerts", TimeSpan.Zero, _ => true, (s, c, a, t) => s.AlertsAsync(c, null, a, t)),
    ];

    /// <summary>Serves one stream (the endpoint's handler).</summary>
    public static async Task ServeAsync(HttpContext context, ControlService service)
    {
        if (ControlEndpoints.CheckQuery(context, "interval", "account") is { } badQuery)
        {
            await ControlEndpoints.Write(context, badQuery).ConfigureAwait(false);
            return;
        }

        var intervalText = ControlEndpoints.Query(context, "interval");
        var interval = DefaultIntervalMs;
        if (intervalText is not null && (!int.TryParse(intervalText, NumberStyles.None, CultureInfo.InvariantCulture, out interval) || interval is < MinIntervalMs or > MaxIntervalMs))
        {
            await ControlEndpoints.Write(context, ControlResult.Fail(400, $"interval must be a whole number of milliseconds from {MinIntervalMs} to {MaxIntervalMs} but is '{intervalText}'.", "interval")).ConfigureAwait(false);
            return;
        }

        var caller = ApiKeyMiddleware.CallerOf(context);
        var account = ControlEndpoints.Query(context, "account");
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var topics = Topics.Where(t => t.Allowed(caller)).ToList();
        var poller = new Poller(service, caller, account, topics, TimeSpan.FromMilliseconds(interval));
        var first = await poller.PollAsync(ended.Token).ConfigureAwait(false);
        if (first.Problem is { } problem)
        {
            await ProblemWriter.WriteAsync(context, problem).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        long id = 0;
        long totalDropped = 0;
        async Task Send(Event e)
        {
            await response.WriteAsync($"id: {++id}\nevent: {e.Name}\ndata: {e.Json}\n\n", ended.Token).ConfigureAwait(false);
            await response.Body.FlushAsync(ended.Token).ConfigureAwait(false);
        }

        try
        {
            var end = await PollingPump.RunAsync(
                [new Event("hello", Hello(caller, account, interval, topics)), .. first.Updates],
                poller.PollAsync,
                TimeSpan.FromMilliseconds(interval),
                async (e, dropped) =>
                {
                    if (dropped > 0)
                    {
                        totalDropped += dropped;
                        await Send(new Event("meta", new JsonObject { ["dropped"] = dropped, ["totalDropped"] = totalDropped }.ToJsonString())).ConfigureAwait(false);
                    }

                    await Send(e).ConfigureAwait(false);
                },
                ended.Token,
                async () =>
                {
                    await response.WriteAsync(": keepalive\n\n", ended.Token).ConfigureAwait(false);
                    await response.Body.FlushAsync(ended.Token).ConfigureAwait(false);
                },
                KeepAlive).ConfigureAwait(false);
            if (end is not null)
            {
                await Send(new Event("error", ProblemWriter.ProblemJson(end, null))).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            // The client went away or the host is stopping: the stream simply ends.
        }
    }

    /// <summary>
    /// The first event: <c>{ instance, startedAt, caller, role, accounts (the key's scope, null = all), account (the
    /// stream's filter, if any), canTrade, canAdmin, intervalMs, topics, omitted, minPeriodsMs }</c>.
    /// </summary>
    private static string Hello(ControlCaller caller, string? account, int interval, List<Topic> topics)
    {
        var hello = new JsonObject
        {
            ["instance"] = Instance.ToString(),
            ["startedAt"] = StartedAt.ToString("O", CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in ControlService.CallerJson(caller))
        {
            hello[name] = value?.DeepClone();
        }

        hello["account"] = account;
        hello["intervalMs"] = interval;
        hello["topics"] = new JsonArray([.. topics.Select(t => (JsonNode)t.Name)]);
        hello["omitted"] = new JsonArray([.. Topics.Except(topics).Select(t => (JsonNode)t.Name)]);
        hello["minPeriodsMs"] = new JsonObject(topics.Where(t => t.MinPeriod > TimeSpan.Zero).Select(t => KeyValuePair.Create(t.Name, (JsonNode?)(int)t.MinPeriod.TotalMilliseconds)));
        return hello.ToJsonString(ResultJson.Options);
    }

    /// <summary>One topic: its event name, the least time between two reads, who may read it, and the read.</summary>
    internal sealed record Topic(string Name, TimeSpan MinPeriod, Func<ControlCaller, bool> Allowed, Func<ControlService, ControlCaller, string?, CancellationToken, Task<ControlResult>> Read);

    /// <summary>One event: its name and data (JSON on one line).</summary>
    internal readonly record struct Event(string Name, string Json);

    /// <summary>One stream's reads: the topics due this round, each sent only when its answer changed.</summary>
    private sealed class Poller(ControlService service, ControlCaller caller, string? account, List<Topic> topics, TimeSpan interval)
    {
        private readonly Dictionary<string, string> previous = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> lastRead = new(StringComparer.Ordinal);

        public async Task<PollingPump.Polled<Event>> PollAsync(CancellationToken cancellationToken)
        {
            var now = Stopwatch.GetTimestamp();
            var events = new List<Event>();
            foreach (var topic in topics)
            {
                // Due when a period has passed (half an interval early is on time: the timer's ticks jitter).
                var period = topic.MinPeriod > interval ? topic.MinPeriod : interval;
                if (lastRead.TryGetValue(topic.Name, out var last) && Stopwatch.GetElapsedTime(last, now) < period - (interval / 2))
                {
                    continue;
                }

                lastRead[topic.Name] = now;
                var result = await topic.Read(service, caller, account, cancellationToken).ConfigureAwait(false);
                if (result.Problem is { } problem)
                {
                    return new(problem with { Detail = $"{topic.Name}: {problem.Detail}" }, []);
                }

                var json = result.Json ?? "null";
                if (previous.TryGetValue(topic.Name, out var sent) && sent == json)
                {
                    continue;
                }

                previous[topic.Name] = json;
                events.Add(new Event(topic.Name, json));
            }

            return new(null, events);
        }
    }
}
