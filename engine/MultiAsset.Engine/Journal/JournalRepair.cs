namespace MultiAsset.Engine.Journal;

/// <summary>
/// Accepts a loss the open checks refuse (<c>maectl journal repair</c>): rebuilds the manifest from the segments
/// present after verifying every record, so that whatever they hold becomes the whole journal. A missing end is
/// accepted (the last durable sequence becomes the last record present), a missing beginning becomes the pruned-before
/// mark. A gap in the middle, a stray file or a segment of another journal is still refused: those need a person to
/// move files.
/// </summary>
public static class JournalRepair
{
    /// <summary>Rebuilds the manifest of <paramref name="directory"/> (no writer may have it open); returns what the journal now is.</summary>
    /// <exception cref="JournalCorruptException">The segments present cannot form a journal (gap, damage, foreign segment, stray file).</exception>
    /// <exception cref="JournalException">Another writer holds the journal, or the manifest cannot be written.</exception>
    public static JournalRecoveryReport RebuildManifest(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        directory = Path.GetFullPath(directory);
        if (!Directory.Exists(directory))
        {
            throw new JournalException($"Journal directory not found: {directory}");
        }

        FileStream lockFile;
        try
        {
            lockFile = new FileStream(Path.Combine(directory, JournalFileNames.LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new JournalException($"Cannot repair {directory}: {ex.Message} (is an engine using it?)", ex);
        }

        using (lockFile)
        {
            if (JournalFileNames.Strays(directory) is { Count: > 0 } strays)
            {
                throw new JournalCorruptException(strays[0], 0, $"stray file: {string.Join(", ", strays.Select(Path.GetFileName))} is not part of the journal",
                    $"Move it out of {directory}, then run the repair again.");
            }

            var result = JournalScanner.Rebuild(directory, logger: null);
            try
            {
                result.Manifest.Write(directory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new JournalException($"Cannot write the manifest of {directory}: {ex.Message}", ex);
            }

            return result.Report;
        }
    }
}
