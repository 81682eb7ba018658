using System.Globalization;

namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>
/// A snapshot file: <c>snapshot-&lt;sequence&gt;.snap</c>, a <see cref="SnapshotHeader"/> then the serialized state.
/// Written to <c>.snap.tmp</c>, flushed to disk, then renamed, so a crash leaves either the whole file or none.
/// </summary>
public static class SnapshotFile
{
    /// <summary>Extension of a finished snapshot.</summary>
    public const string Extension = ".snap";

    /// <summary>Suffix of one being written.</summary>
    public const string TemporarySuffix = ".tmp";

    private const string Prefix = "snapshot-";

    /// <summary>The file name of the snapshot covering <paramref name="sequence"/> records (20 digits, so names sort by sequence).</summary>
    public static string Name(long sequence) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{sequence:D20}{Extension}");

    /// <summary>Parses a snapshot file name.</summary>
    public static bool TryParse(string fileName, out long sequence)
    {
        sequence = -1;
        return fileName.StartsWith(Prefix, StringComparison.Ordinal) && fileName.EndsWith(Extension, StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(Prefix.Length, fileName.Length - Prefix.Length - Extension.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    /// <summary>Writes a snapshot atomically into <paramref name="directory"/>; returns its path.</summary>
    public static string Write(string directory, ulong fingerprint, long sequence, long createdNanoseconds, ReadOnlySpan<byte> body)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Name(sequence));
        var temporary = path + TemporarySuffix;
        Span<byte> header = stackalloc byte[SnapshotHeader.Size];
        new SnapshotHeader(fingerprint, sequence, createdNanoseconds, body.Length, JournalCrc.Compute(body)).WriteTo(header);
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
        {
            stream.Write(header);
            stream.Write(body);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>
    /// Reads and checks the snapshot at <paramref name="path"/>: header, length and body CRC. False (with the reason)
    /// for a damaged file; the configuration and journal checks are the caller's.
    /// </summary>
    public static bool TryRead(string path, out SnapshotHeader header, out byte[] contents, out string problem)
    {
        contents = File.ReadAllBytes(path);
        if (!SnapshotHeader.TryRead(contents, out header, out problem))
        {
            return false;
        }

        if (header.BodyLength != contents.Length - SnapshotHeader.Size)
        {
            problem = $"the body is {contents.Length - SnapshotHeader.Size} bytes but the header declares {header.BodyLength}";
            return false;
        }

        if (JournalCrc.Compute(contents.AsSpan(SnapshotHeader.Size)) != header.BodyCrc)
        {
            problem = "the body's CRC does not match (damaged snapshot)";
            return false;
        }

        return true;
    }
}
