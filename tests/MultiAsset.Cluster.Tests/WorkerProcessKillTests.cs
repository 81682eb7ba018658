using System.Diagnostics;
using MultiAsset.Cluster.Sweeps;
using NATS.Client.KeyValueStore;
using Xunit.Abstractions;

namespace MultiAsset.Cluster.Tests;

/// <summary>A worker in its own process killed with SIGKILL during a sweep: its run is made by another, each run has one result.</summary>
public sealed class WorkerProcessKillTests(ITestOutputHelper log)
{
    [Fact]
    public async Task WorkerProcessKilled_TheSweepCompletesWithOneResultPerRunAndTheLocalTables()
    {
        await using var nats = await NatsCluster.StartAsync();
        using var scenario = new SweepScenario(6000, """{ "fast": [2, 3, 4, 5], "slow": [20, 30] }""");
        var sweep = scenario.RunClusterAsync(nats.Url);
        var made = 0;
        using var child = StartWorkerProcess(nats.Url, Path.Combine(scenario.Folder, "child"), line =>
        {
            if (line.StartsWith("made ", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref made);
            }
        });
        for (var i = 0; i < 1200 && Volatile.Read(ref made) == 0 && !child.HasExited; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(made > 0, "the child worker made no run");
        // It pulls its next run as soon as one is stored: kill it while it makes that one.
        await Task.Delay(300);
        child.Kill();
        await child.WaitForExitAsync();
        await using var survivor = await TestWorker.StartAsync(nats.Url, Path.Combine(scenario.Folder, "survivor"), TimeSpan.FromSeconds(2));

        var outcome = await sweep.WaitAsync(TimeSpan.FromMinutes(4));
        await scenario.RunLocalAsync();

        Assert.Equal(8, outcome.Ranked.Count);
        Assert.Equal(scenario.Table("local", "sweep.csv"), scenario.Table("cluster", "sweep.csv"));
        await using var client = await ClusterClient.ConnectAsync(new ClusterOptions { Url = nats.Url });
        var byChild = 0;
        var keys = 0;
        await foreach (var key in client.Results.GetKeysAsync())
        {
            keys++;
            var versions = new List<NatsKVEntry<byte[]>>();
            await foreach (var entry in client.Results.HistoryAsync<byte[]>(key))
            {
                versions.Add(entry);
            }

            Assert.Single(versions);
            var record = SweepResultRecord.FromBytes(versions[0].Value);
            log.WriteLine($"{key}: {record.Worker}, delivery {record.Deliveries}");
            byChild += record.Worker != "survivor" ? 1 : 0;
        }

        Assert.Equal(8, keys);
        Assert.True(byChild >= made, $"{byChild} records by the child, which printed {made}");
        Assert.Equal(8, byChild + survivor.Worker!.Made);
    }

    private static Process StartWorkerProcess(string url, string folder, Action<string> line)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MultiAsset.Cluster.dll");
        var process = new Process
        {
            StartInfo = new ProcessStartInfo("dotnet", [dll, "worker", "--cluster", url, "--ack-wait", "2", "--folder", folder])
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } text)
            {
                line(text);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
