namespace MultiAsset.Engine.Journal;

/// <summary>
/// The in-memory sparse index of one segment: every <c>every</c>-th record's sequence, timestamp and offset,
/// built as the reader passes records (reading or seeking) and kept for the reader's lifetime. Not persisted: a
/// segment is indexed by hopping its headers once (about a millisecond per 64 MiB), and a compressed segment's
/// sequence and time range are in its archive header, so seeking never needs a file of its own.
/// </summary>
internal sealed class SegmentIndex(long firstSequence, int every)
{
    private readonly List<(long Sequence, long Timestamp, long Offset)> entries = [];

    public IReadOnlyList<(long Sequence, long Timestamp, long Offset)> Entries => entries;

    /// <summary>Notes a record the reader passed; keeps it when it falls on the index grid and is new.</summary>
    public void Observe(long sequence, long timestamp, long offset)
    {
        if ((sequence - firstSequence) % every == 0 && (entries.Count == 0 || entries[^1].Sequence < sequence))
        {
            entries.Add((sequence, timestamp, offset));
        }
    }

    /// <summary>The last entry with sequence ≤ <paramref name="sequence"/>, or null.</summary>
    public (long Sequence, long Timestamp, long Offset)? AtOrBefore(long sequence)
    {
        int lo = 0, hi = entries.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (entries[mid].Sequence <= sequence)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found < 0 ? null : entries[found];
    }

    /// <summary>The last entry with timestamp &lt; <paramref name="timestamp"/>, or null (timestamps are non-decreasing).</summary>
    public (long Sequence, long Timestamp, long Offset)? Before(long timestamp)
    {
        int lo = 0, hi = entries.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (entries[mid].Timestamp < timestamp)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found < 0 ? null : entries[found];
    }
}
