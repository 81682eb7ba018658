using System.Globalization;
using System.Text;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// What the recovery scan found when a journal was opened: the segments and records kept, and what was truncated
/// (only ever an unacknowledged torn tail of the last segment) and why.
/// </summary>
public sealed class JournalRecoveryReport
{
    /// <summary>The journal directory.</summary>
    public required string Directory { get; init; }

    /// <summary>Every segment, in sequence order, after recovery.</summary>
    public required IReadOnlyList<JournalSegmentInfo> Segments { get; init; }

    /// <summary>Records kept.</summary>
    public long Records { get; init; }

    /// <summary>Sequence of the first record kept (−1 when the journal is empty).</summary>
    public long FirstSequence { get; init; } = -1;

    /// <summary>Sequence of the last record kept (−1 when the journal is empty).</summary>
    public long LastSequence { get; init; } = -1;

    /// <summary>Timestamp of the first record kept (0 when empty).</summary>
    public long FirstTimestamp { get; init; }

    /// <summary>Timestamp of the last record kept (0 when empty).</summary>
    public long LastTimestamp { get; init; }

    /// <summary>Bytes of torn or corrupt tail zeroed in the last segment (0 when the tail was clean).</summary>
    public long TruncatedBytes { get; init; }

    /// <summary>Partial records in the truncated tail (records that were being written when the process stopped).</summary>
    public int TruncatedRecords { get; init; }

    /// <summary>The segment whose tail was truncated, or null.</summary>
    public string? TruncatedFile { get; init; }

    /// <summary>Offset in <see cref="TruncatedFile"/> where the truncated tail started.</summary>
    public long TruncatedOffset { get; init; }

    /// <summary>Why the tail was truncated (what was found at <see cref="TruncatedOffset"/>), or null.</summary>
    public string? TruncationReason { get; init; }

    /// <summary>
    /// Whether the truncation was applied (a writer's recovery) or only detected (inspection, which never changes
    /// the journal: the next writer open truncates it).
    /// </summary>
    public bool TruncationApplied { get; init; }

    /// <summary>Leftovers of an interrupted segment creation or compression that were deleted (or would be).</summary>
    public IReadOnlyList<string> RemovedFiles { get; init; } = [];

    /// <summary>The journal's random id (from its manifest; new when the manifest was created by this open).</summary>
    public ulong JournalId { get; init; }

    /// <summary>Records before this sequence were pruned on purpose (the manifest's mark; 0 when none were).</summary>
    public long PrunedBefore { get; init; }

    /// <summary>The last sequence the manifest recorded as durable when the journal was opened (−1 when none).</summary>
    public long LastDurableSequence { get; init; } = -1;

    /// <summary>Whether the journal had no manifest (written before manifests, or new) and one was built by this scan.</summary>
    public bool ManifestCreated { get; init; }

    /// <summary>Segments found after the manifest's last one that continue the journal (roll-overs it had not recorded yet).</summary>
    public int AdoptedSegments { get; init; }

    /// <summary>Segment files below the pruned-before mark still present (a prune interrupted before it removed them); not part of the journal.</summary>
    public IReadOnlyList<string> PrunedLeftovers { get; init; } = [];

    /// <summary>Remarks for the operator that are not problems (e.g. a manifest created for an old journal).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>True when the journal holds no record.</summary>
    public bool IsEmpty => Records == 0;

    /// <summary>The sequence the next record must have (last + 1; 0 for an empty journal).</summary>
    public long NextSequence => LastSequence + 1;

    /// <summary>A one-paragraph summary for logs and the CLI.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"journal {Directory}: {Segments.Count} segment(s) ({Segments.Count(s => s.Compressed)} compressed), {Records} record(s)");
        if (!IsEmpty)
        {
            text.Append(CultureInfo.InvariantCulture, $", sequences {FirstSequence}..{LastSequence}, time {JournalTime.Format(FirstTimestamp)} .. {JournalTime.Format(LastTimestamp)}");
        }

        if (TruncatedFile is not null)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"; torn tail {(TruncationApplied ? "truncated" : "found (truncated on the next writer open)")}: {TruncatedBytes} byte(s), {TruncatedRecords} partial record(s) at {TruncatedFile} offset {TruncatedOffset}: {TruncationReason}");
        }
        else
        {
            text.Append("; tail clean");
        }

        if (PrunedBefore > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; history before sequence {PrunedBefore} pruned");
        }

        if (AdoptedSegments > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {AdoptedSegments} segment(s) after the manifest's last adopted");
        }

        if (RemovedFiles.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; removed leftovers: {string.Join(", ", RemovedFiles.Select(Path.GetFileName))}");
        }

        return text.ToString();
    }
}
