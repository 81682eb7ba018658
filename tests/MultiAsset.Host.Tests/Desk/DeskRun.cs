using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Ring;
using MultiAsset.Host.Tests.Snapshots;

namespace MultiAsset.Host.Tests.Desk;

/// <summary>
/// One run of the trading desk as shipped — the embedded instruments, accounts, limits, coordination, venues and the
/// seven strategies — on the synthetic market for an exact stretch of simulated time (the host's <c>--until</c>),
/// in-process and as fast as the machine goes, then stopped and read in place.
/// </summary>
internal sealed class DeskRun : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(3);
    private readonly string directory;

    private DeskRun(string directory, EngineRuntime engine)
    {
        this.directory = directory;
        Engine = engine;
    }

    public EngineRuntime Engine { get; }

    public AccountBook Book => Engine.Stages.Accounts.Book;

    /// <summary>
    /// Runs the shipped desk from the shipped start (Monday 2026-03-02 14:30 UTC, the US open) for
    /// <paramref name="simulated"/>, after creating and deploying <paramref name="documents"/> (default: the shipped
    /// strategies, as the host does) — each a (JSON, id) pair.
    /// </summary>
    public static async Task<DeskRun> RunAsync(TimeSpan simulated, IReadOnlyList<(string Json, string Id)>? documents = null, bool shippedStrategies = true)
    {
        var directory = Directory.CreateTempSubdirectory("mae-desk-").FullName;
        var path = Path.Combine(directory, "engine.json");
        var strategies = shippedStrategies ? $$""", "strategies": { "directory": "{{SnapshotTestEngine.Shipped("strategies")}}" }""" : string.Empty;
        File.WriteAllText(path, $$"""
            { "pipeline": { "rings": [ { "name": "input", "size": 65536, "producer": "Multi" } ], "threads": [ { "name": "engine", "stages": ["engine"] } ] },
              "marketData": { "instruments": "{{SnapshotTestEngine.Shipped("instruments.json")}}",
                              "feeds": [ { "type": "synthetic", "seed": 42, "eventsPerSecond": 0,
                                           "time": { "mode": "simulated", "start": "2026-03-02T14:30:00Z", "step": "100ms" } } ] },
              "accounts": "{{SnapshotTestEngine.Shipped("accounts.json")}}", "risk": "{{SnapshotTestEngine.Shipped("risk.json")}}",
              "coordination": "{{SnapshotTestEngine.Shipped("coordination.json")}}", "venues": "{{SnapshotTestEngine.Shipped("venues.json")}}",
              "universes": "{{SnapshotTestEngine.Shipped("universes.json")}}"{{strategies}} }
            """);
        var config = new SimulatedEnd(null, simulated).Apply(HostConfig.Load(path));
        var engine = EngineRuntime.Build(config, new SimulatedClock(), new LoggingExceptionHandler());
        var run = new DeskRun(directory, engine);
        engine.Pipeline.Start();
        var toDeploy = new List<(string Json, string Id)>();
        if (shippedStrategies)
        {
            toDeploy.AddRange(config.Strategies!.Documents.Select(d => (d.Json, d.Document.Id)));
        }

        toDeploy.AddRange(documents ?? []);
        foreach (var (json, id) in toDeploy)
        {
            var created = await engine.Commands.SendAsync(CommandKind.CreateStrategy, json, Wait);
            Assert.True(created.Succeeded, $"create {id}: {created.Message}");
            var deployed = await engine.Commands.SendAsync(CommandKind.DeployStrategy, id, Wait);
            Assert.True(deployed.Succeeded, $"deploy {id}: {deployed.Message}");
        }

        var feed = engine.Feeds[0];
        var thread = new Thread(() => feed.Run(CancellationToken.None)) { IsBackground = true, Name = "desk-feed" };
        thread.Start();
        Assert.True(thread.Join(Wait), "the feed did not reach the end of the simulated stretch in time");
        Assert.True(feed.Completed);
        Assert.Empty(engine.Pipeline.Drain(Wait));
        engine.Pipeline.Stop();
        return run;
    }

    /// <summary>Every account's P&amp;L report.</summary>
    public IReadOnlyList<AccountPnl> Accounts()
        => [.. Enumerable.Range(0, Book.AccountCount).Select(a => PnlNames.Name(Book.Pnl(new AccountId(a)), Engine.Stages))];

    /// <summary>The P&amp;L row of strategy <paramref name="id"/>, or null when it never traded.</summary>
    public StrategyPnl? Strategy(string id)
        => Accounts().SelectMany(a => a.Strategies).FirstOrDefault(s => s.Name == id);

    public void Dispose()
    {
        Engine.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
