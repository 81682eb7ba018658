using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>
/// Takes the periodic snapshots. <see cref="AfterEvent"/> runs on the engine thread after every input event (the
/// consistent point: the event and everything it caused went through every stage, the next one has not started);
/// when an interval has passed it serializes the stages into a reused buffer there — the engine's only pause — and
/// hands the bytes to a background thread that writes the file (CRC, fsync, rename), prunes old snapshots and retires
/// journal segments. While one is still being written the next trigger is skipped (and counted).
/// </summary>
/// <remarks>
/// <para>Per event the cost is a counter increment and a compare (the clock is read at most every 4 096 events).</para>
/// <para><b>Pause budget.</b> A due snapshot waits until the engine has run for at least
/// (100 / <see cref="SnapshotOptions.PauseBudgetPercent"/> − 1) times the last capture's pause since that capture
/// ended, so captures never take more than that share of the engine thread: at the default 1 % a 20 ms capture
/// allows the next one 1.98 s later. The event interval alone would not: at millions of events per second, 250 000
/// events are a few tens of milliseconds and the engine would spend a fifth of its time in captures. Recovery then
/// replays at most the input of that gap: about as long to replay as it took to run, a second or two.</para>
/// <para>A capture that fails (a stage holds something the serializer refuses) is logged once and turns snapshots
/// off: the engine keeps running and recovery falls back to the last good snapshot plus a longer journal tail.</para>
/// </remarks>
public sealed class SnapshotScheduler : IDisposable
{
    private const int ClockCheckMask = 4095;
    private readonly SnapshotOptions options;
    private readonly ulong fingerprint;
    private readonly IReadOnlyList<object> roots;
    private readonly StateGraphWriter writer;
    private readonly SnapshotBuffer buffer = new(1 << 20);
    private readonly JournalWriter journal;
    private readonly ILogger logger;
    private readonly Thread thread;
    private readonly SemaphoreSlim due = new(0);
    private readonly long everyTicks;
    private readonly Func<long> timestamp;
    private readonly double gapPerCaptureTick;
    private long sinceLast;
    private long countdown;
    private long lastTaken;
    private long notBefore;
    private long pendingSequence;
    private double pendingCaptureMs;
    private volatile bool writing;
    private volatile bool stopping;
    private bool disabled;

    /// <summary>Creates the scheduler and its writer thread for <paramref name="roots"/> (the stages, in a fixed order).</summary>
    public SnapshotScheduler(SnapshotOptions options, ulong fingerprint, IReadOnlyList<object> roots, StateGraphPolicy policy, JournalWriter journal, ILogger? logger = null)
        : this(options, fingerprint, roots, policy, journal, logger, Stopwatch.GetTimestamp)
    {
    }

    /// <summary>As the public constructor, with the clock (Stopwatch ticks) the intervals and the pause budget are measured on.</summary>
    internal SnapshotScheduler(SnapshotOptions options, ulong fingerprint, IReadOnlyList<object> roots, StateGraphPolicy policy, JournalWriter journal, ILogger? logger, Func<long> timestamp)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(timestamp);
        if (!(options.PauseBudgetPercent > 0 && options.PauseBudgetPercent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PauseBudgetPercent, "PauseBudgetPercent must be in (0, 100].");
        }

        this.options = options;
        this.fingerprint = fingerprint;
        this.roots = roots;
        this.journal = journal;
        this.logger = logger ?? NullLogger.Instance;
        writer = new StateGraphWriter(policy);
        this.timestamp = timestamp;
        everyTicks = options.Every > TimeSpan.Zero ? (long)(options.Every.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        gapPerCaptureTick = (100.0 / options.PauseBudgetPercent) - 1.0;
        lastTaken = timestamp();
        countdown = NextCheck();
        thread = new Thread(WriteLoop) { Name = "mae-snapshot-writer", IsBackground = true };
        thread.Start();
    }

    /// <summary>Journal records the stages' state covers (set once before the engine starts: the restored snapshot's sequence, else 0).</summary>
    public long CoveredRecords { get; set; }

    /// <summary>Snapshots written.</summary>
    public long Written => Interlocked.Read(ref written);

    /// <summary>Triggers skipped because the previous snapshot was still being written.</summary>
    public long Skipped => Interlocked.Read(ref skipped);

    /// <summary>Checks at which a due snapshot waited for the pause budget (see the remarks).</summary>
    public long Deferred { get; private set; }

    /// <summary>Snapshots that could not be captured or written.</summary>
    public long Failures => Interlocked.Read(ref failures);

    /// <summary>Engine pause of the last capture, in milliseconds.</summary>
    public double LastCaptureMilliseconds { get; private set; }

    /// <summary>Background time of the last file write (write, fsync, rename), in milliseconds.</summary>
    public double LastWriteMilliseconds { get; private set; }

    /// <summary>Body size of the last snapshot, in bytes.</summary>
    public long LastBytes { get; private set; }

