using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// Counters of one event source: rows read, rows published as rejected (by reason), and the first
/// <see cref="MaxRecordedErrors"/> bad rows in detail.
/// </summary>
/// <remarks>
/// Written only by the thread that reads the source. Counters may be read from any thread (each is a single aligned
/// <see langword="long"/>); read <see cref="Errors"/> once the source is idle, e.g. after the feed has finished.
/// </remarks>
public sealed class EventSourceStats
{
    /// <summary>How many bad rows are kept in detail; later ones are only counted.</summary>
    public const int MaxRecordedErrors = 100;

    // Indexed by the reason's byte value, so counting is one array increment with no lookup.
    private readonly long[] rejectedByReason = new long[byte.MaxValue + 1];
    private readonly List<ReplayError> errors = [];
    private long rows;
    private long rejected;
    private long blankLines;

    /// <summary>Data rows read (header and blank lines excluded), accepted or not.</summary>
    public long Rows => Volatile.Read(ref rows);

    /// <summary>Rows published as rejected events, all reasons.</summary>
    public long Rejected => Volatile.Read(ref rejected);

    /// <summary>Rows published as accepted events.</summary>
    public long Accepted => Rows - Rejected;

    /// <summary>Empty lines skipped (CSV only; a trailing newline does not make one).</summary>
    public long BlankLines => Volatile.Read(ref blankLines);

    /// <summary>The first <see cref="MaxRecordedErrors"/> bad rows, in file order.</summary>
    public IReadOnlyList<ReplayError> Errors => errors;

    /// <summary>Rows published as rejected for <paramref name="reason"/>.</summary>
    public long RejectedFor(MarketDataRejectReason reason) => Volatile.Read(ref rejectedByReason[(byte)reason]);

    /// <summary>Whether the next bad row should be kept in detail (lets callers skip building its message).</summary>
    internal bool WantsErrorDetail => errors.Count < MaxRecordedErrors;

    internal void CountRow() => Volatile.Write(ref rows, rows + 1);

    internal void CountBlankLine() => Volatile.Write(ref blankLines, blankLines + 1);

    internal void CountReject(MarketDataRejectReason reason)
    {
        Volatile.Write(ref rejected, rejected + 1);
        ref long slot = ref rejectedByReason[(byte)reason];
        Volatile.Write(ref slot, slot + 1);
    }

    internal void RecordError(ReplayError error)
    {
        if (errors.Count < MaxRecordedErrors)
        {
            errors.Add(error);
        }
    }
}
