using Microsoft.Extensions.Logging;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// The live manifest of an open journal: the writer reports roll-overs, the background thread reports syncs,
/// compressions and prunes, and the background thread writes the manifest when it changed (after each segment event
/// and periodically for the durable mark). Never touched per record: the hot path only publishes its acknowledged
/// sequence, which <see cref="Checkpoint"/> reads.
/// </summary>
/// <remarks>Thread-safe (a lock; every caller is off the per-record path).</remarks>
internal sealed class JournalCheckpointer
{
    private readonly string directory;
    private readonly object gate = new();
    private readonly object writeGate = new();
    private readonly List<JournalManifestSegment> segments;
    private JournalManifest written;
    private long durable;
    private long prunedBefore;
    private bool dirty;

    public JournalCheckpointer(string directory, JournalManifest manifest)
    {
        this.directory = directory;
        written = manifest;
        segments = [.. manifest.Segments];
        durable = manifest.LastDurableSequence;
        prunedBefore = manifest.PrunedBefore;
    }

    /// <summary>The journal's id (written into every new segment header).</summary>
    public ulong JournalId => written.JournalId;

    /// <summary>The last manifest written.</summary>
    public JournalManifest Written
    {
        get
        {
            lock (gate)
            {
                return written;
            }
        }
    }

    /// <summary>The pruned-before mark.</summary>
    public long PrunedBefore
    {
        get
        {
            lock (gate)
            {
                return prunedBefore;
            }
        }
    }

    /// <summary>
    /// Roll-over: the open segment (if any) was sealed with its last record at <paramref name="lastSequence"/> and
    /// its end marker at <paramref name="endOffset"/>, and the segment <paramref name="nextFirst"/> was created.
    /// </summary>
    public void RolledOver(long lastSequence, long firstTimestamp, long lastTimestamp, long endOffset, long nextFirst, ulong nextId)
    {
        lock (gate)
        {
            if (segments.Count > 0 && segments[^1].Open)
            {
                segments[^1] = segments[^1] with
                {
                    LastSequence = lastSequence,
                    FirstTimestamp = lastSequence >= segments[^1].FirstSequence ? firstTimestamp : 0,
                    LastTimestamp = lastSequence >= segments[^1].FirstSequence ? lastTimestamp : 0,
                    EndOffset = endOffset,
                    Open = false,
                };
            }

            segments.Add(new JournalManifestSegment(nextFirst, nextFirst - 1, nextId, 0, 0, 0, Open: true, Compressed: false));
            dirty = true;
        }
    }

    /// <summary>The segment starting at <paramref name="firstSequence"/> is now compressed.</summary>
    public void Compressed(long firstSequence)
    {
        lock (gate)
        {
            int i = segments.FindIndex(s => s.FirstSequence == firstSequence);
            if (i >= 0 && !segments[i].Compressed)
            {
                segments[i] = segments[i] with { Compressed = true };
                dirty = true;
            }
        }
    }

    /// <summary>Every record up to <paramref name="sequence"/> is durable (the mark only moves forward).</summary>
    public void Durable(long sequence)
    {
        lock (gate)
        {
            if (sequence > durable)
            {
                durable = sequence;
                dirty = true;
            }
        }
    }

    /// <summary>
    /// Removes the closed segments entirely below <paramref name="beforeSequence"/> from the manifest (the first
    /// remaining segment's first sequence becomes the pruned-before mark) and returns them; the caller writes the
    /// manifest (<see cref="Checkpoint"/>) before deleting their files.
    /// </summary>
    public List<JournalManifestSegment> Prune(long beforeSequence)
    {
        lock (gate)
        {
            var removed = new List<JournalManifestSegment>();
            while (segments.Count > 1 && !segments[0].Open && segments[0].LastSequence < beforeSequence)
            {
                removed.Add(segments[0]);
                segments.RemoveAt(0);
            }

            if (removed.Count > 0)
            {
                prunedBefore = Math.Max(prunedBefore, segments[0].FirstSequence);
                dirty = true;
            }

            return removed;
        }
    }

    /// <summary>Writes the manifest when anything changed since the last write (or when <paramref name="force"/>).</summary>
    /// <remarks>
    /// The state is copied under the lock and written outside it: the engine thread's roll-over (<see cref="RolledOver"/>)
    /// never waits for the manifest's write and fsync, nor for a low-priority background thread in the middle of them.
    /// </remarks>
    /// <exception cref="IOException">The manifest could not be written (the previous one stays in place).</exception>
    public void Checkpoint(bool force = false)
    {
        lock (writeGate)
        {
            JournalManifest next;
            lock (gate)
            {
                if (!dirty && !force)
                {
                    return;
                }

                next = written.With([.. segments], durable, prunedBefore);
                dirty = false;
            }

            try
            {
                next.Write(directory);
            }
            catch
            {
                lock (gate)
                {
                    dirty = true;
                }

                throw;
            }

            lock (gate)
            {
                written = next;
            }
        }
    }

    /// <summary>As <see cref="Checkpoint"/>, logging a failure instead of throwing (background use).</summary>
    public bool TryCheckpoint(ILogger? logger)
    {
        try
        {
            Checkpoint();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger?.LogManifestWriteFailed(ex, directory);
            return false;
        }
    }
}
