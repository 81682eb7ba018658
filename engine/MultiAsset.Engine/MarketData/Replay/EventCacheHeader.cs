using System.Buffers.Binary;
using System.Text;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>One instrument of an event cache: its id when the cache was written, its symbol and its record count.</summary>
/// <param name="Id">The instrument id the records carry (the catalogue index at import time).</param>
/// <param name="Symbol">The symbol, so a reader with another catalogue can map the id.</param>
/// <param name="Records">Records of this instrument in the cache.</param>
public sealed record EventCacheInstrument(int Id, string Symbol, long Records);

/// <summary>
/// The header of an event cache file (<c>*.maecache</c>): what a replay needs to know before reading the records, and
/// what <c>maectl data inspect</c> prints.
/// </summary>
/// <remarks>
/// <code>
///  0         8        12           16           20            24             32               40              48
///  +---------+--------+------------+------------+-------------+--------------+----------------+---------------+
///  | MAECACHE| version| headerSize | recordSize | instruments | recordCount  | firstTimestamp | lastTimestamp |
///  +---------+--------+------------+------------+-------------+--------------+----------------+---------------+
///  48                      80             88     96      104      112
///  +-----------------------+--------------+------+-------+--------+---------------------------------------------+
///  | specHash (SHA-256)    | recordsHash  | bars | quotes| trades | instruments: id u32, records u64,           |
///  |                       | (XxHash64)   |      |       |        | symbol length u16, symbol UTF-8 ... zero pad |
///  +-----------------------+--------------+------+-------+--------+---------------------------------------------+
/// </code>
/// <para>Little-endian. <c>headerSize</c> is a multiple of 64, so the records that follow are cache-line aligned; each
/// record is one 64-byte <c>InputEvent</c> exactly as the ring holds it (verdict byte zero), sorted by timestamp. No
/// field depends on when or where the cache was written: the same input gives the same bytes.</para>
/// </remarks>
public sealed record EventCacheHeader
{
    /// <summary>The first eight bytes of every cache file.</summary>
    public static ReadOnlySpan<byte> Magic => "MAECACHE"u8;

    /// <summary>The format version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Size of the fixed part, before the instrument table.</summary>
    public const int FixedSize = 112;

    /// <summary>File name extension of a cache.</summary>
    public const string Extension = ".maecache";

    /// <summary>Format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Bytes before the first record (a multiple of 64).</summary>
    public int HeaderSize { get; init; }

    /// <summary>Bytes per record (64).</summary>
    public int RecordSize { get; init; }

    /// <summary>Number of records.</summary>
    public long RecordCount { get; init; }

    /// <summary>Timestamp of the first record (ns since the epoch; 0 when empty).</summary>
    public long FirstTimestamp { get; init; }

    /// <summary>Timestamp of the last record (ns since the epoch; 0 when empty).</summary>
    public long LastTimestamp { get; init; }

    /// <summary>SHA-256 of the import spec that produced the cache (canonical JSON), zeros when none.</summary>
    public byte[] SpecHash { get; init; } = new byte[32];

    /// <summary>XxHash64 of the record bytes, checked by <see cref="EventCacheWriter.Verify"/>.</summary>
    public ulong RecordsHash { get; init; }

    /// <summary>Bar records.</summary>
    public long Bars { get; init; }

    /// <summary>Quote records.</summary>
    public long Quotes { get; init; }

    /// <summary>Trade records.</summary>
    public long Trades { get; init; }

    /// <summary>The instruments the records refer to, by id.</summary>
    public IReadOnlyList<EventCacheInstrument> Instruments { get; init; } = [];

    /// <summary>The spec hash as lower-case hex.</summary>
    public string SpecHashHex => Convert.ToHexStringLower(SpecHash);

    /// <summary>Reads the header of <paramref name="path"/>.</summary>
    /// <exception cref="ReplayFormatException">Not a cache file, another version, or truncated.</exception>
    public static EventCacheHeader Read(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(file, path);
    }

