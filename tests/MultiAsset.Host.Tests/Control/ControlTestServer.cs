using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Portfolio.Optimization;
using MultiAsset.Engine.Ring;
using MultiAsset.Host.Control;
using MultiAsset.Host.Control.Application;
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

    private ControlTestServer(EngineRuntime? engine, ControlServer server)
    {
        this.engine = engine;
        Server = server;
        Http = new HttpClient { BaseAddress = server.RestAddress, Timeout = TimeSpan.FromSeconds(30) };
        channel = GrpcChannel.ForAddress(server.GrpcAddress);
        Grpc = new MultiAsset.Control.V1.Control.ControlClient(channel);
    }

    public ControlServer Server { get; }

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
    public static async Task<ControlTestServer> StartWithEngineAsync()
    {
        var json = """
            { "pipeline": { "rings": [ { "name": "input", "size": 65536, "producer": "Multi" }, { "name": "intents", "size": 65536 }, { "name": "orders", "size": 65536 } ],
                            "threads": [ { "name": "e", "stages": ["engine"] } ] },
              "marketData": { "instruments": "instruments.json", "feeds": [ { "type": "csv", "files": ["FEED"] } ] },
              "accounts": "accounts.json", "risk": "risk.json", "coordination": "coordination.json" }
            """;
        // The feed is never run (the tests drive the engine through commands only); the config needs one.
        var feed = Path.Combine(Path.GetTempPath(), "mae-control-test-quotes.csv");
        File.WriteAllText(feed, "timestamp,symbol,price,size\n");
        json = json.Replace("FEED", feed, StringComparison.Ordinal);
        var config = HostConfig.Parse(json, "control-test.json", name => InstrumentCatalogLoader.Load(Path.Combine(ConfigDirectory, name)), ConfigDirectory);
        var engine = EngineRuntime.Build(config, new SimulatedClock(), new LoggingExceptionHandler());
        engine.Pipeline.Start();
        try
        {
            var controlConfig = Config();
            var service = new ControlService(new EngineCommands(engine.Commands, controlConfig.CommandTimeout), new CatalogAssetInfoLookup(config.MarketData.Catalog));
            return new ControlTestServer(engine, await ControlServer.StartAsync(controlConfig, service));
        }
        catch
        {
            engine.Pipeline.Stop();
            engine.Dispose();
            throw;
        }
    }

    /// <summary>The server over a fake engine.</summary>
    public static async Task<ControlTestServer> StartWithFakeAsync(IEngineCommands commands)
        => new(null, await ControlServer.StartAsync(Config(), new ControlService(commands)));

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

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        channel.Dispose();
        await Server.StopAsync();
        await Server.DisposeAsync();
        if (engine is not null)
        {
            engine.Pipeline.Stop();
            engine.Dispose();
        }
    }
}
