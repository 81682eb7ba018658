using Microsoft.Extensions.Logging;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// Retention: removes history that is no longer needed (e.g. covered by a snapshot) as whole closed segments, and
/// records it in the manifest's pruned-before mark, so that open tells a pruned beginning from a deleted one.
/// </summary>
/// <remarks>
/// Order: the manifest is written first (without the segments, with the new mark), then the files are deleted or
/// moved. A crash in between leaves files below the mark, which open ignores (reported as pruned leftovers) and the
/// next prune removes.
/// </remarks>
public static class JournalRetention
{
    /// <summary>
    /// Prunes the journal in <paramref name="directory"/> while no writer has it open (takes the writer lock): every
    /// closed segment whose records are all before <paramref name="beforeSequence"/> is deleted, or moved to
    /// <paramref name="archiveDirectory"/> when given. The open (last) segment is never pruned. With an engine
    /// running, use <see cref="JournalWriter.Prune"/> instead.
    /// </summary>
    /// <exception cref="JournalCorruptException">The journal fails its open checks (nothing is removed).</exception>
    /// <exception cref="JournalException">Another writer holds the journal, or a file could not be removed.</exception>
    public static JournalPruneResult Prune(string directory, long beforeSequence, string? archiveDirectory = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new JournalException($"Journal directory not found: {directory}");
        }

        using var writer = JournalWriter.Open(new JournalOptions { Directory = directory, CompressClosedSegments = false, Durability = JournalDurability.Sync }, logger);
        return writer.Prune(beforeSequence, archiveDirectory).GetAwaiter().GetResult();
    }

    /// <summary>The prune itself, on the writer's background thread (no compression runs meanwhile).</summary>
    internal static JournalPruneResult PruneNow(string directory, JournalCheckpointer checkpointer, long beforeSequence, string? archiveDirectory, ILogger? logger)
    {
        var removed = checkpointer.Prune(beforeSequence);
        try
        {
            checkpointer.Checkpoint();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new JournalException($"Cannot write the manifest of {directory}: {ex.Message}; nothing was pruned.", ex);
        }

        long mark = checkpointer.PrunedBefore;
        var files = new List<string>();
        if (archiveDirectory is not null)
        {
            Directory.CreateDirectory(archiveDirectory);
        }

        // The segments just removed from the manifest, and any left by an earlier prune that was interrupted.
        var listed = checkpointer.Written.Segments;
        long firstListed = listed.Count > 0 ? listed[0].FirstSequence : long.MaxValue;
        foreach (var (first, plain, archive) in JournalFileNames.List(directory))
        {
            if (first >= mark || first >= firstListed)
            {
                break;
            }

            foreach (var path in new[] { plain, archive })
            {
                if (path is null)
                {
                    continue;
                }

                try
                {
                    if (archiveDirectory is null)
                    {
                        File.Delete(path);
                        files.Add(path);
                    }
                    else
                    {
                        var target = Path.Combine(archiveDirectory, Path.GetFileName(path));
                        File.Move(path, target, overwrite: true);
                        files.Add(target);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new JournalException(
                        $"Pruned {directory} before sequence {mark} in the manifest, but {path} could not be {(archiveDirectory is null ? "deleted" : "moved")}: {ex.Message}. "
                        + "It is ignored by the journal; prune again to remove it.", ex);
                }
            }
        }

        JournalNative.SyncDirectory(directory);
        if (removed.Count > 0 || files.Count > 0)
        {
            logger?.LogPruned(mark, removed.Count, archiveDirectory is null ? "deleted" : $"moved to {archiveDirectory}");
        }

        return new JournalPruneResult(mark, files);
    }
}
