namespace MultiAsset.Engine.Journal;

/// <summary>When an appended record counts as acknowledged (durable).</summary>
public enum JournalDurability
{
    /// <summary>
    /// Durable on disk: <see cref="JournalWriter.Flush"/> writes the appended range to storage (msync) and only then
    /// advances <see cref="JournalWriter.AcknowledgedSequence"/>. Survives a power loss or OS crash. The host flushes
    /// at the end of every batch and gates the business stages on the journal.
    /// </summary>
    Sync = 0,

    /// <summary>
    /// Durable once in the OS page cache: a record is acknowledged as soon as it is appended. Survives a crash of the
    /// engine process (SIGKILL included), not a power loss; the business stages run beside the journal.
    /// </summary>
    Async = 1,
}
