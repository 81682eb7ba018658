using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Snapshots;

namespace MultiAsset.Host;

/// <summary>
/// Recovery = newest valid snapshot + journal tail. At start the newest snapshot that is intact, of this
/// configuration and not ahead of the journal is restored into the freshly built stages (in place); the chain is told
/// that input-ring sequence 0 is the snapshot's sequence, the journaller how many records will be replayed (so it
/// appends none of them again), and the records after the snapshot are replayed through the ring. Without a usable
/// snapshot the whole journal is replayed, as before. The result is the same state, digest for digest, as a full replay.
/// </summary>
public static partial class SnapshotRecovery
{
    /// <summary>
    /// Restores the newest usable snapshot (if any) and publishes the journal records after it into the input ring
    /// (the pipeline drains them); returns the first replayed record's sequence (0: full replay).
    /// </summary>
    /// <exception cref="JournalException">The journal tail cannot be replayed.</exception>
    /// <exception cref="SnapshotException">A snapshot passed its checks but could not be restored (the stages are then unusable).</exception>
    public static long Recover(EngineRuntime engine, HostConfig config, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (engine.Journal is not { } journal)
        {
            return 0;
        }

        var records = journal.RecoveredRecords;
        var from = RestoreNewest(engine, config, logger);
        if (engine.AuditTrail is { } trail && trail.ResumeAfterInput < from - 1)
        {
            // The snapshot is ahead of the trail (its tail was lost with an async write): the inputs between are not replayed.
            LogAuditGap(logger, trail.ResumeAfterInput + 1, from - 1, trail.Options.Directory);
        }

        // Records [from, records): the journal's reader seeks straight to the segment holding `from` (its upper bound is inclusive).
        JournalReplayer.Replay(journal.Writer.Options.Directory, from, records - 1, engine.Input);

        return from;
    }

    /// <summary>
    /// Restores the newest usable snapshot into the engine's stages before any event is published; returns its
    /// sequence, or 0 when there is none (every skipped snapshot is logged with the reason).
    /// </summary>
    public static long RestoreNewest(EngineRuntime engine, HostConfig config, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(logger);
        if (engine.Snapshots is not { } scheduler || config.Snapshots is not { } options || engine.Journal is not { } journal)
        {
            return 0;
        }

        var loading = Stopwatch.GetTimestamp();
        var loaded = SnapshotStore.LoadNewest(
            options.Directory, config.Fingerprint, journal.RecoveredRecords, (path, reason) => LogSkipped(logger, path, reason),
            snapshot => StateTypeTable.FindChange(snapshot.Body, EngineSnapshotPolicy.Instance) is { } change ? $"it was written by another build of the stages: {change}" : null);
        if (loaded is null)
        {
            return 0;
        }

        var started = Stopwatch.GetTimestamp();
        var loadMs = Stopwatch.GetElapsedTime(loading, started).TotalMilliseconds;
        try
        {
            new StateGraphReader(EngineSnapshotPolicy.Instance).Restore(loaded.Body, engine.Stages.SnapshotRoots);
        }
        catch (SnapshotException ex)
        {
            throw new SnapshotException($"{loaded.Path}: the snapshot is intact but cannot be restored into this build's stages ({ex.Message}); move it out of {options.Directory} to recover from an older snapshot or the whole journal", ex);
        }

        var sequence = loaded.Header.Sequence;
        engine.InputSequenceBase = sequence;
        journal.ReplayFrom(sequence);
        scheduler.CoveredRecords = sequence;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogRestored(logger, loaded.Path, sequence, loaded.Header.BodyLength, loadMs, elapsed, journal.RecoveredRecords - sequence);
        return sequence;
    }

    /// <summary>
    /// After an orderly stop (pipeline stopped and drained, journal healthy): takes a last snapshot so the next start
    /// replays nothing, and waits for it to be on disk.
    /// </summary>
    public static void TakeFinal(EngineRuntime engine, bool drained)
    {
        ArgumentNullException.ThrowIfNull(engine);
        // After a journal failure the stages may have processed input the journal does not hold: no snapshot then.
        if (drained && engine.Journal is { Failure: null } && engine.Snapshots is { } scheduler
            && scheduler.WaitIdle(TimeSpan.FromSeconds(30)) && scheduler.TakeNow())
        {
            scheduler.WaitIdle(TimeSpan.FromSeconds(30));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot {File} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit trail lacks the order events of inputs {First}..{Last}: they are before the restored snapshot and are not replayed; to regenerate a complete trail move {Directory} aside and recover with the snapshots moved aside (a full replay)")]
    private static partial void LogAuditGap(ILogger logger, long first, long last, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "restored snapshot {File} (state after {Sequence} records, {Bytes:N0} bytes): read and checked in {LoadMilliseconds:N1} ms, restored in {Milliseconds:N1} ms; replaying the {Tail} records after it")]
    private static partial void LogRestored(ILogger logger, string file, long sequence, long bytes, double loadMilliseconds, double milliseconds, long tail);
}
