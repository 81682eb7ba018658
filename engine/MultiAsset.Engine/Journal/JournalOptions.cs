namespace MultiAsset.Engine.Journal;

/// <summary>
/// How the journal is written. Immutable; validated by <see cref="Validate"/> (the writer calls it) and read from the
/// <c>journal</c> section of engine.json by <see cref="JournalOptionsReader"/>.
/// </summary>
public sealed class JournalOptions
{
    /// <summary>Default segment size: 64 MiB.</summary>
    public const long DefaultSegmentSize = 64L * 1024 * 1024;

    /// <summary>Smallest segment size accepted: 64 KiB (tests use it to roll over often).</summary>
    public const long MinimumSegmentSize = 64L * 1024;

    /// <summary>Largest segment size accepted: 1 GiB (a compressed segment is one LZ4 block, limited to 2 GiB).</summary>
    public const long MaximumSegmentSize = 1024L * 1024 * 1024;

    /// <summary>Default distance between sparse-index entries, in records.</summary>
    public const int DefaultIndexEvery = 4096;

    /// <summary>Directory holding the segment files (created when missing).</summary>
    public required string Directory { get; init; }

    /// <summary>Size of every segment file in bytes, a multiple of 4096 in [<see cref="MinimumSegmentSize"/>, <see cref="MaximumSegmentSize"/>].</summary>
    public long SegmentSize { get; init; } = DefaultSegmentSize;

    /// <summary>When appended records count as acknowledged.</summary>
    public JournalDurability Durability { get; init; } = JournalDurability.Sync;

    /// <summary>Whether sealed segments are compressed to <c>.journal.lz4</c> in the background.</summary>
    public bool CompressClosedSegments { get; init; } = true;

    /// <summary>
    /// Scheduling priority of the background thread that syncs, compresses and prunes sealed segments (default
    /// <see cref="JournalBackgroundPriority.Idle"/>: compression runs on CPU time nothing else wants).
    /// </summary>
    public JournalBackgroundPriority BackgroundPriority { get; init; } = JournalBackgroundPriority.Idle;

    /// <summary>Records between sparse-index entries built by readers (smaller: faster seeks, more memory).</summary>
    public int IndexEvery { get; init; } = DefaultIndexEvery;

    /// <summary>
    /// How often the background thread records the last durable sequence in the manifest (roll-overs, compressions
    /// and prunes are recorded as they happen). Never per record: a record acknowledged after the last checkpoint is
    /// protected by the segment's identity in the manifest, not by the durable mark.
    /// </summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether records are hash-chained (format version 3, the default). False writes format-version-2 segments with
    /// CRCs only (for measuring the chain's cost, or for a reader built before version 3).
    /// </summary>
    public bool Chain { get; init; } = true;

    /// <summary>
    /// The secret key of the hash chain's checkpoints (<c>journal.hmacKey</c> or <c>journal.hmacKeyFile</c>). Null:
    /// the chain still detects accidental damage but authenticates nothing (verify says "unauthenticated").
    /// </summary>
    public byte[]? HmacKey { get; init; }

    /// <summary>
    /// Whether the order audit trail (the output log: orders, risk verdicts, routing, venue reports, kill switches,
    /// commands; docs/audit-trail.md) is written beside the journal (<c>journal.audit</c>, default on).
    /// </summary>
    public bool AuditTrail { get; init; } = true;

    /// <summary>Where the audit trail goes (<c>journal.auditDirectory</c>); default <c>{directory}/audit</c>.</summary>
    public string AuditDirectory
    {
        get => auditDirectory ?? Path.Combine(Directory, MultiAsset.Engine.Journal.Audit.AuditTrailFiles.DefaultFolder);
        init => auditDirectory = value;
    }

    private readonly string? auditDirectory;

    /// <summary>Default distance between authenticated chain checkpoints, in records.</summary>
    public const int DefaultChainCheckpointEvery = 4096;

    /// <summary>Records between authenticated checkpoints in <c>journal.chain</c> (a power of two).</summary>
    public int ChainCheckpointEvery { get; init; } = DefaultChainCheckpointEvery;

    /// <summary>
    /// Creates (and preallocates to the given size) a new segment file. Tests replace it to simulate a full disk;
    /// the default preallocates with fallocate so that a full disk fails here, never later as SIGBUS on a mapped write.
    /// </summary>
    internal Func<string, long, FileStream> CreateSegmentFile { get; init; } = DefaultCreateSegmentFile;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new ArgumentException("Journal directory is required.", nameof(Directory));
        }

        if (SegmentSize < MinimumSegmentSize || SegmentSize > MaximumSegmentSize || SegmentSize % 4096 != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(SegmentSize), SegmentSize, $"Segment size must be a multiple of 4096 in [{MinimumSegmentSize}, {MaximumSegmentSize}] bytes.");
        }

        if (!Enum.IsDefined(Durability))
        {
            throw new ArgumentOutOfRangeException(nameof(Durability), Durability, "Unknown durability.");
        }

        if (CheckpointInterval <= TimeSpan.Zero || CheckpointInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(CheckpointInterval), CheckpointInterval, "CheckpointInterval must be positive and at most an hour.");
        }

        if (!Enum.IsDefined(BackgroundPriority))
        {
            throw new ArgumentOutOfRangeException(nameof(BackgroundPriority), BackgroundPriority, "Unknown background priority.");
        }

        if (ChainCheckpointEvery < 1 || (ChainCheckpointEvery & (ChainCheckpointEvery - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ChainCheckpointEvery), ChainCheckpointEvery, "ChainCheckpointEvery must be a power of two.");
        }

        if (IndexEvery < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IndexEvery), IndexEvery, "IndexEvery must be at least 1.");
        }
    }

    private static FileStream DefaultCreateSegmentFile(string path, long size)
        => new(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.ReadWrite | FileShare.Delete,
            PreallocationSize = size,
        });
}
