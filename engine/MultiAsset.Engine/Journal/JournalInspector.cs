namespace MultiAsset.Engine.Journal;

/// <summary>
/// Inspects a journal without changing it (<c>maectl journal inspect</c>): the recovery scan in read-only mode
/// (the directory against the manifest: missing, replaced or stray segments, the last durable sequence; headers,
/// sequence continuity, torn-tail classification), and with <c>deep</c> every record of every segment checked and
/// read back (decompressing archives) and counted by type.
/// </summary>
public static class JournalInspector
{
    /// <summary>Inspects the journal in <paramref name="directory"/>.</summary>
    public static JournalInspection Inspect(string directory, bool deep = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        directory = Path.GetFullPath(directory);
        JournalRecoveryReport report;
        try
        {
            report = JournalScanner.Scan(directory, repair: false, logger: null, full: deep).Report;
        }
        catch (JournalCorruptException ex)
        {
            return new JournalInspection
            {
                Directory = directory,
                Integrity = JournalIntegrity.Corrupt,
                Problem = $"{ex.FilePath} at offset {ex.Offset}: {ex.Problem}",
                Advice = ex.Advice,
                Segments = ListOnly(directory),
            };
        }

        var integrity = report.TruncatedFile is null ? JournalIntegrity.Ok : JournalIntegrity.TornTail;
        var problem = report.TruncatedFile is null
            ? null
            : $"{report.TruncatedFile} at offset {report.TruncatedOffset}: {report.TruncatedBytes} byte(s), {report.TruncatedRecords} partial record(s) never acknowledged ({report.TruncationReason})";
        var byType = new Dictionary<JournalRecordType, long>();
        if (deep)
        {
            try
            {
                using var reader = report.IsEmpty ? JournalReader.Open(directory) : JournalReader.OpenFrom(directory, report.FirstSequence);
                long read = 0;
                while (reader.TryRead(out var record))
                {
                    byType[record.Type] = byType.GetValueOrDefault(record.Type) + 1;
                    read++;
                }

                if (read != report.Records)
                {
                    integrity = JournalIntegrity.Corrupt;
                    problem = $"read back {read} records but the scan counted {report.Records}";
                }
            }
            catch (JournalCorruptException ex)
            {
                integrity = JournalIntegrity.Corrupt;
                problem = $"{ex.FilePath} at offset {ex.Offset}: {ex.Problem}";
            }
        }

        return new JournalInspection
        {
            Directory = directory,
            Integrity = integrity,
            Problem = problem,
            Segments = report.Segments,
            Records = report.Records,
            RecordsByType = byType,
            FirstSequence = report.FirstSequence,
            LastSequence = report.LastSequence,
            FirstTimestamp = report.FirstTimestamp,
            LastTimestamp = report.LastTimestamp,
            Notes = Notes(report),
        };
    }

    private static List<string> Notes(JournalRecoveryReport report)
    {
        var notes = new List<string>(report.Notes);
        if (!report.ManifestCreated)
        {
            notes.Add(report.LastDurableSequence >= 0
                ? $"manifest: journal {report.JournalId:x16}, last durable sequence {report.LastDurableSequence}, end verified"
                : $"manifest: journal {report.JournalId:x16}, no durable record yet");
        }

        if (report.PrunedBefore > 0)
        {
            notes.Add($"history before sequence {report.PrunedBefore} was pruned (recorded in the manifest): OK");
        }

        if (report.AdoptedSegments > 0)
        {
            notes.Add($"{report.AdoptedSegments} segment(s) after the manifest's last one continue the journal (the next writer open records them)");
        }

        if (report.PrunedLeftovers.Count > 0)
        {
            notes.Add($"pruned but still present (ignored; prune again to remove): {string.Join(", ", report.PrunedLeftovers.Select(Path.GetFileName))}");
        }

        return notes;
    }

    private static List<JournalSegmentInfo> ListOnly(string directory)
        => JournalFileNames.List(directory)
            .Select(e => new JournalSegmentInfo(e.FirstSequence, e.Plain ?? e.Archive!, e.Plain is null, new FileInfo(e.Plain ?? e.Archive!).Length, -1, 0, 0, e.Plain is null))
            .ToList();
}
