namespace MultiAsset.Engine.Journal;

/// <summary>
/// Follows a live journal (<c>maectl journal tail</c>): reads what is there, then polls for new records and new
/// segments until cancelled. Works while the engine writes, compresses and rolls over segments.
/// </summary>
public static class JournalTail
{
    /// <summary>
    /// Calls <paramref name="onRecord"/> for every record from <paramref name="fromSequence"/> (null: only records
    /// appended from now on; use 0 or the first sequence for everything), polling every <paramref name="pollInterval"/>
    /// when there is nothing new. Returns when <paramref name="cancellation"/> is cancelled.
    /// </summary>
    public static async Task FollowAsync(
        string directory, JournalRecordHandler onRecord, long? fromSequence, TimeSpan pollInterval, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(onRecord);
        using var reader = JournalReader.Open(directory);
        if (fromSequence is { } from)
        {
            reader.SeekToSequence(from);
        }
        else
        {
            SkipToEnd(reader);
        }

        while (!cancellation.IsCancellationRequested)
        {
            if (Drain(reader, onRecord) == 0)
            {
                try
                {
                    await Task.Delay(pollInterval, cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Follows the journal writing each record through <paramref name="exporter"/> (its filters and format).</summary>
    public static Task FollowAsync(string directory, JournalExporter exporter, TextWriter output, long? fromSequence, TimeSpan pollInterval, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        ArgumentNullException.ThrowIfNull(output);
        return FollowAsync(directory, (in JournalRecord record) =>
        {
            if (exporter.Write(record))
            {
                output.Flush();
            }
        }, fromSequence, pollInterval, cancellation);
    }

    /// <summary>Reads every record available now; returns how many.</summary>
    public static int Drain(JournalReader reader, JournalRecordHandler onRecord)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(onRecord);
        int count = 0;
        while (reader.TryRead(out var record))
        {
            onRecord(record);
            count++;
        }

        return count;
    }

    private static void SkipToEnd(JournalReader reader)
    {
        var segments = reader.Segments;
        if (segments.Count == 0)
        {
            return;
        }

        // Seek into the last segment, then read past what is there.
        reader.SeekToSequence(segments[^1].FirstSequence);
        while (reader.TryRead(out _))
        {
        }
    }
}
