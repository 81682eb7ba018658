using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// The writer's background thread for sealed segments: it syncs a sealed segment to disk and unmaps it (so roll-over
/// costs the hot path neither an msync of 64 MiB nor an munmap), then compresses it when configured. Work is
/// per segment, so allocation here is per segment, never per record.
/// </summary>
internal sealed class JournalArchiver : IDisposable
{
    private readonly BlockingCollection<(MappedSegment? Mapping, long SyncTo, string Path, long FirstSequence)> queue = [];
    private readonly bool compress;
    private readonly ILogger? logger;
    private readonly Thread thread;
    private readonly object idleLock = new();
    private int pending;
    private byte[]? buffer;

    public JournalArchiver(bool compress, ILogger? logger)
    {
        this.compress = compress;
        this.logger = logger;
        thread = new Thread(Run) { IsBackground = true, Name = "journal-archiver", Priority = ThreadPriority.BelowNormal };
        thread.Start();
    }

    /// <summary>Failures so far (each logged; the plain segment is kept).</summary>
    public int Failures { get; private set; }

    /// <summary>Queues a sealed segment; <paramref name="mapping"/> (if any) is synced up to <paramref name="syncTo"/> and disposed.</summary>
    public void Enqueue(MappedSegment? mapping, long syncTo, string path, long firstSequence)
    {
        lock (idleLock)
        {
            pending++;
        }

        queue.Add((mapping, syncTo, path, firstSequence));
    }

    /// <summary>Waits until every queued segment has been handled; false on timeout.</summary>
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

    private void Run()
    {
        foreach (var (mapping, syncTo, path, first) in queue.GetConsumingEnumerable())
        {
            try
            {
                if (mapping is not null)
                {
                    using (mapping)
                    {
                        mapping.Sync(0, syncTo);
                    }
                }

                if (compress && JournalArchive.Compress(path, first, ref buffer) is { } archive)
                {
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
            finally
            {
                lock (idleLock)
                {
                    pending--;
                    Monitor.PulseAll(idleLock);
                }
            }
        }
    }
}
