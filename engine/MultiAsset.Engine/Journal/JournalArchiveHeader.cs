using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// The header of a compressed segment (<c>{firstSequence:D20}.journal.lz4</c>): the used bytes of a sealed plain
/// segment (its header, records and end marker; not the unused zeros) compressed as one LZ4 block. The header also
/// summarises the segment so that inspection and seeking never have to decompress it.
/// </summary>
/// <remarks>
/// <code>
///  archive file = JournalArchiveHeader (128 bytes) + LZ4 block (CompressedLength bytes)
///   0        8        10      12       16                 24                 32             40
///   +--------+--------+-------+--------+------------------+------------------+--------------+--------------+
///   | Magic  | Format | Codec | rsvd   | UncompressedLen  | CompressedLength | FirstSequence| RecordCount  |
///   +--------+--------+-------+--------+------------------+------------------+--------------+--------------+
///   40               48               56               64              72               80          88          96        124     128
///   +----------------+----------------+----------------+---------------+----------------+-----------+-----------+---------+-------+
///   | RecordCount    | FirstTimestamp | LastTimestamp  | SegmentSize   | XxHash64 of    | JournalId | SegmentId | reserved| CRC32C|
///   |                |                |                | (original)    | the LZ4 block  | (segment's ids)       | 0       | 0..124|
///   +----------------+----------------+----------------+---------------+----------------+-----------+-----------+---------+-------+
/// </code>
/// Decompressed, the content is byte-for-byte the plain segment up to and including its end marker; records are
/// read and CRC-checked exactly as in a plain segment.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = TotalSize)]
public struct JournalArchiveHeader
{
    /// <summary>Bytes of the header on disk.</summary>
    public const int TotalSize = 128;

    /// <summary>"MAEJLZ4" followed by a zero byte, read as a little-endian <see langword="ulong"/>.</summary>
    public const ulong MagicValue = 0x00345A4C4A45414DUL;

    /// <summary>Codec id of an LZ4 block (K4os.Compression.LZ4 <c>LZ4Codec</c>).</summary>
    public const ushort CodecLz4Block = 1;

    /// <summary>Offset of <see cref="HeaderCrc"/>; the CRC covers every byte before it.</summary>
    public const int CrcOffset = 124;

    /// <summary>Identifies a compressed journal segment.</summary>
    [FieldOffset(0)]
    public ulong Magic;

    /// <summary>Format version of the segment inside (<see cref="JournalSegmentHeader.CurrentVersion"/>).</summary>
    [FieldOffset(8)]
    public ushort FormatVersion;

    /// <summary>Compression codec (<see cref="CodecLz4Block"/>).</summary>
    [FieldOffset(10)]
    public ushort Codec;

    /// <summary>Bytes of the decompressed content (segment header through end marker).</summary>
    [FieldOffset(16)]
    public long UncompressedLength;

    /// <summary>Bytes of the LZ4 block that follows the header.</summary>
    [FieldOffset(24)]
    public long CompressedLength;

    /// <summary>Sequence of the first record.</summary>
    [FieldOffset(32)]
    public long FirstSequence;

    /// <summary>Number of records (the last sequence is FirstSequence + RecordCount − 1).</summary>
    [FieldOffset(40)]
    public long RecordCount;

    /// <summary>Timestamp of the first record (0 when the segment has none).</summary>
    [FieldOffset(48)]
    public long FirstTimestamp;

    /// <summary>Timestamp of the last record (0 when the segment has none).</summary>
    [FieldOffset(56)]
    public long LastTimestamp;

    /// <summary>Declared size of the original plain segment.</summary>
    [FieldOffset(64)]
    public long SegmentSize;

    /// <summary>XxHash64 of the compressed block, checked before decompressing.</summary>
    [FieldOffset(72)]
    public ulong CompressedHash;

    /// <summary>The segment's <see cref="JournalSegmentHeader.JournalId"/> (0 for a version-1 segment), so open checks identity without decompressing.</summary>
    [FieldOffset(80)]
    public ulong JournalId;

    /// <summary>The segment's <see cref="JournalSegmentHeader.SegmentId"/> (0 for a version-1 segment).</summary>
    [FieldOffset(88)]
    public ulong SegmentId;

    /// <summary>CRC32C (Castagnoli) of bytes [0, <see cref="CrcOffset"/>).</summary>
    [FieldOffset(CrcOffset)]
    public uint HeaderCrc;
}
