using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Journal.Audit;

/// <summary>
/// Reads an audit trail in record order, checking every record's CRC and index: the API compliance reports and the
/// export read the trail through. A live trail can be read while the engine writes it (a record not yet completely
/// written ends the read; call <see cref="TryRead"/> again later).
/// </summary>
/// <example>
/// <code>
/// using var reader = AuditTrailReader.Open("data/journal/audit");
/// while (reader.TryRead(out var record)) { if (record.Type == AuditEventType.Fill) { ... } }
/// </code>
/// </example>
public sealed class AuditTrailReader : IDisposable
{
    private const int BufferRecords = 1024;
    private readonly FileStream file;
    private readonly AuditRecord[] buffer = new AuditRecord[BufferRecords];
    private int buffered;
    private int position;
    private long next;

    private AuditTrailReader(FileStream file, AuditTrailHeader header, string path)
    {
        this.file = file;
        Header = header;
        Path = path;
    }

    /// <summary>The trail's header (its journal id, key fingerprint).</summary>
    public AuditTrailHeader Header { get; }

    /// <summary>The records file.</summary>
    public string Path { get; }

    /// <summary>Index of the next record <see cref="TryRead"/> returns.</summary>
    public long NextIndex => next;

    /// <summary>Opens the trail in <paramref name="directory"/> (the folder holding <c>audit.trail</c>).</summary>
    /// <exception cref="FileNotFoundException">No trail there.</exception>
    /// <exception cref="JournalCorruptException">Not a trail this build reads.</exception>
    public static AuditTrailReader Open(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = AuditTrailFiles.TrailPath(directory);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No audit trail in {directory} (expected {AuditTrailFiles.TrailFileName}).", path);
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            return new AuditTrailReader(file, AuditTrailFiles.ReadHeader(file), path);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads every record of the trail in <paramref name="directory"/>.</summary>
    public static IEnumerable<AuditRecord> ReadAll(string directory)
    {
        using var reader = Open(directory);
        while (reader.TryRead(out var record))
        {
            yield return record;
        }
    }

    /// <summary>The next record; false at the end of what is written.</summary>
    /// <exception cref="JournalCorruptException">A record with a bad CRC or index followed by more data (a damaged trail).</exception>
    public bool TryRead(out AuditRecord record)
    {
        if (position == buffered && !Fill())
        {
            record = default;
            return false;
        }

        record = buffer[position];
        if (!record.CrcValid || record.Index != next)
        {
            if (next + 1 < (file.Length - AuditTrailHeader.Size) / AuditRecord.Size)
            {
                throw new JournalCorruptException(Path, AuditTrailHeader.Size + (next * AuditRecord.Size), record.CrcValid ? $"record {next} carries index {record.Index}" : $"record {next}: CRC mismatch");
            }

            buffered = position = 0; // the last record, still being written: the end for now
            record = default;
            return false;
        }

        position++;
        next++;
        return true;
    }

    private bool Fill()
    {
        var available = ((file.Length - AuditTrailHeader.Size) / AuditRecord.Size) - next;
        if (available <= 0)
        {
            return false;
        }

        var count = (int)Math.Min(BufferRecords, available);
        var bytes = MemoryMarshal.AsBytes(buffer.AsSpan(0, count));
        var read = RandomAccess.Read(file.SafeFileHandle, bytes, AuditTrailHeader.Size + (next * AuditRecord.Size));
        buffered = read / AuditRecord.Size;
        position = 0;
        return buffered > 0;
    }

    /// <inheritdoc />
    public void Dispose() => file.Dispose();
}
