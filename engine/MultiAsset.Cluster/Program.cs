using Microsoft.Extensions.Logging;
using MultiAsset.Cluster;
using MultiAsset.Cluster.Sweeps;
using MultiAsset.Host.Backtesting.Sweeps;

// MultiAsset.Cluster sweep SWEEP.json --cluster URL [sweep options]   a sweep whose runs the cluster's workers make
// MultiAsset.Cluster worker --cluster URL [--concurrency N]          a worker (docs/cluster.md)
const string Usage = """
    usage: sweep SWEEP.json --cluster URL [--replicas N] [--shared-files] [-o DIR] [--quiet]
           worker --cluster URL [--concurrency N] [--ack-wait SECONDS] [--folder DIR] [--replicas N]
    (docs/cluster.md; ./run.sh cluster starts a local three-node cluster)
    """;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
// SIGTERM (a service manager, `kill`) stops as Ctrl-C does: a worker's run in progress is left unacked and redelivered.
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});

if (args.Length == 0 || args[0] is not ("sweep" or "worker"))
{
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}

var (parsed, problem) = ClusterArguments.Parse(args[1..]);
if (parsed is null)
{
    await Console.Error.WriteLineAsync($"error: {problem}{Environment.NewLine}{Usage}");
    return 2;
}

using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
try
{
    await using var cluster = await ClusterClient.ConnectAsync(parsed.Options, cancel.Token);
    if (args[0] == "sweep")
    {
        return await SweepCommand.RunAsync(parsed.Rest, Console.Out, Console.Error, new ClusterSweepExecutor(cluster, parsed.SharedFiles), cancel.Token);
    }

    if (parsed.Rest.Count > 0)
    {
        await Console.Error.WriteLineAsync($"error: unexpected argument '{parsed.Rest[0]}'{Environment.NewLine}{Usage}");
        return 2;
    }

    var folder = parsed.Folder ?? Path.Combine(Path.GetTempPath(), $"mae-worker-{Environment.ProcessId}");
    var worker = new SweepWorker(cluster, folder, logger: logs.CreateLogger("MultiAsset.Worker"))
    {
        RunDone = (key, made) => Console.WriteLine(made ? $"made {key}" : $"skipped {key} (its result was already stored)"),
    };
    Console.WriteLine($"worker: pulling runs from {parsed.Options.Url} ({parsed.Concurrency} at once; files and runs in {folder}); Ctrl-C stops");
    await worker.RunAsync(parsed.Concurrency, cancel.Token);
    return 0;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    return 130;
}
catch (NATS.Client.Core.NatsException ex)
{
    await Console.Error.WriteLineAsync($"error: the cluster at {parsed.Options.Url}: {ex.Message}");
    return 1;
}
