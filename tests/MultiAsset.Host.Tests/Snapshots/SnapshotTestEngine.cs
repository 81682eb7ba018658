using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Snapshots;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Host.Tests.Snapshots;

/// <summary>
/// Engines for the snapshot tests, in-process: a journalled run of the shipped strategies on a synthetic market
/// (simulated time, full speed) that produces the input, and fresh engines of the same configuration that replay it.
/// </summary>
internal static class SnapshotTestEngine
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>Writes engine.json into <paramref name="directory"/>: with a journal in <c>journal/</c> (sync) or without one.</summary>
    public static string WriteConfig(string directory, bool journal, string name = "engine.json", string? snapshots = null, int seed = 11)
    {
        var threads = journal ? """{ "name": "engine", "stages": ["journal", "engine"] }""" : """{ "name": "engine", "stages": ["engine"] }""";
        var journalSection = journal ? $$""", "journal": { "directory": "{{Path.Combine(directory, "journal")}}", "durability": "sync", "segmentSize": "1MiB" }""" : string.Empty;
        var snapshotSection = snapshots is null ? string.Empty : $", \"snapshots\": {snapshots}";
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, $$"""
            { "pipeline": { "rings": [ { "name": "input", "size": 4096, "producer": "Multi" } ], "threads": [ {{threads}} ] },
              "marketData": { "instruments": "{{Shipped("instruments.json")}}",
                              "feeds": [ { "type": "synthetic", "seed": {{seed}}, "eventsPerSecond": 0,
                                           "time": { "mode": "simulated", "start": "2026-03-02T14:30:00Z", "step": "250ms" } } ] },
              "accounts": "{{Shipped("accounts.json")}}", "risk": "{{Shipped("risk.json")}}", "coordination": "{{Shipped("coordination.json")}}", "venues": "{{Shipped("venues.json")}}",
              "strategies": { "directory": "{{Shipped("strategies")}}" }{{journalSection}}{{snapshotSection}} }
            """);
        return path;
    }

    public static string Shipped(string name) => Path.Combine(AppContext.BaseDirectory, "config", name);

    /// <summary>Builds an engine (not started) from <paramref name="configPath"/>.</summary>
    public static EngineRuntime Build(string configPath) => EngineRuntime.Build(HostConfig.Load(configPath), new SimulatedClock(), new LoggingExceptionHandler());

    /// <summary>
    /// Runs the journalled configuration: creates and deploys the shipped strategies (as the host does), runs the feed
    /// until <paramref name="events"/> market events were accepted, stops; returns the journal's record count.
    /// </summary>
    public static async Task<long> ProduceJournal(string configPath, long events)
    {
        var config = HostConfig.Load(configPath);
        using var engine = EngineRuntime.Build(config, new SimulatedClock(), new LoggingExceptionHandler());
        engine.Pipeline.Start();
        foreach (var strategy in config.Strategies!.Documents)
        {
            Assert.True((await engine.Commands.SendAsync(CommandKind.CreateStrategy, strategy.Json, Wait)).Succeeded, strategy.Document.Id);
            Assert.True((await engine.Commands.SendAsync(CommandKind.DeployStrategy, strategy.Document.Id, Wait)).Succeeded, strategy.Document.Id);
        }

        using var stop = new CancellationTokenSource();
        var feed = new Thread(() => engine.Feeds[0].Run(stop.Token)) { IsBackground = true };
        feed.Start();
        Assert.True(SpinWait.SpinUntil(() => engine.MarketData.Counters.Accepted >= events, Wait), "the feed did not get going");
        await stop.CancelAsync();
        feed.Join();
        Assert.Empty(engine.Pipeline.Drain(Wait));
        engine.Pipeline.Stop();
        return engine.Journal!.Writer.NextSequence;
    }

    /// <summary>Replays journal records [<paramref name="from"/>, <paramref name="to"/>) into a started engine and waits until they went through.</summary>
    public static void Replay(EngineRuntime engine, string journalDirectory, long from, long to)
    {
        JournalReplayer.Replay(journalDirectory, from, to - 1, engine.Input);
        Assert.Empty(engine.Pipeline.Drain(Wait));
    }

    /// <summary>Every stage's digest, by stage name (call with the pipeline drained).</summary>
    public static Dictionary<string, string> Digests(EngineRuntime engine)
        => engine.Stages.Digests.ToDictionary(d => d.Stage.DigestName, d => StateDigest.Format(StateDigest.Of(d.Stage)));

    /// <summary>The stages' snapshot body.</summary>
    public static byte[] Capture(EngineRuntime engine)
    {
        var buffer = new SnapshotBuffer();
        new StateGraphWriter(EngineSnapshotPolicy.Instance).Write(engine.Stages.SnapshotRoots, buffer);
        return buffer.Written.ToArray();
    }
}
