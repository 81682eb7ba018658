namespace MultiAsset.Engine.Journal;

/// <summary>One segment as the manifest records it.</summary>
/// <param name="FirstSequence">Sequence of its first record (its file name).</param>
/// <param name="LastSequence">Sequence of its last record when closed (FirstSequence − 1 when empty); unknown (FirstSequence − 1) while open.</param>
/// <param name="SegmentId">The random id in its header (0 for a version-1 segment adopted from an older journal).</param>
/// <param name="FirstTimestamp">Timestamp of its first record (0 while open or empty).</param>
/// <param name="LastTimestamp">Timestamp of its last record (0 while open or empty).</param>
/// <param name="EndOffset">Offset of its end marker in the plain image (0 while open): open checks the marker is there without reading the records.</param>
/// <param name="Open">Whether it is the segment being appended to (not sealed when the manifest was written).</param>
/// <param name="Compressed">Whether it was compressed to <c>.journal.lz4</c> when the manifest was written (informational: either form is accepted).</param>
public readonly record struct JournalManifestSegment(
    long FirstSequence, long LastSequence, ulong SegmentId, long FirstTimestamp, long LastTimestamp, long EndOffset, bool Open, bool Compressed)
{
    /// <summary>Records in it when closed.</summary>
    public long RecordCount => LastSequence - FirstSequence + 1;

    /// <summary>The file name of its plain or compressed form.</summary>
    public string FileName => System.IO.Path.GetFileName(Compressed ? JournalFileNames.Archive(string.Empty, FirstSequence) : JournalFileNames.Plain(string.Empty, FirstSequence));
}
