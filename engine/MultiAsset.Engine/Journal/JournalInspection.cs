using System.Globalization;

namespace MultiAsset.Engine.Journal;

/// <summary>The result of <see cref="JournalInspector.Inspect"/>: segments, record counts, ranges and integrity.</summary>
public sealed class JournalInspection
{
    /// <summary>The journal directory.</summary>
    public required string Directory { get; init; }

    /// <summary>Integrity verdict.</summary>
    public required JournalIntegrity Integrity { get; init; }

    /// <summary>What is wrong (torn tail or corruption, with file and offset), or null when <see cref="JournalIntegrity.Ok"/>.</summary>
    public string? Problem { get; init; }

    /// <summary>Segments in sequence order (empty when the scan stopped at corruption before listing them).</summary>
    public required IReadOnlyList<JournalSegmentInfo> Segments { get; init; }

    /// <summary>Records in the journal (those before any corruption).</summary>
    public long Records { get; init; }

    /// <summary>Records per type (filled when <c>deep</c> inspection read every record).</summary>
    public IReadOnlyDictionary<JournalRecordType, long> RecordsByType { get; init; } = new Dictionary<JournalRecordType, long>();

    /// <summary>First sequence (−1 when empty).</summary>
    public long FirstSequence { get; init; } = -1;

    /// <summary>Last sequence (−1 when empty).</summary>
    public long LastSequence { get; init; } = -1;

    /// <summary>First record timestamp (0 when empty).</summary>
    public long FirstTimestamp { get; init; }

    /// <summary>Last record timestamp (0 when empty).</summary>
    public long LastTimestamp { get; init; }

    /// <summary>What to do about <see cref="Problem"/>, when the check that found it says.</summary>
    public string? Advice { get; init; }

    /// <summary>Remarks that are not problems: the manifest, pruned history, adopted segments.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Writes a human-readable summary (what <c>maectl journal inspect</c> prints).</summary>
    public void WriteText(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var inv = CultureInfo.InvariantCulture;
        long bytes = Segments.Sum(s => s.FileSize);
        output.WriteLine(string.Create(inv, $"journal    {Directory}"));
        output.WriteLine(string.Create(inv, $"segments   {Segments.Count} ({Segments.Count(s => s.Compressed)} compressed, {Segments.Count(s => !s.Sealed)} open), {bytes:N0} bytes on disk"));
        output.WriteLine(Records == 0
            ? "records    0"
            : string.Create(inv, $"records    {Records:N0}, sequences {FirstSequence}..{LastSequence}, time {JournalTime.Format(FirstTimestamp)} .. {JournalTime.Format(LastTimestamp)}"));
        if (RecordsByType.Count > 0)
        {
            output.WriteLine("types      " + string.Join(", ", RecordsByType.OrderBy(kv => kv.Key).Select(kv => string.Create(inv, $"{kv.Key} {kv.Value:N0}"))));
        }

        output.WriteLine(Integrity switch
        {
            JournalIntegrity.Ok => "integrity  OK",
            JournalIntegrity.TornTail => $"integrity  TORN TAIL (recoverable): {Problem}",
            _ => $"integrity  CORRUPT: {Problem}",
        });
        if (Advice is not null)
        {
            output.WriteLine("what to do " + Advice);
        }

        foreach (var note in Notes)
        {
            output.WriteLine("note       " + note);
        }

        if (Segments.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(string.Create(inv, $"  {"segment",-36} {"form",-10} {"first",12} {"last",12} {"records",10} {"bytes",14}  time range"));
        foreach (var s in Segments)
        {
            var form = s.Compressed ? "lz4" : s.Sealed ? "sealed" : "open";
            var range = s.RecordCount > 0 ? $"{JournalTime.Format(s.FirstTimestamp)} .. {JournalTime.Format(s.LastTimestamp)}" : "-";
            output.WriteLine(string.Create(inv, $"  {Path.GetFileName(s.Path),-36} {form,-10} {s.FirstSequence,12} {s.LastSequence,12} {s.RecordCount,10} {s.FileSize,14:N0}  {range}"));
        }
    }
}
