namespace MultiAsset.Engine.Journal.Audit;

/// <summary>How the audit trail is written: the journal's durability, chain key and checkpoint distance, and a ring size.</summary>
public sealed class AuditTrailOptions
{
    /// <summary>Default ring capacity: 65 536 records (8 MiB).</summary>
    public const int DefaultCapacity = 1 << 16;

    /// <summary>The trail's directory (created when missing).</summary>
    public required string Directory { get; init; }

    /// <summary>
    /// <see cref="JournalDurability.Sync"/>: each batch the writer thread writes is fdatasynced before the next;
    /// <see cref="JournalDurability.Async"/>: written to the page cache (survives the process, not a power loss).
    /// Either way the trail can be regenerated from the journal, which is the record of truth.
    /// </summary>
    public JournalDurability Durability { get; init; } = JournalDurability.Sync;

    /// <summary>Whether records are hash-chained and checkpointed (<c>journal.chain</c>).</summary>
    public bool Chain { get; init; } = true;

    /// <summary>The chain's key (<c>journal.hmacKey</c>); null: unauthenticated.</summary>
    public byte[]? HmacKey { get; init; }

    /// <summary>Records between authenticated checkpoints (a power of two).</summary>
    public int CheckpointEvery { get; init; } = JournalOptions.DefaultChainCheckpointEvery;

    /// <summary>Records the ring between the engine thread and the writer thread holds (a power of two).</summary>
    public int Capacity { get; init; } = DefaultCapacity;

    /// <summary>The trail of a journal: in <paramref name="journal"/>'s audit directory, with its durability and chain settings.</summary>
    public static AuditTrailOptions For(JournalOptions journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return new AuditTrailOptions
        {
            Directory = journal.AuditDirectory,
            Durability = journal.Durability,
            Chain = journal.Chain,
            HmacKey = journal.HmacKey,
            CheckpointEvery = journal.ChainCheckpointEvery,
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new ArgumentException("The audit trail's directory is required.", nameof(Directory));
        }

        if (CheckpointEvery < 1 || (CheckpointEvery & (CheckpointEvery - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(CheckpointEvery), CheckpointEvery, "CheckpointEvery must be a power of two.");
        }

        if (Capacity < 16 || (Capacity & (Capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, "Capacity must be a power of two ≥ 16.");
        }
    }
}
