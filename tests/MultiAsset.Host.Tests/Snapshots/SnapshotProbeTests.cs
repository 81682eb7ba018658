using MultiAsset.Engine.Journal.Snapshots;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Ring;
using Xunit.Abstractions;

namespace MultiAsset.Host.Tests.Snapshots;

public sealed class SnapshotProbeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Probe()
    {
        var directory = Directory.CreateTempSubdirectory("mae-probe-").FullName;
        string Shipped(string name) => Path.Combine(AppContext.BaseDirectory, "config", name);
        var path = Path.Combine(directory, "engine.json");
        File.WriteAllText(path, $$"""
            { "pipeline": { "rings": [ { "name": "input", "size": 16384, "producer": "Multi" } ], "threads": [ { "name": "e", "stages": ["engine"] } ] },
              "marketData": { "instruments": "{{Shipped("instruments.json")}}",
                              "feeds": [ { "type": "synthetic", "seed": 5, "eventsPerSecond": 0,
                                           "time": { "mode": "simulated", "start": "2026-03-02T15:00:00Z", "step": "50ms" } } ] },
              "accounts": "{{Shipped("accounts.json")}}", "risk": "{{Shipped("risk.json")}}",
              "coordination": "{{Shipped("coordination.json")}}", "venues": "{{Shipped("venues.json")}}",
              "strategies": { "directory": "{{Shipped("strategies")}}" } }
            """);
        var config = HostConfig.Load(path);
        using var engine = EngineRuntime.Build(config, new SimulatedClock(), new LoggingExceptionHandler());
        engine.Pipeline.Start();
        foreach (var s in config.Strategies!.Documents)
        {
            var r = await engine.Commands.SendAsync(CommandKind.CreateStrategy, s.Json, TimeSpan.FromSeconds(20));
            output.WriteLine($"{s.Document.Id}: {r.Status}");
            r = await engine.Commands.SendAsync(CommandKind.DeployStrategy, s.Document.Id, TimeSpan.FromSeconds(20));
        }

        using var stop = new CancellationTokenSource();
        var feed = new Thread(() => engine.Feeds[0].Run(stop.Token)) { IsBackground = true };
        feed.Start();
        SpinWait.SpinUntil(() => engine.MarketData.Counters.Accepted > 300_000, TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        feed.Join();
        engine.Pipeline.Drain(TimeSpan.FromSeconds(10));
        var stages = engine.Stages;
        object[] roots = [stages.MarketData, stages.Accounts, stages.Signals, stages.Coordination, stages.Risk, stages.Router];
        var writer = new StateGraphWriter(EngineSnapshotPolicy.Instance);
        var buffer = new SnapshotBuffer();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        writer.Write(roots, buffer);
        output.WriteLine($"first {sw.Elapsed.TotalMilliseconds} ms");
        sw.Restart();
        writer.Write(roots, buffer);
        output.WriteLine($"second {sw.Elapsed.TotalMilliseconds} ms, {buffer.Length} bytes, {writer.ObjectCount} objects, fills {stages.Accounts.Fills}");
    }
}
