using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MultiAsset.Cluster.Tests;

/// <summary>
/// A real three-node nats-server cluster with JetStream on free loopback ports, in a temporary folder, for one test.
/// Debian's nats-server is installed through scripts/cluster.sh's <c>ensure_nats_server</c> when it is missing (as CI
/// runs on a fresh machine). <see cref="Kill"/> stops one node hard, as a crash would.
/// </summary>
internal sealed class NatsCluster : IAsyncDisposable
{
    private readonly Process?[] nodes = new Process?[3];
    private readonly string folder;

    private NatsCluster(string folder, int[] clientPorts)
    {
        this.folder = folder;
        ClientPorts = clientPorts;
    }

    /// <summary>The nodes' client ports.</summary>
    public IReadOnlyList<int> ClientPorts { get; }

    /// <summary>All three client URLs, comma-separated.</summary>
    public string Url => string.Join(',', ClientPorts.Select(p => $"nats://127.0.0.1:{p}"));

    /// <summary>Starts the cluster and returns once JetStream answers with a meta leader.</summary>
    public static async Task<NatsCluster> StartAsync()
    {
        var server = await EnsureServerAsync();
        var folder = Directory.CreateTempSubdirectory("mae-nats-").FullName;
        var ports = FreePorts(6);
        var cluster = new NatsCluster(folder, ports[..3]);
        var routes = ports[3..];
        for (var n = 0; n < 3; n++)
        {
            var conf = Path.Combine(folder, $"n{n + 1}.conf");
            var text = new StringBuilder()
                .AppendLine($"server_name: n{n + 1}")
                .AppendLine($"listen: 127.0.0.1:{ports[n]}")
                .AppendLine($"jetstream {{ store_dir: \"{Path.Combine(folder, $"n{n + 1}")}\", max_memory_store: 64MB, max_file_store: 1GB }}")
                .AppendLine($"cluster {{ name: test, listen: 127.0.0.1:{routes[n]}, routes: [{string.Join(", ", routes.Select(r => $"nats-route://127.0.0.1:{r}"))}] }}")
                .AppendLine($"log_file: \"{Path.Combine(folder, $"n{n + 1}.log")}\"");
            await File.WriteAllTextAsync(conf, text.ToString());
            cluster.nodes[n] = Process.Start(new ProcessStartInfo(server, ["-c", conf]) { UseShellExecute = false, RedirectStandardOutput = false, RedirectStandardError = false })
                ?? throw new InvalidOperationException("nats-server did not start");
        }

        await cluster.WaitReadyAsync();
        return cluster;
    }

    /// <summary>Kills node <paramref name="index"/> (0..2) at once.</summary>
    public void Kill(int index)
    {
        var node = nodes[index];
        if (node is { HasExited: false })
        {
            node.Kill();
            node.WaitForExit(10_000);
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            Kill(i);
            nodes[i]?.Dispose();
        }

        await Task.Yield();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await using var client = await ClusterClient.ConnectAsync(new ClusterOptions { Url = Url }, timeout.Token);
                return;
            }
            catch (Exception) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (nodes.Any(n => n!.HasExited))
                {
                    throw new InvalidOperationException($"a nats-server node exited at start; logs in {folder}");
                }

                await Task.Delay(200);
            }
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ =>
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            return l;
        }).ToList();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private static async Task<string> EnsureServerAsync()
    {
        foreach (var candidate in new[] { "/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var script = Path.Combine(RepoRoot(), "scripts", "cluster.sh");
        using var install = Process.Start(new ProcessStartInfo("bash", ["-c", $"source '{script}' && ensure_nats_server"]) { UseShellExecute = false })!;
        await install.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return install.ExitCode == 0 && File.Exists("/usr/sbin/nats-server")
            ? "/usr/sbin/nats-server"
            : throw new InvalidOperationException("nats-server is missing and scripts/cluster.sh ensure_nats_server could not install it");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MultiAsset.Engine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (MultiAsset.Engine.sln) is not above the test binary");
    }
}
