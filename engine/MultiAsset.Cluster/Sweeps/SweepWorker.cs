using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiAsset.Host.Backtesting.Sweeps;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;

namespace MultiAsset.Cluster.Sweeps;

/// <summary>
/// A sweep worker (<c>./run.sh worker --cluster URL</c>): pulls one run at a time from the work queue, makes it with
/// <see cref="SweepExecutor.RunJobAsync"/> (the local sweep's own code), stores its folder in the object store and its
/// record in the results bucket, then acks. The order is what makes results exactly-once under at-least-once delivery:
/// <list type="bullet">
/// <item>a run whose key already has a record is acked without running again (a redelivery after a worker died between
/// storing and acking, or a second copy of the message);</item>
/// <item>the record is written with create, which fails when the key exists: when two workers made the same run (the
/// first was slow past AckWait), the second's record is refused, its archive deleted, and the first one stands;</item>
/// <item>a worker that dies before storing never acks: JetStream redelivers after AckWait; while a run is being made
/// the worker beats progress every third of AckWait, so a live worker's long run is not taken from it.</item>
/// </list>
/// </summary>
public sealed class SweepWorker
{
    private readonly ClusterClient cluster;
    private readonly string folder;
    private readonly ILogger logger;
    private readonly string name;

    /// <summary>A worker on <paramref name="cluster"/> keeping fetched files and run folders under <paramref name="folder"/>.</summary>
    public SweepWorker(ClusterClient cluster, string folder, string? name = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        this.cluster = cluster;
        this.folder = Path.GetFullPath(folder);
        this.logger = logger ?? NullLogger.Instance;
        this.name = name ?? $"{Environment.MachineName}-{Environment.ProcessId}";
    }

    /// <summary>Called with a run's key just before it is made (tests stop a worker here, as a crash would).</summary>
    public Action<string>? RunStarting { get; init; }

    /// <summary>Called after a run's record is stored and its message acked, with whether this worker made it.</summary>
    public Action<string, bool>? RunDone { get; init; }

    /// <summary>Runs made by this worker.</summary>
    public int Made => made;

    private int made;

    /// <summary>Pulls and makes runs, <paramref name="concurrency"/> at once, until cancelled.</summary>
    public async Task RunAsync(int concurrency, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var consumer = await Retry.JetStreamAsync(() => cluster.JetStream.CreateOrUpdateConsumerAsync(ClusterNames.RunStream, new ConsumerConfig(ClusterNames.WorkerConsumer)
        {
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            AckWait = cluster.Options.AckWait,
            MaxDeliver = -1,
            MaxAckPending = 10_000,
        }, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
        var loops = Enumerable.Range(0, concurrency).Select(_ => PullLoopAsync(consumer, cancellationToken)).ToArray();
        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    private async Task PullLoopAsync(INatsJSConsumer consumer, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // One message per pull: nothing waits in this worker's buffer while it runs, ticking towards AckWait.
                var message = await consumer.NextAsync<byte[]>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(5) }, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (message is { } msg)
                {
                    await HandleAsync(msg, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (Retry.IsTransient(ex))
            {
                // A node went away or a leader is being elected: the run (if any) comes back after AckWait.
                ClusterLog.PullFailed(logger, name, ex.Message);
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(INatsJSMsg<byte[]> msg, CancellationToken cancellationToken)
    {
        SweepWorkItem item;
        try
        {
            item = SweepWorkItem.FromBytes(msg.Data);
        }
        catch (System.Text.Json.JsonException ex)
        {
            ClusterLog.NotARun(logger, name, ex.Message);
            await msg.AckTerminateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await HasRecordAsync(item.Key, cancellationToken).ConfigureAwait(false))
        {
            await AckAsync(msg, cancellationToken).ConfigureAwait(false);
            RunDone?.Invoke(item.Key, false);
            return;
        }

        RunStarting?.Invoke(item.Key);
        cancellationToken.ThrowIfCancellationRequested();
        using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var beating = BeatAsync(msg, beat.Token);
        var output = Path.Combine(folder, "runs", item.Key);
        var watch = Stopwatch.StartNew();
        try
        {
            var cache = Path.Combine(folder, "files");
            var spec = await SweepFiles.MapAsync(item.Spec, p => SweepFiles.FetchAsync(cluster.Files, p, cache, cancellationToken)).ConfigureAwait(false);
            spec = spec with { Output = output, BaseDirectory = cache };
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            var row = await SweepExecutor.RunJobAsync(new SweepJob(item.RunId, item.ParameterSet(), spec), logger, cancellationToken).ConfigureAwait(false);
            string? archive = null;
            if (row.Status == SweepRunStatus.Ok)
            {
                archive = $"result/{item.Key}/{Guid.NewGuid():N}.zip";
                var zip = RunArchive.Pack(output);
                await Retry.JetStreamAsync(() => cluster.Files.PutAsync(archive, zip, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
            }

            var record = new SweepResultRecord(row.Status, row.Reason, archive, name, (long)(msg.Metadata?.NumDelivered ?? 1), watch.ElapsedMilliseconds);
            var stored = await StoreOnceAsync(item.Key, record, cancellationToken).ConfigureAwait(false);
            if (!stored && archive is not null)
            {
                await cluster.Files.DeleteAsync(archive, cancellationToken).ConfigureAwait(false);
            }

            await beat.CancelAsync().ConfigureAwait(false);
            await beating.ConfigureAwait(false);
            await AckAsync(msg, cancellationToken).ConfigureAwait(false);
            if (stored)
            {
                Interlocked.Increment(ref made);
            }

            RunDone?.Invoke(item.Key, stored);
        }
        finally
        {
            await beat.CancelAsync().ConfigureAwait(false);
            await beating.ConfigureAwait(false);
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private async Task<bool> HasRecordAsync(string key, CancellationToken cancellationToken)
    {
        var entry = await Retry.JetStreamAsync(() => cluster.Results.TryGetEntryAsync<byte[]>(key, cancellationToken: cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
        return entry.Success;
    }

    /// <summary>Creates the key's record; false when it already has one (another worker's stands).</summary>
    private async Task<bool> StoreOnceAsync(string key, SweepResultRecord record, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await cluster.Results.TryCreateAsync(key, record.ToBytes(), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (result.Success)
            {
                return true;
            }

            // The create may have failed because the key exists (another worker's, or our own create whose reply was
            // lost in a node failure): either way a record stands and this run is done.
            if (await HasRecordAsync(key, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            if (attempt >= Retry.Attempts)
            {
                throw result.Error;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt)), cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task AckAsync(INatsJSMsg<byte[]> msg, CancellationToken cancellationToken)
        // Double ack: returns once the server has the ack, so a lost ack shows here and not as a silent redelivery.
        => Retry.JetStreamAsync(() => msg.AckAsync(new AckOpts { DoubleAck = true }, cancellationToken).AsTask(), cancellationToken);

    private async Task BeatAsync(INatsJSMsg<byte[]> msg, CancellationToken cancellationToken)
    {
        var period = cluster.Options.AckWait / 3;
        try
        {
            while (true)
            {
                await Task.Delay(period, cancellationToken).ConfigureAwait(false);
                await msg.AckProgressAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (Retry.IsTransient(ex))
        {
            // A missed beat only risks a redelivery, which the results bucket absorbs.
            ClusterLog.BeatFailed(logger, name, ex.Message);
        }
    }
}
