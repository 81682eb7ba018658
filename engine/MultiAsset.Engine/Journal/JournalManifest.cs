using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// The journal's manifest (<c>journal.manifest</c>): what the journal is supposed to contain, so that open and
/// <c>maectl journal inspect</c> can tell a lost or replaced segment from a journal that simply ends there. It records
/// the journal's random id, the last sequence known durable, the "pruned before" mark (history removed on purpose),
/// and every segment with its id, sequence range and form.
/// </summary>
/// <remarks>
/// <code>
///  journal.manifest = header (64 bytes) + SegmentCount entries (56 bytes each) + CRC32C (4 bytes) of everything before
///   0        8        10       12       14      16          24           32              40             48       52      64
///   +--------+--------+--------+--------+-------+-----------+------------+---------------+--------------+--------+-------+
///   | Magic  | Format | Header | Entry  | rsvd  | JournalId | Generation | LastDurable   | PrunedBefore | Segment| rsvd 0|
///   | 8 B    | Version| Size   | Size   |       | (random)  | (+1/write) | Sequence (−1) | (sequence)   | Count  |       |
///   +--------+--------+--------+--------+-------+-----------+------------+---------------+--------------+--------+-------+
///  entry: FirstSequence(8) LastSequence(8) SegmentId(8) FirstTimestamp(8) LastTimestamp(8) EndOffset(8) Flags(4: 1 open, 2 compressed) rsvd(4)
/// </code>
/// Written atomically off the hot path: <c>journal.manifest.tmp</c>, fsync, rename over the old one, fsync of the
/// directory. A manifest whose magic, version, length or CRC is wrong is refused (never guessed at).
/// </remarks>
public sealed class JournalManifest
{
    /// <summary>The manifest's file name in the journal directory.</summary>
    public const string FileName = "journal.manifest";

    /// <summary>"MAEJMAN" followed by a zero byte, read as a little-endian <see langword="ulong"/>.</summary>
    public const ulong MagicValue = 0x004E414D4A45414DUL;

    /// <summary>The manifest format version this build writes and reads.</summary>
    public const ushort CurrentVersion = 1;

    private const int HeaderSize = 64;
    private const int EntrySize = 56;
    private const int CrcSize = 4;
    private const int FlagOpen = 1;
    private const int FlagCompressed = 2;

    /// <summary>Random id of the journal, written into every segment header it creates.</summary>
    public required ulong JournalId { get; init; }

    /// <summary>Incremented on every write (tells two manifests of the same journal apart).</summary>
    public long Generation { get; init; }

    /// <summary>
    /// The last sequence known durable (acknowledged) when the manifest was written, −1 when none. Open refuses a
    /// journal that ends before it: those records were acknowledged and are gone.
    /// </summary>
    public long LastDurableSequence { get; init; } = -1;

    /// <summary>Records before this sequence were removed on purpose (retention after a snapshot); 0 when none were.</summary>
    public long PrunedBefore { get; init; }

    /// <summary>The segments, contiguous, in sequence order; only the last may be open.</summary>
    public required IReadOnlyList<JournalManifestSegment> Segments { get; init; }

