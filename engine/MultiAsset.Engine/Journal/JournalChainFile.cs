using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// <c>journal.chain</c>: the journal's authenticated checkpoints, 64-byte <see cref="JournalChainLink"/>s appended in
/// sequence order by the writer (every <see cref="JournalOptions.ChainCheckpointEvery"/> records and at a clean
/// close). A partial entry at the end (a crash during the write) is ignored.
/// </summary>
internal static class JournalChainFile
{
    /// <summary>The file name in the journal directory.</summary>
    public const string FileName = "journal.chain";

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    /// <summary>Every whole entry in the file (none when it does not exist).</summary>
    public static List<JournalChainLink> Read(string directory)
    {
        var path = PathIn(directory);
        if (!File.Exists(path))
        {
            return [];
        }

        var bytes = File.ReadAllBytes(path);
        return [.. MemoryMarshal.Cast<byte, JournalChainLink>(bytes.AsSpan(0, bytes.Length - (bytes.Length % JournalChainLink.Size)))];
    }

    /// <summary>
    /// Drops entries after <paramref name="lastSequence"/> (records a crash lost before they were durable; the writer
    /// calls it at open, after recovery) and a partial entry at the end.
    /// </summary>
    public static int DropAfter(string directory, long lastSequence)
    {
        var entries = Read(directory);
        int keep = entries.FindIndex(e => e.Sequence > lastSequence);
        var path = PathIn(directory);
        long whole = keep < 0 ? (long)entries.Count * JournalChainLink.Size : (long)keep * JournalChainLink.Size;
        if (File.Exists(path) && new FileInfo(path).Length != whole)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            file.SetLength(whole);
            file.Flush(flushToDisk: true);
        }

        return keep < 0 ? 0 : entries.Count - keep;
    }

    /// <summary>Opens the file for appending (created when missing).</summary>
    public static FileStream OpenAppend(string directory)
    {
        var file = new FileStream(PathIn(directory), FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        file.Seek(file.Length - (file.Length % JournalChainLink.Size), SeekOrigin.Begin);
        return file;
    }

    /// <summary>Appends <paramref name="links"/> (one write).</summary>
    public static void Append(FileStream file, ReadOnlySpan<JournalChainLink> links, bool sync)
    {
        file.Write(MemoryMarshal.AsBytes(links));
        file.Flush(flushToDisk: sync);
    }
}
