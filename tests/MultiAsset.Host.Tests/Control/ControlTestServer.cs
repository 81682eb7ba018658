using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Portfolio.Optimization;
using MultiAsset.Engine.Ring;
using MultiAsset.Host.Control;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Metrics;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Tests.Control;

/// <summary>
/// A real engine (EngineRuntime, chained layout, no feeds, the shipped accounts/risk/instruments) with the control
/// server on free loopback ports; or the server over a fake <see cref="IEngineCommands"/>.
/// </summary>
public sealed class ControlTestServer : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key";
    public const string ViewerKey = "test-viewer-key";
    public const string TraderKey = "test-trader-key";
    public const string ScopedTraderKey = "test-crypto-tech-trader-key";
    public const string ScopedAdminKey = "test-crypto-tech-admin-key";

    private static readonly string ConfigDirectory = Path.Combine(AppContext.BaseDirectory, "config");

    private readonly EngineRuntime? engine;
    private readonly GrpcChannel channel;

    private ControlTestServer(EngineRuntime? engine, ControlServer server, EngineMetrics? metrics = null, SimulatedClock? clock = null)
    {
        this.engine = engine;
        Metrics = metrics;
        Clock = clock;
        Server = server;
        Http = new HttpClient { BaseAddress = server.RestAddress, Timeout = TimeSpan.FromSeconds(30) };
        channel = GrpcChannel.ForAddress(server.GrpcAddress);
        Grpc = new MultiAsset.Control.V1.Control.ControlClient(channel);
    }

    public ControlServer Server { get; }

    /// <summary>The metrics (only with <c>StartWithEngineAsync(metrics: true)</c>).</summary>
    public EngineMetrics? Metrics { get; }

    /// <summary>The engine's clock (only with <c>StartWithEngineAsync(metrics: true)</c>).</summary>
    public SimulatedClock? Clock { get; }

    /// <summary>The real engine (null over a fake).</summary>
    public EngineRuntime? Engine => engine;

    public HttpClient Http { get; }

    public MultiAsset.Control.V1.Control.ControlClient Grpc { get; }

    public static ControlConfig Config(TimeSpan? timeout = null) => new(
        true,
        new IPEndPoint(IPAddress.Loopback, 0),
        new IPEndPoint(IPAddress.Loopback, 0),
        timeout ?? TimeSpan.FromSeconds(10),
        [
            new ApiKeyEntry("admin", ApiKeyHasher.Hash(AdminKey), ControlRole.Admin, null),
            new ApiKeyEntry("viewer", ApiKeyHasher.Hash(ViewerKey), ControlRole.Viewer, null),
            new ApiKeyEntry("trader", ApiKeyHasher.Hash(TraderKey), ControlRole.Trader, null),
            new ApiKeyEntry("ct-trader", ApiKeyHasher.Hash(ScopedTraderKey), ControlRole.Trader, ["crypto-tech"]),
            new ApiKeyEntry("ct-admin", ApiKeyHasher.Hash(ScopedAdminKey), ControlRole.Admin, ["crypto-tech"]),
        ]);

    /// <summary>The server in front of a real, running engine.</summary>
    public static async Task<ControlTestServer> StartWithEngineAsync(bool metrics = false)
    {
        var json = """
            { "pipeline": { "rings": [ { "name": "input", "size": 65536, "producer": "Multi" }, { "name": "intents", "size": 65536 }, { "name": "orders", "size": 65536 } ],
                            "threads": [ { "name": "e", "stages": ["engine"] } ] },
              "marketData": { "instruments": "instruments.json", "feeds": [ { "type": "csv", "files": ["FEED"] } ] },
              "accounts": "accounts.json", "risk": "risk.json", "coordination": "coordination.json" }
            """;
        // The feed is never run (the tests drive the engine through commands only); the config needs one.
        // One file per server: test classes start servers in parallel, and a shared file could be read while another rewrites it.
        var feed = Path.Combine(Path.GetTempPath(), $"mae-control-test-quotes-{Guid.NewGuid():N}.csv");
        File.WriteAllText(feed, "timestamp,symbol,price,size\n");
        json = json.Replace("FEED", feed, StringComparison.Ordinal);
        if (metrics)
        {
            // Live views need fills: the shipped paper venues.
            json = json.Replace("\"coordination\": \"coordination.json\"", "\"coordination\": \"coordination.json\", \"venues\": \"venues.json\"", StringComparison.Ordinal);
        }

        var config = HostConfig.Parse(json, "control-test.json", name => InstrumentCatalogLoader.Load(Path.Combine(ConfigDirectory, name)), ConfigDirectory);
        // With metrics: a clock at a Monday 15:00 UTC (markets open) and the tick → order hook installed before the start.
        var clock = metrics ? new SimulatedClock(MondayAfternoon) : new SimulatedClock();
        var engine = EngineRuntime.Build(config, clock, new LoggingExceptionHandler());
        TickToOrderRecorder? recorder = null;
        if (metrics)
        {
            recorder = new TickToOrderRecorder(engine.Input, clock);
            engine.Stages.Risk.OrderObserved = recorder.Observe;
        }

        engine.Pipeline.Start();
        try
        {
            var controlConfig = Config();
            var commands = new EngineCommands(engine.Commands, controlConfig.CommandTimeout);
            // Backtest jobs beside the engine, as the host runs them (results and a small data file in a folder of their own).
            var service = new ControlService(commands, new CatalogAssetInfoLookup(config.MarketData.Catalog)) { Backtests = NewBacktests(), Alerts = new MultiAsset.Host.Control.Alerts.AlertMonitor() };
            if (!metrics)
            {
                return new ControlTestServer(engine, await ControlServer.StartAsync(controlConfig, service));
            }

            // A meter name per server: test classes run in parallel and each exporter must see only its own engine.
            var engineMetrics = new EngineMetrics(engine, commands, recorder, "MultiAsset.Engine.Test." + Guid.NewGuid().ToString("N"));
            return new ControlTestServer(engine, await ControlServer.StartAsync(controlConfig, service, engineMetrics), engineMetrics, clock);
        }
        catch
        {
            engine.Pipeline.Stop();
            engine.Dispose();
            throw;
        }
    }

    /// <summary>2026-03-02 15:00 UTC (a Monday; stock, FX and crypto markets open), in Unix nanoseconds.</summary>
    public static long MondayAfternoon { get; } = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    /// <summary>Publishes a quote into the engine's input ring, stamped with the clock (as a live feed does).</summary>
    public void PublishQuote(string symbol, double bid, double ask)
    {
        var ring = engine!.Input;
        var id = engine.Stages.Accounts.Book.Catalog.TryGet(symbol, out var instrument) ? instrument.Id : throw new ArgumentException(symbol);
        var sequence = ring.Next();
        ring[sequence].SetQuote(id, Clock?.NowNanoseconds ?? 0, Price.FromDouble(bid), Price.FromDouble(ask), Quantity.FromDouble(1_000), Quantity.FromDouble(1_000));
        ring.Publish(sequence);
    }

    /// <summary>The server over a fake engine.</summary>
    public static async Task<ControlTestServer> StartWithFakeAsync(IEngineCommands commands)
        => new(null, await ControlServer.StartAsync(Config(), new ControlService(commands)));

    /// <summary>The server over a fake engine with <paramref name="config"/> (e.g. a small rate limit).</summary>
    public static async Task<ControlTestServer> StartWithFakeAsync(IEngineCommands commands, ControlConfig config)
        => new(null, await ControlServer.StartAsync(config, new ControlService(commands)));

    public static HttpRequestMessage Request(HttpMethod method, string path, string? key = AdminKey, string? json = null)
    {
        var request = new HttpRequestMessage(method, "/api/multi-asset" + path);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, new MediaTypeHeaderValue("application/json"));
        }

        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key = AdminKey, string? json = null)
        => Http.SendAsync(Request(method, path, key, json));

    public static Metadata Key(string key) => new() { { "x-api-key", key } };

    /// <summary>The folder backtest jobs run in: relative paths of a spec (e.g. <see cref="BacktestBarsFile"/>) resolve here.</summary>
    public static string BacktestFolder { get; } = Directory.CreateTempSubdirectory("mae-control-backtests-").FullName;

    /// <summary>A one-day file of BTCUSD minute bars in <see cref="BacktestFolder"/> that a valid job spec can name.</summary>
    public const string BacktestBarsFile = "btc-bars.csv";

    private static MultiAsset.Host.Backtesting.BacktestJobs NewBacktests()
    {
        if (!File.Exists(Path.Combine(BacktestFolder, BacktestBarsFile)))
        {
            Backtesting.BacktestFixtures.WriteBars(BacktestFolder, 1440, BacktestBarsFile);
        }

        return new MultiAsset.Host.Backtesting.BacktestJobs(Path.Combine(BacktestFolder, "results"), BacktestFolder);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        channel.Dispose();
        await Server.StopAsync();
        await Server.DisposeAsync();
        if (Metrics is not null)
        {
            await Metrics.DisposeAsync();
        }

        if (engine is not null)
        {
            engine.Pipeline.Stop();
            engine.Dispose();
        }
    }
}
