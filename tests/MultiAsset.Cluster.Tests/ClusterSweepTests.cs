using Xunit.Abstractions;
using MultiAsset.Cluster.Sweeps;
using MultiAsset.Host.Backtesting.Sweeps;
using NATS.Client.KeyValueStore;

namespace MultiAsset.Cluster.Tests;

/// <summary>
/// Distributed sweeps on a real three-node nats-server cluster (docs/cluster.md): the tables equal the local sweep's
/// bytes; a worker lost mid-run has its run redelivered and every run has exactly one result; the sweep survives the
/// loss of one NATS node.
/// </summary>
public sealed class ClusterSweepTests(ITestOutputHelper log)
{
    // 6 sets, one invalid (fast 25 >= slow 20): ok and invalid rows both travel.
    private const string Grid = """{ "fast": [3, 5, 25], "slow": [20, 30] }""";

    [Fact]
    public async Task SweepOverTwoWorkers_WritesTheLocalSweepsTables()
    {
        var t = System.Diagnostics.Stopwatch.StartNew();
        await using var nats = await NatsCluster.StartAsync();
        log.WriteLine($"cluster {t.Elapsed}");
        using var scenario = new SweepScenario(2000, Grid);
        await using var a = await TestWorker.StartAsync(nats.Url, Path.Combine(scenario.Folder, "wa"), TimeSpan.FromSeconds(30));
        await using var b = await TestWorker.StartAsync(nats.Url, Path.Combine(scenario.Folder, "wb"), TimeSpan.FromSeconds(30));
        log.WriteLine($"workers {t.Elapsed}");

        var local = await scenario.RunLocalAsync();
        log.WriteLine($"local {t.Elapsed}");
        var cluster = await scenario.RunClusterAsync(nats.Url);
        log.WriteLine($"cluster sweep {t.Elapsed}");

        Assert.Equal(6, cluster.Ranked.Count);
        Assert.Equal(5, cluster.Ranked.Count(r => r.Status == SweepRunStatus.Ok));
        Assert.Contains(cluster.Ranked, r => r.Status == SweepRunStatus.Invalid && r.Reason!.Contains("fast", StringComparison.Ordinal));
        Assert.Equal(scenario.Table("local", "sweep.csv"), scenario.Table("cluster", "sweep.csv"));
        Assert.Equal(scenario.Table("local", "sweep.json"), scenario.Table("cluster", "sweep.json"));
        // The runs' folders come back too: each ok run's equity curve is the local one's.
        foreach (var row in cluster.Ranked.Where(r => r.Status == SweepRunStatus.Ok))
        {
            Assert.Equal(scenario.Table("local", $"runs/{row.RunId}/equity.csv"), scenario.Table("cluster", $"runs/{row.RunId}/equity.csv"));
        }

        Assert.Equal(6, a.Worker!.Made + b.Worker!.Made);
    }

    [Fact]
    public async Task SecondSweepOfTheSameRuns_TakesTheStoredResultsWithoutRunningAgain()
    {
        await using var nats = await NatsCluster.StartAsync();
        using var scenario = new SweepScenario(1000, """{ "fast": [3, 5], "slow": [20] }""");
        await using var worker = await TestWorker.StartAsync(nats.Url, Path.Combine(scenario.Folder, "w"), TimeSpan.FromSeconds(30));

        var first = await scenario.RunClusterAsync(nats.Url, "first");
        var second = await scenario.RunClusterAsync(nats.Url, "second");

        Assert.Equal(2, worker.Worker!.Made);
        Assert.All(first.Ranked, r => Assert.False(r.Resumed));
        Assert.All(second.Ranked, r => Assert.True(r.Resumed));
        Assert.Equal(scenario.Table("first", "sweep.csv"), scenario.Table("second", "sweep.csv"));
    }

