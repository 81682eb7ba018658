namespace MultiAsset.Engine.Journal;

/// <summary>One segment of a journal as found on disk.</summary>
/// <param name="FirstSequence">Sequence of its first record (its file name).</param>
/// <param name="Path">The file read: the plain file when both forms exist.</param>
/// <param name="Compressed">Whether <paramref name="Path"/> is a <c>.journal.lz4</c> archive.</param>
/// <param name="FileSize">Bytes on disk.</param>
/// <param name="RecordCount">Records in it (−1 while unknown: a live segment not yet read to its end).</param>
/// <param name="FirstTimestamp">Timestamp of its first record (0 when it has none or it is not yet known).</param>
/// <param name="LastTimestamp">Timestamp of its last record (0 when it has none or it is not yet known).</param>
/// <param name="Sealed">Whether it ends with an end marker (every segment but the one being written).</param>
public sealed record JournalSegmentInfo(
    long FirstSequence, string Path, bool Compressed, long FileSize, long RecordCount, long FirstTimestamp, long LastTimestamp, bool Sealed)
{
    /// <summary>Sequence of its last record (FirstSequence − 1 when empty or unknown).</summary>
    public long LastSequence => FirstSequence + Math.Max(RecordCount, 0) - 1;
}
