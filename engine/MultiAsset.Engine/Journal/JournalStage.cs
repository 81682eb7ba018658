using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// The journaller: a handler on the input ring that appends every event, as its producer published it, to the
/// journal under its ring sequence, and flushes at the end of every batch. With <see cref="JournalDurability.Sync"/>
/// the flush waits for the disk and the business stages run after it (an event is on disk before it changes any
/// state); with <see cref="JournalDurability.Async"/> the flush only writes the batch into the page cache (safe
/// against a process crash, not a power cut) and the stages run beside the journaller, or behind it when fused on
/// its thread (then every event is written before any stage sees it).
/// </summary>
/// <remarks>
/// Journal sequences are the journal's own contiguous count of input events. After a restart the n recovered records
/// are replayed through the ring before any feed starts, so the first n events the journaller sees are exactly those
/// records and it does not append them again. (Slots a producer failed to fill are skipped by every stage, the
/// journaller included, so they never leave a gap.) The market-data verdict byte is derived state and is written as
/// zero: the journal holds exactly the input whatever the stage beside it has already decided. Read-only queries
/// (<see cref="InputEvent.IsQuery"/>) share the ring but are not input: they are skipped.
/// </remarks>
public sealed class JournalStage : IValueEventHandler<InputEvent>
{
    private readonly JournalWriter writer;
    private readonly IClock clock;
    private readonly long recovered;
    private long replayRemaining;
    private long batchTime;
    private bool newBatch = true;

    /// <summary>Creates the journaller over an opened (recovered) writer.</summary>
    public JournalStage(JournalWriter writer, JournalDurability durability, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(clock);
        this.writer = writer;
        this.clock = clock;
        _ = durability; // the writer's own mode decides what a flush waits for
        recovered = writer.NextSequence;
        replayRemaining = recovered;
        ReplayedRecords = recovered;
    }

    /// <summary>Records already in the journal at start (replayed, not appended again).</summary>
    public long RecoveredRecords => recovered;

    /// <summary>Records that will be replayed through the ring at start (and so not appended again).</summary>
    public long ReplayedRecords { get; private set; }

    /// <summary>
    /// Recovery from a snapshot: only records [<paramref name="firstReplayed"/>, <see cref="RecoveredRecords"/>) are
    /// replayed through the ring (the snapshot holds the state of the ones before), so only that many events are
    /// skipped before appending resumes. Call before the pipeline sees any event.
    /// </summary>
    public void ReplayFrom(long firstReplayed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstReplayed);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstReplayed, recovered);
        replayRemaining = recovered - firstReplayed;
        ReplayedRecords = replayRemaining;
    }

    /// <summary>
    /// The first failure to append (disk full, I/O error), if any. From then on the journal no longer covers the
    /// input, so the host stops the engine instead of running on without durability.
    /// </summary>
    public JournalException? Failure => Volatile.Read(ref failure);

    private JournalException? failure;

    /// <summary>The writer (for acknowledged-sequence reporting).</summary>
    public JournalWriter Writer => writer;

    /// <inheritdoc />
    public void OnEvent(ref InputEvent evt, long sequence, bool endOfBatch)
    {
        if (evt.IsQuery)
        {
            // A read is not input: never journalled, so a replay rebuilds the state whatever was read meanwhile.
        }
        else if (replayRemaining > 0)
        {
            replayRemaining--;
        }
        else
        {
            // Record time is the engine clock, read once per batch: monotonic, so the journal can be searched by time
            // even when feeds interleave event times.
            if (newBatch)
            {
                batchTime = clock.NowNanoseconds;
                newBatch = false;
            }

            try
            {
                writer.AppendInput(batchTime, in evt);
            }
            catch (JournalException ex)
            {
                Interlocked.CompareExchange(ref failure, ex, null);
                throw;
            }
        }

        if (endOfBatch)
        {
            newBatch = true;
            try
            {
                writer.Flush();
            }
            catch (JournalException ex)
            {
                Interlocked.CompareExchange(ref failure, ex, null);
                throw;
            }
        }
    }
}
