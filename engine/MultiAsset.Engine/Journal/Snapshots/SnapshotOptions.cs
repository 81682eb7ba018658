namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>What happens to journal segments whose records all precede the oldest kept snapshot.</summary>
public enum SegmentRetention
{
    /// <summary>Kept (the journal stays a full history; recovery still starts from the newest snapshot).</summary>
    Keep,

    /// <summary>Deleted once a kept snapshot covers them.</summary>
    Delete,

    /// <summary>Moved to <see cref="SnapshotOptions.ArchiveDirectory"/> once a kept snapshot covers them.</summary>
    Archive,
}

/// <summary>
/// The <c>snapshots</c> section of engine.json (next to <c>journal</c>): how often the engine writes its state to a
/// snapshot, how many it keeps, and what happens to the journal segments the oldest kept one makes unnecessary.
/// A snapshot is due when either interval has passed since the last one (0 turns that interval off).
/// </summary>
public sealed class SnapshotOptions
{
    /// <summary>
    /// Events between snapshots by default: recovery then replays at most about this many records (about 1 s at the
    /// engine's replay rate on the 2-core reference machine), and a snapshot of the default run's state (about 23–33 MB,
    /// a 3–40 ms capture) is taken about once a second at that rate; faster, <see cref="PauseBudgetPercent"/> spaces them.
    /// </summary>
    public const long DefaultEveryEvents = 250_000;

    /// <summary>Seconds between snapshots by default.</summary>
    public const int DefaultEverySeconds = 60;

    /// <summary>Default pause budget: 1 % of the engine thread.</summary>
    public const double DefaultPauseBudgetPercent = 1;

    /// <summary>Snapshots kept by default (older ones are deleted after each new one).</summary>
    public const int DefaultKeep = 3;

    /// <summary>Where snapshot files go (default <c>&lt;journal&gt;/snapshots</c>).</summary>
    public required string Directory { get; init; }

    /// <summary>False turns snapshots off: recovery replays the whole journal.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Input events between snapshots (0: no event interval).</summary>
    public long EveryEvents { get; init; } = DefaultEveryEvents;

    /// <summary>Wall-clock time between snapshots (zero: no time interval).</summary>
    public TimeSpan Every { get; init; } = TimeSpan.FromSeconds(DefaultEverySeconds);

    /// <summary>
    /// Most of the engine thread's time, in percent, that capture pauses may take (0 &lt; p ≤ 100; 100: no limit): after
    /// a capture of d ms the next waits until the engine has run (100/p − 1)·d ms (<see cref="SnapshotScheduler"/>).
    /// </summary>
    public double PauseBudgetPercent { get; init; } = DefaultPauseBudgetPercent;

    /// <summary>Newest snapshots kept (at least 1; keep 2 or more so a damaged newest one has a fallback).</summary>
    public int Keep { get; init; } = DefaultKeep;

    /// <summary>What happens to journal segments older than the oldest kept snapshot.</summary>
    public SegmentRetention Segments { get; init; } = SegmentRetention.Keep;

    /// <summary>Where <see cref="SegmentRetention.Archive"/> moves old segments.</summary>
    public string? ArchiveDirectory { get; init; }
}
