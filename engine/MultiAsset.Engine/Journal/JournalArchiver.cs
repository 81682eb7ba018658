using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// The writer's background thread: it syncs a sealed segment to disk and unmaps it (so roll-over costs the hot path
/// neither an msync of 64 MiB nor an munmap), compresses it when configured, prunes on request, and keeps the
/// manifest current (<see cref="JournalCheckpointer"/>): after every such change and, for the durable mark, every
/// checkpoint interval. Work is per segment or per interval, so allocation here is never per record.
/// </summary>
internal sealed class JournalArchiver : IDisposable
{
    private readonly BlockingCollection<Work> queue = [];
    private readonly bool compress;
    private readonly ILogger? logger;
    private readonly JournalCheckpointer checkpointer;
    private readonly Func<long>? acknowledged;
    private readonly TimeSpan interval;
    private readonly Thread thread;
    private readonly object idleLock = new();
    private int pending;
    private byte[]? buffer;

    /// <param name="compress">Compress sealed segments.</param>
    /// <param name="logger">Where failures are logged.</param>
    /// <param name="checkpointer">The live manifest.</param>
    /// <param name="acknowledged">Reads the writer's acknowledged sequence (Sync mode); null in Async mode, where a sealed segment is durable once this thread synced it.</param>
    /// <param name="interval">How often the durable mark is checkpointed.</param>
    public JournalArchiver(bool compress, ILogger? logger, JournalCheckpointer checkpointer, Func<long>? acknowledged, TimeSpan interval)
    {
        this.compress = compress;
        this.logger = logger;
        this.checkpointer = checkpointer;
        this.acknowledged = acknowledged;
        this.interval = interval;
        thread = new Thread(Run) { IsBackground = true, Name = "journal-archiver", Priority = ThreadPriority.BelowNormal };
        thread.Start();
    }

    /// <summary>Failures so far (each logged; the plain segment is kept).</summary>
    public int Failures { get; private set; }

    /// <summary>
    /// Queues a sealed segment; <paramref name="mapping"/> (if any) is synced up to <paramref name="syncTo"/> and
    /// disposed. <paramref name="lastSequence"/> is its last record (durable once synced).
    /// </summary>
    public void Enqueue(MappedSegment? mapping, long syncTo, string path, long firstSequence, long lastSequence)
        => Add(new SealedWork(mapping, syncTo, path, firstSequence, lastSequence));

    /// <summary>Queues a prune (see <see cref="JournalRetention"/>); the task completes when it is done.</summary>
    public Task<JournalPruneResult> EnqueuePrune(string directory, long beforeSequence, string? archiveDirectory)
    {
        var work = new PruneWork(directory, beforeSequence, archiveDirectory, new TaskCompletionSource<JournalPruneResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        Add(work);
        return work.Completion.Task;
    }

    /// <summary>Waits until every queued item has been handled; false on timeout.</summary>
    public bool WaitIdle(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (idleLock)
        {
            while (pending > 0)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(idleLock, left))
                {
                    return pending == 0;
                }
            }
        }

        return true;
    }

    public void Dispose()
    {
        queue.CompleteAdding();
        thread.Join();
        queue.Dispose();
    }

    private void Add(Work work)
    {
        lock (idleLock)
        {
            pending++;
        }

        queue.Add(work);
    }

    private void Run()
    {
        while (!queue.IsCompleted)
        {
            Work? work = null;
            try
            {
                if (!queue.TryTake(out work, interval))
                {
                    work = null;
                }
            }
            catch (InvalidOperationException)
            {
                break; // completed while waiting
            }

            if (work is not null)
            {
                Handle(work);
            }

            if (acknowledged is not null)
            {
                checkpointer.Durable(acknowledged());
            }

            checkpointer.TryCheckpoint(logger);
            if (work is not null)
            {
                lock (idleLock)
                {
                    pending--;
                    Monitor.PulseAll(idleLock);
                }
            }
        }
    }

    private void Handle(Work work)
    {
        if (work is PruneWork prune)
        {
            try
            {
                prune.Completion.SetResult(JournalRetention.PruneNow(prune.Directory, checkpointer, prune.BeforeSequence, prune.ArchiveDirectory, logger));
            }
#pragma warning disable CA1031 // The failure goes to the caller through the task.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                prune.Completion.SetException(ex);
            }

            return;
        }

        var (mapping, syncTo, path, first, last) = (SealedWork)work;
        try
        {
            if (mapping is not null)
            {
                using (mapping)
                {
                    mapping.Sync(0, syncTo);
                }
            }

            if (acknowledged is null)
            {
                checkpointer.Durable(last);
            }

            if (compress && JournalArchive.Compress(path, first, ref buffer) is { } archive)
            {
                checkpointer.Compressed(first);
                logger?.LogCompressed(path, archive);
            }
        }
#pragma warning disable CA1031 // A background failure must not kill the process: it is logged and the plain segment stays.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Failures++;
            logger?.LogBackgroundFailed(ex, path);
        }
    }

    private abstract record Work;

    private sealed record SealedWork(MappedSegment? Mapping, long SyncTo, string Path, long FirstSequence, long LastSequence) : Work;

    private sealed record PruneWork(string Directory, long BeforeSequence, string? ArchiveDirectory, TaskCompletionSource<JournalPruneResult> Completion) : Work;
}
