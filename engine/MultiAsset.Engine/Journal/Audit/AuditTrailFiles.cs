using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Journal.Audit;

/// <summary>
/// The audit trail's directory: <c>audit.trail</c> (header + records) and <c>audit.chain</c> (the chain's
/// authenticated checkpoints, <see cref="JournalChainLink"/>s whose sequence is a record index).
/// </summary>
public static class AuditTrailFiles
{
    /// <summary>The records file.</summary>
    public const string TrailFileName = "audit.trail";

    /// <summary>The checkpoints file.</summary>
    public const string ChainFileName = "audit.chain";

    /// <summary>The default folder under the journal directory.</summary>
    public const string DefaultFolder = "audit";

    /// <summary>Path of the records file in <paramref name="directory"/>.</summary>
    public static string TrailPath(string directory) => Path.Combine(directory, TrailFileName);

    /// <summary>Path of the checkpoints file in <paramref name="directory"/>.</summary>
    public static string ChainPath(string directory) => Path.Combine(directory, ChainFileName);

    /// <summary>Every whole checkpoint (none when the file does not exist; a partial one at the end is ignored).</summary>
    public static List<JournalChainLink> ReadLinks(string directory)
    {
        var path = ChainPath(directory);
        if (!File.Exists(path))
        {
            return [];
        }

        var bytes = File.ReadAllBytes(path);
        return [.. MemoryMarshal.Cast<byte, JournalChainLink>(bytes.AsSpan(0, bytes.Length - (bytes.Length % JournalChainLink.Size)))];
    }

    /// <summary>Reads the header of <paramref name="file"/>; throws when it is not a trail this build reads.</summary>
    /// <exception cref="JournalCorruptException">Too short, bad magic, CRC or version.</exception>
    public static AuditTrailHeader ReadHeader(FileStream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        Span<byte> bytes = stackalloc byte[AuditTrailHeader.Size];
        if (file.Length < AuditTrailHeader.Size || RandomAccess.Read(file.SafeFileHandle, bytes, 0) != AuditTrailHeader.Size)
        {
            throw new JournalCorruptException(file.Name, 0, "the audit trail is shorter than its header");
        }

        var header = MemoryMarshal.Read<AuditTrailHeader>(bytes);
        if (header.Problem() is { } problem)
        {
            throw new JournalCorruptException(file.Name, 0, problem);
        }

        return header;
    }
}