    [Fact]
    public async Task WorkerKilledMidRun_ItsRunIsRedeliveredAndEveryRunHasExactlyOneResult()
    {
        await using var nats = await NatsCluster.StartAsync();
        using var scenario = new SweepScenario(2000, Grid);
        var ackWait = TimeSpan.FromSeconds(2);
        string? abandoned = null;
        // The doomed worker takes a run and dies before it makes it: no ack, no progress beat, no result.
        await using var doomed = await TestWorker.StartAsync(nats.Url, Path.Combine(scenario.Folder, "doomed"), ackWait, self => key =>
        {
            abandoned ??= key;
            self.Crash();
        });
        var sweep = scenario.RunClusterAsync(nats.Url);
        await WaitUntilAsync(() => abandoned is not null);
        await WaitUntilAsync(() => doomed.Stopped);
        await using var survivor = await TestWorker.StartAsync(nats.Url, Path.Combine(scenario.Folder, "survivor"), ackWait);

        var outcome = await sweep.WaitAsync(TimeSpan.FromMinutes(3));
        await scenario.RunLocalAsync();

        Assert.Equal(0, doomed.Worker!.Made);
        Assert.Equal(6, survivor.Worker!.Made);
        Assert.Equal(scenario.Table("local", "sweep.csv"), scenario.Table("cluster", "sweep.csv"));
        await using var client = await ClusterClient.ConnectAsync(new ClusterOptions { Url = nats.Url });
        var keys = new List<string>();
        await foreach (var key in client.Results.GetKeysAsync())
        {
            keys.Add(key);
        }

        Assert.Equal(6, keys.Count);
        Assert.Contains(abandoned, keys);
        foreach (var key in keys)
        {
            // The bucket keeps up to 8 versions of a key: exactly one means the result was written once.
            var versions = new List<NatsKVEntry<byte[]>>();
            await foreach (var entry in client.Results.HistoryAsync<byte[]>(key))
            {
                versions.Add(entry);
            }

            Assert.Single(versions);
            var record = SweepResultRecord.FromBytes(versions[0].Value);
            Assert.Equal("survivor", record.Worker);
            if (key == abandoned)
            {
                Assert.True(record.Deliveries >= 2, $"the abandoned run was delivered {record.Deliveries} time(s)");
            }
        }
    }

    [Fact]
    public async Task OneNatsNodeKilledMidSweep_TheSweepCompletesWithTheLocalTables()
    {
        await using var nats = await NatsCluster.StartAsync();
        using var scenario = new SweepScenario(2000, """{ "fast": [2, 3, 4, 5, 6, 7], "slow": [20, 30] }""");
        var t = System.Diagnostics.Stopwatch.StartNew();
        await using var a = await TestWorker.StartAsync(nats.Url, Path.Combine(scenario.Folder, "wa"), TimeSpan.FromSeconds(5), onRunDone: (k, m) => log.WriteLine($"{t.Elapsed} wa {k} {m}"));
        await using var b = await TestWorker.StartAsync(nats.Url, Path.Combine(scenario.Folder, "wb"), TimeSpan.FromSeconds(5), onRunDone: (k, m) => log.WriteLine($"{t.Elapsed} wb {k} {m}"));
        var observer = new KillOnFirst(() => nats.Kill(0), r => log.WriteLine($"{t.Elapsed} {r.RunId} {r.Status}"));

        var outcome = await scenario.RunClusterAsync(nats.Url, observer: observer).WaitAsync(TimeSpan.FromMinutes(3));
        await scenario.RunLocalAsync();

        Assert.True(observer.Killed);
        Assert.Equal(12, outcome.Ranked.Count(r => r.Status == SweepRunStatus.Ok));
        Assert.Equal(scenario.Table("local", "sweep.csv"), scenario.Table("cluster", "sweep.csv"));
        Assert.Equal(scenario.Table("local", "sweep.json"), scenario.Table("cluster", "sweep.json"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "timed out waiting");
    }

    /// <summary>Kills a NATS node when the first run's result comes back.</summary>
    private sealed class KillOnFirst(Action kill, Action<SweepRunRow>? seen = null) : ISweepObserver
    {
        private int done;

        public bool Killed => done > 0;

        public void Planned(int runs)
        {
        }

        public void Completed(SweepRunRow row)
        {
            seen?.Invoke(row);
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                kill();
            }
        }
    }
}
