using System.Globalization;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// Segment file naming: <c>{firstSequence:D20}.journal</c> (plain), <c>.journal.lz4</c> (compressed), and a
/// <c>.tmp</c> suffix for files still being created (never read; deleted by recovery).
/// </summary>
internal static class JournalFileNames
{
    public const string PlainExtension = ".journal";
    public const string ArchiveExtension = ".journal.lz4";
    public const string TemporarySuffix = ".tmp";
    public const string LockFileName = "journal.lock";
    private const int SequenceDigits = 20;

    public static string Plain(string directory, long firstSequence)
        => Path.Combine(directory, firstSequence.ToString("D20", CultureInfo.InvariantCulture) + PlainExtension);

    public static string Archive(string directory, long firstSequence)
        => Path.Combine(directory, firstSequence.ToString("D20", CultureInfo.InvariantCulture) + ArchiveExtension);

    /// <summary>Parses a file name (no directory) into its first sequence and form; false for any other file.</summary>
    public static bool TryParse(string fileName, out long firstSequence, out bool compressed)
    {
        compressed = fileName.EndsWith(ArchiveExtension, StringComparison.Ordinal);
        firstSequence = -1;
        if (!compressed && !fileName.EndsWith(PlainExtension, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = fileName.AsSpan(0, fileName.Length - (compressed ? ArchiveExtension.Length : PlainExtension.Length));
        return digits.Length == SequenceDigits
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out firstSequence);
    }

    /// <summary>
    /// Files in <paramref name="directory"/> that look like they belong to a journal but are none of its files: a
    /// renamed or copied segment (<c>x.journal.bak</c>, a name with the wrong digits), an unknown <c>*.journal*</c> or
    /// <c>*manifest*</c> file. Names starting with a digit count too. Unrelated files (and subdirectories) are ignored.
    /// </summary>
    public static List<string> Strays(string directory)
    {
        var strays = new List<string>();
        if (!System.IO.Directory.Exists(directory))
        {
            return strays;
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(path);
            if (TryParse(name, out _, out _) || name is LockFileName or JournalManifest.FileName or JournalChainFile.FileName || IsLeftover(name))
            {
                continue;
            }

            if (name.Contains("journal", StringComparison.OrdinalIgnoreCase) || name.Contains("manifest", StringComparison.OrdinalIgnoreCase)
                || char.IsAsciiDigit(name[0]))
            {
                strays.Add(path);
            }
        }

        strays.Sort(StringComparer.Ordinal);
        return strays;
    }

    /// <summary>Whether <paramref name="name"/> is a temporary file of an interrupted creation, compression or manifest write (deleted by recovery).</summary>
    public static bool IsLeftover(string name)
        => name.EndsWith(TemporarySuffix, StringComparison.Ordinal)
            && (TryParse(name[..^TemporarySuffix.Length], out _, out _) || name == JournalManifest.FileName + TemporarySuffix);

    /// <summary>
    /// The segments in <paramref name="directory"/> by first sequence, each with its plain and/or compressed path.
    /// </summary>
    public static List<(long FirstSequence, string? Plain, string? Archive)> List(string directory)
    {
        var map = new SortedDictionary<long, (string? Plain, string? Archive)>();
        if (!System.IO.Directory.Exists(directory))
        {
            return [];
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(directory))
        {
            if (!TryParse(Path.GetFileName(path), out var first, out var compressed))
            {
                continue;
            }

            map.TryGetValue(first, out var entry);
            map[first] = compressed ? (entry.Plain, path) : (path, entry.Archive);
        }

        return map.Select(kv => (kv.Key, kv.Value.Plain, kv.Value.Archive)).ToList();
    }
}
