using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// The writer's background thread: it makes a sealed segment durable and closes it (so roll-over never waits for
/// the disk), compresses it when configured, prunes on request, and keeps the manifest current
/// (<see cref="JournalCheckpointer"/>): after every such change and, for the durable mark, every checkpoint
/// interval. Work is per segment or per interval, so allocation here is never per record; the compression buffers
/// are kept between segments.
/// </summary>
/// <remarks>
/// <para><b>Durable mark.</b> Sync mode: records are durable when the writer acknowledges them. Async mode: a sealed
/// segment that is compressed becomes durable in its archive (written and fsynced before the plain file is deleted),
/// so the plain file is not synced first — its pages usually never reach the disk at all; one that is not compressed
/// (compression off, or it failed) is synced here.</para>
/// <para><b>Priority.</b> The thread runs at <see cref="JournalBackgroundPriority"/> (idle by default): compression
/// takes only CPU time the engine and its feeds leave.</para>
/// </remarks>
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
    private readonly JournalBackgroundPriority priority;
    private readonly bool syncSealed;
    private int pending;
    private byte[]? buffer;
    private byte[]? check;

    /// <param name="compress">Compress sealed segments.</param>
    /// <param name="logger">Where failures are logged.</param>
    /// <param name="checkpointer">The live manifest.</param>
    /// <param name="acknowledged">Reads the writer's acknowledged sequence (Sync mode); null in Async mode, where a sealed segment is durable once this thread synced it.</param>
    /// <param name="interval">How often the durable mark is checkpointed.</param>
    /// <param name="priority">The thread's scheduling priority.</param>
    public JournalArchiver(bool compress, ILogger? logger, JournalCheckpointer checkpointer, Func<long>? acknowledged, TimeSpan interval, JournalBackgroundPriority priority)
    {
        this.compress = compress;
        this.priority = priority;
        syncSealed = acknowledged is null;
        this.logger = logger;
        this.checkpointer = checkpointer;
        this.acknowledged = acknowledged;
        this.interval = interval;
        thread = new Thread(Run) { IsBackground = true, Name = "journal-archiver" };
        thread.Start();
    }

    /// <summary>The background thread's kernel id once it runs (Linux; 0 before or elsewhere).</summary>
    public int ThreadId => Volatile.Read(ref threadId);

    private int threadId;

    /// <summary>Failures so far (each logged; the plain segment is kept).</summary>
    public int Failures { get; private set; }

    /// <summary>
    /// Queues a sealed segment; <paramref name="file"/> (the writer's handle, if any) is closed here.
    /// <paramref name="lastSequence"/> is its last record (durable once the segment or its archive is synced).
    /// </summary>
    public void Enqueue(FileStream? file, string path, long firstSequence, long lastSequence)
        => Add(new SealedWork(file, path, firstSequence, lastSequence));

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
        JournalNative.LowerCurrentThreadPriority(priority);
        Volatile.Write(ref threadId, JournalNative.CurrentThreadId());
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

        var (file, path, first, last) = (SealedWork)work;
        bool durable = false;
        try
        {
            bool compressed = false;
            if (compress)
            {
                // Async: not synced first; the archive is (Compress fsyncs it before deleting the plain file).
                file?.Dispose();
                file = null;
                if (JournalArchive.Compress(path, first, ref buffer, ref check) is { } archive)
                {
                    compressed = true;
                    durable = true;
                    checkpointer.Compressed(first);
                    logger?.LogCompressed(path, archive);
                }
            }

            if (!compressed && syncSealed)
            {
                // Not compressed (off, or not verified): the plain segment itself is made durable.
                if (file is not null)
                {
                    JournalNative.SyncData(file);
                }
                else
                {
                    using var reopened = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                    JournalNative.SyncData(reopened);
                }

                durable = true;
            }

            if (durable && syncSealed)
            {
                checkpointer.Durable(last);
            }
        }
#pragma warning disable CA1031 // A background failure must not kill the process: it is logged and the plain segment stays.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Failures++;
            logger?.LogBackgroundFailed(ex, path);
        }
        finally
        {
            file?.Dispose();
        }
    }

    private abstract record Work;

    private sealed record SealedWork(FileStream? File, string Path, long FirstSequence, long LastSequence) : Work;

    private sealed record PruneWork(string Directory, long BeforeSequence, string? ArchiveDirectory, TaskCompletionSource<JournalPruneResult> Completion) : Work;
}
