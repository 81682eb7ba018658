using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiAsset.Host.Backtesting.Sweeps;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace MultiAsset.Cluster.Sweeps;

/// <summary>
/// Runs a sweep's jobs on the cluster's workers (<c>./run.sh backtest sweep SWEEP.json --cluster URL</c>). The sweep
/// around it — data preparation, parameter sets, walk-forward windows, ranking, sweep.csv/sweep.json — is the local
/// sweep's (<see cref="SweepRunner"/>); only where the runs are made differs:
/// <list type="number">
/// <item>a job whose folder already holds a result.json is resumed, as locally;</item>
/// <item>its files go to the object store (<see cref="SweepFiles"/>), unless they are shared;</item>
/// <item>a job whose key already has a record in the results bucket is taken from there (an earlier sweep made it);
/// a failed record is dropped and the run published again, as a local resume tries failed runs again;</item>
/// <item>the others are published to the work-queue stream, message id = key, so a retried publish is deduplicated;</item>
/// <item>records stream back through a watch of the bucket (re-read now and then, in case the watch missed some over
/// a reconnect); each ok run's folder is unpacked into SWEEP/runs/RUNID and its row read from its result.json.</item>
/// </list>
/// </summary>
public sealed class ClusterSweepExecutor : ISweepRunExecutor
{
    private readonly ClusterClient cluster;
    private readonly bool sharedFiles;

    /// <summary>An executor on <paramref name="cluster"/>; <paramref name="sharedFiles"/>: the workers see the caller's paths (no object store).</summary>
    public ClusterSweepExecutor(ClusterClient cluster, bool sharedFiles = false)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        this.cluster = cluster;
        this.sharedFiles = sharedFiles;
    }

    /// <summary>How often the bucket is re-read for keys the watch has not shown.</summary>
    public TimeSpan Recheck { get; init; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SweepRunRow>> RunAsync(IReadOnlyList<SweepJob> jobs, Action<SweepRunRow>? completed, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        logger ??= NullLogger.Instance;
        var rows = new SweepRunRow?[jobs.Count];
        var waiting = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var shared = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var items = new List<(int Index, SweepWorkItem Item)>();
        for (var i = 0; i < jobs.Count; i++)
        {
            if (SweepResultFile.TryRead(jobs[i].Spec.Output) is { } found)
            {
                rows[i] = new SweepRunRow(jobs[i].RunId, jobs[i].Parameters, SweepRunStatus.Ok, null, found.Metrics, found.Digest, Resumed: true);
                completed?.Invoke(rows[i]!);
                continue;
            }

            var spec = sharedFiles ? jobs[i].Spec : await SweepFiles.MapAsync(jobs[i].Spec, p => SweepFiles.ShareAsync(cluster.Files, p, shared, cancellationToken)).ConfigureAwait(false);
            var item = SweepWorkItem.Create(jobs[i], spec);
            items.Add((i, item));
            waiting[item.Key] = i;
        }

        if (items.Count == 0)
        {
            return rows!;
        }

        // Watch first, then publish: a record written between the two is seen by the watch or by the first re-read.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var arrivals = System.Threading.Channels.Channel.CreateUnbounded<(string Key, SweepResultRecord Record, bool Earlier)>();
        var watching = WatchAsync(arrivals.Writer, stop.Token);
        try
        {
            foreach (var (index, item) in items)
            {
                var existing = await Retry.JetStreamAsync(() => cluster.Results.TryGetEntryAsync<byte[]>(item.Key, cancellationToken: cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
                if (existing.Success && existing.Value.Value is { } bytes)
                {
                    var record = SweepResultRecord.FromBytes(bytes);
                    if (record.Status != SweepRunStatus.Failed)
                    {
                        await arrivals.Writer.WriteAsync((item.Key, record, true), cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    await Retry.JetStreamAsync(() => cluster.Results.PurgeAsync(item.Key, cancellationToken: cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
                }

                await PublishAsync(item, cancellationToken).ConfigureAwait(false);
            }

            var recheck = RecheckAsync(waiting, arrivals.Writer, stop.Token);
            while (!waiting.IsEmpty)
            {
                var (key, record, earlier) = await arrivals.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (!waiting.TryRemove(key, out var index))
                {
                    continue;
                }

                rows[index] = await RowAsync(jobs[index], record, earlier, cancellationToken).ConfigureAwait(false);
                completed?.Invoke(rows[index]!);
                ClusterLog.RunArrived(logger, key, record.Status, record.Worker, record.Deliveries);
            }

            await stop.CancelAsync().ConfigureAwait(false);
            await recheck.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await watching.ConfigureAwait(false);
        }

        return rows!;
    }

    private async Task PublishAsync(SweepWorkItem item, CancellationToken cancellationToken)
    {
        var body = item.ToBytes();
        await Retry.JetStreamAsync(async () =>
        {
            var ack = await cluster.JetStream.PublishAsync(ClusterNames.RunSubjectPrefix + item.Key, body, opts: new NatsJSPubOpts { MsgId = item.Key }, cancellationToken: cancellationToken).ConfigureAwait(false);
            ack.EnsureSuccess();
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SweepRunRow> RowAsync(SweepJob job, SweepResultRecord record, bool earlier, CancellationToken cancellationToken)
    {
        if (record.Status != SweepRunStatus.Ok || record.Archive is null)
        {
            return new SweepRunRow(job.RunId, job.Parameters, record.Status, record.Reason, null, null, Resumed: earlier);
        }

        var zip = await Retry.JetStreamAsync(() => cluster.Files.GetBytesAsync(record.Archive, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
        RunArchive.Unpack(zip, job.Spec.Output);
        // Read as a local sweep reads its runs, so the row is the same bytes in the tables.
        return SweepResultFile.TryRead(job.Spec.Output) is { } found
            ? new SweepRunRow(job.RunId, job.Parameters, SweepRunStatus.Ok, null, found.Metrics, found.Digest, Resumed: earlier)
            : new SweepRunRow(job.RunId, job.Parameters, SweepRunStatus.Failed, "the worker's results folder holds no readable result.json", null, null, Resumed: earlier);
    }

    private async Task WatchAsync(System.Threading.Channels.ChannelWriter<(string, SweepResultRecord, bool)> arrivals, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var entry in cluster.Results.WatchAsync<byte[]>(opts: new NatsKVWatchOpts { UpdatesOnly = true }, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    if (entry.Operation == NatsKVOperation.Put && entry.Value is { } bytes)
                    {
                        await arrivals.WriteAsync((entry.Key, SweepResultRecord.FromBytes(bytes), false), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (Retry.IsTransient(ex))
            {
                // Watch again; the re-read covers what went by meanwhile.
                await Task.Delay(200, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task RecheckAsync(ConcurrentDictionary<string, int> waiting, System.Threading.Channels.ChannelWriter<(string, SweepResultRecord, bool)> arrivals, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Recheck, cancellationToken).ConfigureAwait(false);
                foreach (var key in waiting.Keys)
                {
                    try
                    {
                        var entry = await cluster.Results.TryGetEntryAsync<byte[]>(key, cancellationToken: cancellationToken).ConfigureAwait(false);
                        if (entry.Success && entry.Value.Value is { } bytes)
                        {
                            await arrivals.WriteAsync((key, SweepResultRecord.FromBytes(bytes), false), cancellationToken).ConfigureAwait(false);
                        }
                    }
                    catch (Exception ex) when (Retry.IsTransient(ex))
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
