namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>A snapshot read from disk and checked: its header, the whole file, and where it came from.</summary>
/// <param name="Path">The file.</param>
/// <param name="Header">Its header.</param>
/// <param name="Contents">The whole file (header then body).</param>
public sealed record LoadedSnapshot(string Path, SnapshotHeader Header, byte[] Contents)
{
    /// <summary>The serialized state.</summary>
    public ReadOnlySpan<byte> Body => Contents.AsSpan(SnapshotHeader.Size);
}

/// <summary>
/// The snapshot folder: finds the newest usable snapshot (skipping, with the reason, damaged ones, ones of another
/// configuration and ones ahead of the journal), keeps the newest N, and retires journal segments that the oldest
/// kept snapshot has made unnecessary.
/// </summary>
public static class SnapshotStore
{
    /// <summary>The snapshots in <paramref name="directory"/>, newest (highest sequence) first.</summary>
    public static IReadOnlyList<(long Sequence, string Path)> List(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var found = new List<(long Sequence, string Path)>();
        foreach (var path in Directory.EnumerateFiles(directory, "*" + SnapshotFile.Extension))
        {
            if (SnapshotFile.TryParse(Path.GetFileName(path), out var sequence))
            {
                found.Add((sequence, path));
            }
        }

        found.Sort((a, b) => b.Sequence.CompareTo(a.Sequence));
        return found;
    }

    /// <summary>
    /// The newest snapshot that is intact, of configuration <paramref name="fingerprint"/>, and covers no more than the
    /// <paramref name="journalRecords"/> records the journal holds (with async durability a crash may cost the journal
    /// its tail, and a snapshot must never claim input the journal lost); null when there is none.
    /// <paramref name="skipped"/> hears about every snapshot passed over and why; <paramref name="unusable"/>, when
    /// given, may refuse an otherwise good snapshot with a reason (e.g. one written by other stage code).
    /// </summary>
    public static LoadedSnapshot? LoadNewest(string directory, ulong fingerprint, long journalRecords, Action<string, string> skipped, Func<LoadedSnapshot, string?>? unusable = null)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        foreach (var (sequence, path) in List(directory))
        {
            if (sequence > journalRecords)
            {
                skipped(path, $"it covers {sequence} records but the journal holds only {journalRecords}");
                continue;
            }

            SnapshotHeader header;
            byte[] contents;
            string problem;
            try
            {
                if (!SnapshotFile.TryRead(path, out header, out contents, out problem))
                {
                    skipped(path, problem);
                    continue;
                }
            }
            catch (IOException ex)
            {
                skipped(path, ex.Message);
                continue;
            }

            if (header.Sequence != sequence)
            {
                skipped(path, $"its header says sequence {header.Sequence} but its name says {sequence}");
            }
            else if (header.Fingerprint != fingerprint)
            {
                skipped(path, $"it was taken with another configuration (fingerprint {header.Fingerprint:x16}, this one is {fingerprint:x16})");
            }
            else if (new LoadedSnapshot(path, header, contents) is var loaded && unusable?.Invoke(loaded) is { } reason)
            {
                skipped(path, reason);
            }
            else
            {
                return loaded;
            }
        }

        return null;
    }

    /// <summary>
    /// Deletes all but the newest <paramref name="keep"/> snapshots and any leftover temporary files; returns the
    /// sequence of the oldest kept snapshot (-1 when there is none).
    /// </summary>
    public static long Prune(string directory, int keep)
    {
        var snapshots = List(directory);
        for (var i = keep; i < snapshots.Count; i++)
        {
            File.Delete(snapshots[i].Path);
        }

        if (Directory.Exists(directory))
        {
            foreach (var leftover in Directory.EnumerateFiles(directory, "*" + SnapshotFile.Extension + SnapshotFile.TemporarySuffix))
            {
                File.Delete(leftover);
            }
        }

        return snapshots.Count == 0 ? -1 : snapshots[Math.Min(keep, snapshots.Count) - 1].Sequence;
    }
}
