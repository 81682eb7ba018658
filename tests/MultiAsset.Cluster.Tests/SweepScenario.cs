using System.Globalization;
using System.Text;
using MultiAsset.Cluster.Sweeps;
using MultiAsset.Host.Backtesting.Sweeps;

namespace MultiAsset.Cluster.Tests;

/// <summary>
/// A SmaCross sweep over generated BTCUSD minute bars (imported from a vendor CSV), and the helpers the cluster tests
/// share: the local sweep to compare against, workers on the cluster, the result bucket's history.
/// </summary>
internal sealed class SweepScenario : IDisposable
{
    public SweepScenario(int bars, string grid)
    {
        Folder = Directory.CreateTempSubdirectory("mae-cluster-sweep-").FullName;
        WriteBars(Path.Combine(Folder, "btc-1m.csv"), bars);
        File.WriteAllText(Path.Combine(Folder, "spec.json"), """
            {
              "name": "sma",
              "data": [ { "import": { "files": ["btc-1m.csv"], "kind": "bars", "barInterval": "1m", "barLabel": "start" } } ],
              "strategies": [ {
                "id": "sma-btc", "name": "SMA BTC", "type": "SmaCross", "account": "btc", "assetClasses": ["CRYPTO"], "instruments": ["BTCUSD"],
                "allocation": [ { "assetClass": "CRYPTO", "targetWeight": 100, "minWeight": 0, "maxWeight": 100 } ],
                "riskParameters": {}, "executionRules": [], "rebalancingRules": [],
                "parameters": { "fast": 5, "slow": 30, "quantity": 1, "timeframe": "1m" } } ],
              "fillModel": "nextOpen", "fees": { "makerBps": 0, "takerBps": 10 }, "equityInterval": "1h", "maxOrders": 2000, "output": "out"
            }
            """);
        SweepPath = Path.Combine(Folder, "sweep.json");
        File.WriteAllText(SweepPath, $$"""{ "backtest": "spec.json", "metric": "sharpe", "grid": {{grid}} }""");
    }

    public string Folder { get; }

    public string SweepPath { get; }

    public SweepSpec Load(string output, int workers = 2) => SweepSpecReader.Load(SweepPath, Path.Combine(Folder, output), workers);

    /// <summary>The sweep made in this process, as <c>./run.sh backtest sweep</c> makes it.</summary>
    public Task<SweepOutcome> RunLocalAsync(string output = "local") => SweepRunner.RunAsync(Load(output));

    /// <summary>The sweep made by the cluster's workers.</summary>
    public async Task<SweepOutcome> RunClusterAsync(string url, string output = "cluster", ISweepObserver? observer = null, CancellationToken cancellationToken = default)
    {
        await using var client = await ClusterClient.ConnectAsync(new ClusterOptions { Url = url }, cancellationToken);
        return await SweepRunner.RunAsync(Load(output), new ClusterSweepExecutor(client) { Recheck = TimeSpan.FromMilliseconds(500) }, observer, null, cancellationToken);
    }

    public byte[] Table(string output, string file) => File.ReadAllBytes(Path.Combine(Folder, output, file));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void WriteBars(string path, int bars)
    {
        var text = new StringBuilder("timestamp,symbol,open,high,low,close,volume\n");
        var start = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var previous = 42_000m;
        for (var i = 0; i < bars; i++)
        {
            // A slow sine with a wiggle: SMA crossovers both ways, so every set trades and the metrics differ.
            var close = Math.Round(42_000m + (decimal)(1500 * Math.Sin(i / 240.0)) + (decimal)(40 * Math.Sin(i * 0.7)), 2);
            var open = previous;
            text.Append(CultureInfo.InvariantCulture, $"{start.AddMinutes(i):yyyy-MM-dd HH:mm:ss}+00:00,BTCUSD,{open},{Math.Max(open, close) + 5},{Math.Min(open, close) - 5},{close},{10 + (i % 7)}\n");
            previous = close;
        }

        File.WriteAllText(path, text.ToString());
    }
}

/// <summary>An in-process worker on its own connection; <see cref="DisposeAsync"/> stops it.</summary>
internal sealed class TestWorker : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private ClusterClient? client;
    private Task running = Task.CompletedTask;

    public SweepWorker? Worker { get; private set; }

    /// <summary>Whether the worker ended (stopped or crashed as told).</summary>
    public bool Stopped => running.IsCompleted;

    public static async Task<TestWorker> StartAsync(string url, string folder, TimeSpan ackWait, Func<TestWorker, Action<string>>? onRunStarting = null, Action<string, bool>? onRunDone = null)
    {
        var worker = new TestWorker();
        worker.client = await ClusterClient.ConnectAsync(new ClusterOptions { Url = url, AckWait = ackWait });
        worker.Worker = new SweepWorker(worker.client, folder, Path.GetFileName(folder)) { RunStarting = onRunStarting?.Invoke(worker), RunDone = onRunDone };
        var token = worker.stop.Token;
        worker.running = Task.Run(() => worker.Worker.RunAsync(1, token), CancellationToken.None);
        return worker;
    }

    /// <summary>Stops the worker where it is, without acking its run: what a killed worker leaves behind.</summary>
    public void Crash() => stop.Cancel();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException)
        {
        }

        if (client is not null)
        {
            await client.DisposeAsync();
        }

        stop.Dispose();
    }
}