    /// <summary>The manifest's path in <paramref name="directory"/>.</summary>
    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    /// <summary>A new random non-zero id (journal or segment).</summary>
    public static ulong NewId()
    {
        Span<byte> bytes = stackalloc byte[8];
        ulong id;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            id = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        }
        while (id == 0);
        return id;
    }

    /// <summary>
    /// Reads the manifest of <paramref name="directory"/>: null with a null problem when there is none, null with the
    /// problem when it is damaged.
    /// </summary>
    public static JournalManifest? Read(string directory, out string? problem)
    {
        problem = null;
        var path = PathIn(directory);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        return Decode(bytes, out problem);
    }

    /// <summary>Decodes a manifest image; null with the problem when it is not a valid one.</summary>
    public static JournalManifest? Decode(ReadOnlySpan<byte> bytes, out string? problem)
    {
        if (bytes.Length < HeaderSize + CrcSize)
        {
            problem = $"the manifest is {bytes.Length} bytes, shorter than its header";
            return null;
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(bytes) != MagicValue)
        {
            problem = "not a journal manifest (bad magic)";
            return null;
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
        if (version != CurrentVersion)
        {
            problem = $"manifest format version {version}, but this build reads version {CurrentVersion}";
            return null;
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes[48..]);
        if (count < 0 || bytes.Length != HeaderSize + ((long)count * EntrySize) + CrcSize)
        {
            problem = $"the manifest is {bytes.Length} bytes, which does not match its {count} segment entries (truncated or overwritten)";
            return null;
        }

        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(bytes[^CrcSize..]);
        if (JournalCrc.Compute(bytes[..^CrcSize]) != crc)
        {
            problem = "manifest CRC mismatch (damaged manifest)";
            return null;
        }

        var segments = new List<JournalManifestSegment>(count);
        for (int i = 0; i < count; i++)
        {
            var e = bytes.Slice(HeaderSize + (i * EntrySize), EntrySize);
            int flags = BinaryPrimitives.ReadInt32LittleEndian(e[48..]);
            segments.Add(new JournalManifestSegment(
                BinaryPrimitives.ReadInt64LittleEndian(e),
                BinaryPrimitives.ReadInt64LittleEndian(e[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(e[16..]),
                BinaryPrimitives.ReadInt64LittleEndian(e[24..]),
                BinaryPrimitives.ReadInt64LittleEndian(e[32..]),
                BinaryPrimitives.ReadInt64LittleEndian(e[40..]),
                (flags & FlagOpen) != 0,
                (flags & FlagCompressed) != 0));
        }

        problem = null;
        return new JournalManifest
        {
            JournalId = BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            Generation = BinaryPrimitives.ReadInt64LittleEndian(bytes[24..]),
            LastDurableSequence = BinaryPrimitives.ReadInt64LittleEndian(bytes[32..]),
            PrunedBefore = BinaryPrimitives.ReadInt64LittleEndian(bytes[40..]),
            Segments = segments,
        };
    }

    /// <summary>The manifest's bytes.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[HeaderSize + (Segments.Count * EntrySize) + CrcSize];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt64LittleEndian(span, MagicValue);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], CurrentVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], EntrySize);
        BinaryPrimitives.WriteUInt64LittleEndian(span[16..], JournalId);
        BinaryPrimitives.WriteInt64LittleEndian(span[24..], Generation);
        BinaryPrimitives.WriteInt64LittleEndian(span[32..], LastDurableSequence);
        BinaryPrimitives.WriteInt64LittleEndian(span[40..], PrunedBefore);
        BinaryPrimitives.WriteInt32LittleEndian(span[48..], Segments.Count);
        for (int i = 0; i < Segments.Count; i++)
        {
            var s = Segments[i];
            var e = span.Slice(HeaderSize + (i * EntrySize), EntrySize);
            BinaryPrimitives.WriteInt64LittleEndian(e, s.FirstSequence);
            BinaryPrimitives.WriteInt64LittleEndian(e[8..], s.LastSequence);
            BinaryPrimitives.WriteUInt64LittleEndian(e[16..], s.SegmentId);
            BinaryPrimitives.WriteInt64LittleEndian(e[24..], s.FirstTimestamp);
            BinaryPrimitives.WriteInt64LittleEndian(e[32..], s.LastTimestamp);
            BinaryPrimitives.WriteInt64LittleEndian(e[40..], s.EndOffset);
            BinaryPrimitives.WriteInt32LittleEndian(e[48..], (s.Open ? FlagOpen : 0) | (s.Compressed ? FlagCompressed : 0));
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span[^CrcSize..], JournalCrc.Compute(span[..^CrcSize]));
        return bytes;
    }

    /// <summary>Writes the manifest into <paramref name="directory"/> atomically (temporary file, fsync, rename, directory fsync).</summary>
    /// <exception cref="IOException">The file system refused.</exception>
    public void Write(string directory)
    {
        var path = PathIn(directory);
        var temporary = path + JournalFileNames.TemporarySuffix;
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(Encode());
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        JournalNative.SyncDirectory(directory);
    }

    /// <summary>A copy with other values (the manifest is immutable; writers build the next one from the last).</summary>
    public JournalManifest With(IReadOnlyList<JournalManifestSegment>? segments = null, long? lastDurable = null, long? prunedBefore = null)
        => new()
        {
            JournalId = JournalId,
            Generation = Generation + 1,
            LastDurableSequence = lastDurable ?? LastDurableSequence,
            PrunedBefore = prunedBefore ?? PrunedBefore,
            Segments = segments ?? Segments,
        };
}