    private long written;
    private long skipped;
    private long failures;

    /// <summary>
    /// Serializes the stages once without writing, so the type analysis (reflection) happens before the engine runs
    /// rather than in the first snapshot's pause. Call before the pipeline starts.
    /// </summary>
    public void Warm()
    {
        try
        {
            writer.Write(roots, buffer);
        }
        catch (SnapshotException ex)
        {
            Fail(ex);
        }
    }

    /// <summary>The engine thread's hook after each input event.</summary>
    public void AfterEvent(long sequence)
    {
        CoveredRecords++;
        sinceLast++;
        if (--countdown > 0 || disabled)
        {
            return;
        }

        Check();
    }

    /// <summary>Events until the next check: the event interval exactly, and the clock at least every 4 096 events.</summary>
    private long NextCheck()
        => options.EveryEvents > 0 && sinceLast < options.EveryEvents ? Math.Min(options.EveryEvents - sinceLast, ClockCheckMask + 1) : ClockCheckMask + 1;

    private void Check()
    {
        long now = timestamp();
        bool due = (options.EveryEvents > 0 && sinceLast >= options.EveryEvents) || now - lastTaken >= everyTicks;
        if (!due)
        {
            countdown = NextCheck();
            return;
        }

        if (now < notBefore)
        {
            // Due, but the last capture's pause has not been paid for yet: look again in 4 096 events.
            Deferred++;
            countdown = ClockCheckMask + 1;
            return;
        }

        sinceLast = 0;
        lastTaken = now;
        countdown = NextCheck();
        if (writing)
        {
            Interlocked.Increment(ref skipped);
            return;
        }

        TakeNow();
    }

    /// <summary>Captures a snapshot now (engine thread, or with the engine stopped) and queues it for writing; false when one is still being written.</summary>
    public bool TakeNow()
    {
        if (disabled || writing)
        {
            return false;
        }

        var started = timestamp();
        try
        {
            writer.Write(roots, buffer);
        }
        catch (SnapshotException ex)
        {
            Fail(ex);
            return false;
        }

        var ended = timestamp();
        notBefore = ended + (long)((ended - started) * gapPerCaptureTick);
        Captured?.Invoke(started, ended);
        pendingCaptureMs = (ended - started) * 1000.0 / Stopwatch.Frequency;
        LastCaptureMilliseconds = pendingCaptureMs;
        pendingSequence = CoveredRecords;
        writing = true;
        due.Release();
        return true;
    }

    /// <summary>For tests: called on the capturing thread after each capture with its start and end timestamps.</summary>
    internal Action<long, long>? Captured { get; set; }

    /// <summary>Waits until the snapshot being written (if any) is on disk.</summary>
    public bool WaitIdle(TimeSpan timeout) => SpinWait.SpinUntil(() => !writing, timeout);

    private void Fail(SnapshotException ex)
    {
        disabled = true;
        Interlocked.Increment(ref failures);
        logger.LogCaptureFailed(ex);
    }

    private void WriteLoop()
    {
        while (true)
        {
            due.Wait();
            if (stopping)
            {
                return;
            }

            var name = SnapshotFile.Name(pendingSequence);
            try
            {
                var started = Stopwatch.GetTimestamp();
                var now = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
                var path = SnapshotFile.Write(options.Directory, fingerprint, pendingSequence, now, buffer.Written);
                LastWriteMilliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LastBytes = buffer.Length;
                Interlocked.Increment(ref written);
                logger.LogWritten(path, pendingSequence, buffer.Length, pendingCaptureMs, LastWriteMilliseconds);
                var oldest = SnapshotStore.Prune(options.Directory, options.Keep);
                RetireSegments(oldest);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JournalException)
            {
                Interlocked.Increment(ref failures);
                logger.LogWriteFailed(ex, name);
            }
            finally
            {
                writing = false;
            }
        }
    }

    /// <summary>
    /// Applies the segment policy below the oldest kept snapshot through the journal's own prune, so its manifest's
    /// pruned-before mark moves with the files (a segment removed behind its back would be reported missing on the
    /// next open). The journal never prunes its open segment.
    /// </summary>
    private void RetireSegments(long oldestKept)
    {
        if (options.Segments == SegmentRetention.Keep || oldestKept <= 0)
        {
            return;
        }

        var archive = options.Segments == SegmentRetention.Archive ? options.ArchiveDirectory : null;
        var result = journal.Prune(oldestKept, archive).GetAwaiter().GetResult();
        if (result.Files.Count > 0)
        {
            logger.LogRetired(result.Files.Count, oldestKept, archive is null ? "deleted" : $"moved to {archive}");
        }
    }

    /// <summary>Waits for a snapshot being written, then stops the writer thread.</summary>
    public void Dispose()
    {
        WaitIdle(TimeSpan.FromSeconds(30));
        stopping = true;
        due.Release();
        thread.Join();
        due.Dispose();
    }
}
