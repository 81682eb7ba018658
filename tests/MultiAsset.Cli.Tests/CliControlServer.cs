using System.Net;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;
using MultiAsset.Host;
using MultiAsset.Host.Control;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Cli.Tests;

/// <summary>A real engine (chained layout, shipped accounts and instruments) with the control sidecar on free loopback ports.</summary>
public sealed class CliControlServer : IAsyncLifetime
{
    public const string AdminKey = "cli-admin-key";
    public const string ViewerKey = "cli-viewer-key";

    private EngineRuntime engine = null!;

    public ControlServer Server { get; private set; } = null!;

    public string GrpcAddress => Server.GrpcAddress.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        var directory = RepositoryConfig();
        var feed = Path.Combine(Path.GetTempPath(), "mae-cli-test-quotes.csv");
        File.WriteAllText(feed, "timestamp,symbol,price,size\n");
        var json = """
            { "pipeline": { "rings": [ { "name": "input", "size": 65536, "producer": "Multi" }, { "name": "intents", "size": 65536 }, { "name": "orders", "size": 65536 } ],
                            "threads": [ { "name": "e", "stages": ["engine"] } ] },
              "marketData": { "instruments": "instruments.json", "feeds": [ { "type": "csv", "files": ["FEED"] } ] },
              "accounts": "accounts.json", "risk": "risk.json", "coordination": "coordination.json" }
            """.Replace("FEED", feed, StringComparison.Ordinal);
        var config = HostConfig.Parse(json, "cli-test.json", name => InstrumentCatalogLoader.Load(Path.Combine(directory, name)), directory);
        engine = EngineRuntime.Build(config, new SimulatedClock(), new LoggingExceptionHandler());
        engine.Pipeline.Start();
        var control = new ControlConfig(
            true,
            new IPEndPoint(IPAddress.Loopback, 0),
            new IPEndPoint(IPAddress.Loopback, 0),
            TimeSpan.FromSeconds(10),
            [
                new ApiKeyEntry("admin", ApiKeyHasher.Hash(AdminKey), ControlRole.Admin, null),
                new ApiKeyEntry("viewer", ApiKeyHasher.Hash(ViewerKey), ControlRole.Viewer, null),
            ]);
        Server = await ControlServer.StartAsync(control, new ControlService(new EngineCommands(engine.Commands, control.CommandTimeout)));
    }

    private static string RepositoryConfig()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MultiAsset.Engine.sln")))
            {
                return Path.Combine(dir.FullName, "config");
            }
        }

        throw new DirectoryNotFoundException("the repository's config/ folder was not found above " + AppContext.BaseDirectory);
    }

    public async Task DisposeAsync()
    {
        await Server.StopAsync();
        await Server.DisposeAsync();
        engine.Pipeline.Stop();
        engine.Dispose();
    }
}