    internal static EventCacheHeader Read(Microsoft.Win32.SafeHandles.SafeFileHandle file, string path)
    {
        long length = RandomAccess.GetLength(file);
        var fixedPart = new byte[FixedSize];
        if (length < FixedSize || RandomAccess.Read(file, fixedPart, 0) != FixedSize || !fixedPart.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new ReplayFormatException(path, "not an event cache (no MAECACHE header); create one with 'maectl data import'");
        }

        var s = fixedPart.AsSpan();
        int version = BinaryPrimitives.ReadInt32LittleEndian(s[8..]);
        if (version != CurrentVersion)
        {
            throw new ReplayFormatException(path, $"event cache version {version} is not supported (this build reads version {CurrentVersion}); import the data again");
        }

        int headerSize = BinaryPrimitives.ReadInt32LittleEndian(s[12..]);
        int recordSize = BinaryPrimitives.ReadInt32LittleEndian(s[16..]);
        int instrumentCount = BinaryPrimitives.ReadInt32LittleEndian(s[20..]);
        long recordCount = BinaryPrimitives.ReadInt64LittleEndian(s[24..]);
        if (recordSize != Model.Events.InputEvent.TotalSize || headerSize < FixedSize || headerSize % 64 != 0 || instrumentCount < 0
            || recordCount < 0 || length != headerSize + (recordCount * recordSize))
        {
            throw new ReplayFormatException(path, $"event cache is corrupt or truncated (header {headerSize} B, {recordCount} records of {recordSize} B, file {length} B)");
        }

        var table = new byte[headerSize - FixedSize];
        RandomAccess.Read(file, table, FixedSize);
        var instruments = new List<EventCacheInstrument>(instrumentCount);
        int position = 0;
        for (int i = 0; i < instrumentCount; i++)
        {
            if (position + 14 > table.Length)
            {
                throw new ReplayFormatException(path, "event cache instrument table is truncated");
            }

            int id = BinaryPrimitives.ReadInt32LittleEndian(table.AsSpan(position));
            long records = BinaryPrimitives.ReadInt64LittleEndian(table.AsSpan(position + 4));
            int symbolLength = BinaryPrimitives.ReadUInt16LittleEndian(table.AsSpan(position + 12));
            position += 14;
            if (position + symbolLength > table.Length)
            {
                throw new ReplayFormatException(path, "event cache instrument table is truncated");
            }

            instruments.Add(new EventCacheInstrument(id, Encoding.UTF8.GetString(table, position, symbolLength), records));
            position += symbolLength;
        }

        return new EventCacheHeader
        {
            Version = version,
            HeaderSize = headerSize,
            RecordSize = recordSize,
            RecordCount = recordCount,
            FirstTimestamp = BinaryPrimitives.ReadInt64LittleEndian(s[32..]),
            LastTimestamp = BinaryPrimitives.ReadInt64LittleEndian(s[40..]),
            SpecHash = s.Slice(48, 32).ToArray(),
            RecordsHash = BinaryPrimitives.ReadUInt64LittleEndian(s[80..]),
            Bars = BinaryPrimitives.ReadInt64LittleEndian(s[88..]),
            Quotes = BinaryPrimitives.ReadInt64LittleEndian(s[96..]),
            Trades = BinaryPrimitives.ReadInt64LittleEndian(s[104..]),
            Instruments = instruments,
        };
    }

    /// <summary>Serialises the header, padded to a multiple of 64 bytes (<see cref="HeaderSize"/> is computed here).</summary>
    internal byte[] ToBytes()
    {
        int tableSize = Instruments.Sum(i => 14 + Encoding.UTF8.GetByteCount(i.Symbol));
        int size = (FixedSize + tableSize + 63) / 64 * 64;
        var bytes = new byte[size];
        var s = bytes.AsSpan();
        Magic.CopyTo(s);
        BinaryPrimitives.WriteInt32LittleEndian(s[8..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(s[12..], size);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], Model.Events.InputEvent.TotalSize);
        BinaryPrimitives.WriteInt32LittleEndian(s[20..], Instruments.Count);
        BinaryPrimitives.WriteInt64LittleEndian(s[24..], RecordCount);
        BinaryPrimitives.WriteInt64LittleEndian(s[32..], FirstTimestamp);
        BinaryPrimitives.WriteInt64LittleEndian(s[40..], LastTimestamp);
        SpecHash.AsSpan(0, 32).CopyTo(s[48..]);
        BinaryPrimitives.WriteUInt64LittleEndian(s[80..], RecordsHash);
        BinaryPrimitives.WriteInt64LittleEndian(s[88..], Bars);
        BinaryPrimitives.WriteInt64LittleEndian(s[96..], Quotes);
        BinaryPrimitives.WriteInt64LittleEndian(s[104..], Trades);
        int position = FixedSize;
        foreach (var instrument in Instruments)
        {
            BinaryPrimitives.WriteInt32LittleEndian(s[position..], instrument.Id);
            BinaryPrimitives.WriteInt64LittleEndian(s[(position + 4)..], instrument.Records);
            int length = Encoding.UTF8.GetBytes(instrument.Symbol, s[(position + 14)..]);
            BinaryPrimitives.WriteUInt16LittleEndian(s[(position + 12)..], (ushort)length);
            position += 14 + length;
        }

        return bytes;
    }
}
