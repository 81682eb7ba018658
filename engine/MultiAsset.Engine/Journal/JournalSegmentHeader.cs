using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// The first <see cref="TotalSize"/> bytes of every plain segment file (<c>{firstSequence:D20}.journal</c>).
/// Little-endian, written once when the segment is created and never changed.
/// </summary>
/// <remarks>
/// <code>
///  segment file (SegmentSize bytes, preallocated)
///  +----------------------+-----------------+-----------------+-----+-------------+------------------+
///  | JournalSegmentHeader | record 0        | record 1        | ... | end marker  | zeros            |
///  | 64 bytes             | 32 + payload(8) | 32 + payload(8) |     | 32 (sealed) | (unused space)   |
///  +----------------------+-----------------+-----------------+-----+-------------+------------------+
///
///  JournalSegmentHeader (64 bytes)
///   0        8        10       12       16             24             32             40          48          56       60      64
///   +--------+--------+--------+--------+--------------+--------------+--------------+-----------+-----------+--------+-------+
///   | Magic  | Format | Header | Record | SegmentSize  | FirstSequence| CreatedUtc   | JournalId | SegmentId | rsvd 0 | CRC32C|
///   | 8 B    | Version| Size   | HdrSize| (bytes)      |              | (ns, epoch)  | (random)  | (random)  | 4 B    | 0..60 |
///   +--------+--------+--------+--------+--------------+--------------+--------------+-----------+-----------+--------+-------+
/// </code>
/// Version 3 follows the header with a 64-byte <see cref="JournalChainLink"/> (records start at 128).
/// The header CRC covers bytes [0, 60). A reader refuses a segment whose magic, version or CRC is wrong. Version 1
/// (before the manifest) had zeros where the two ids are: such a segment has no identity and is still read.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = TotalSize)]
public struct JournalSegmentHeader
{
    /// <summary>Bytes of the header on disk.</summary>
    public const int TotalSize = 64;

    /// <summary>"MAEJRNL" followed by a zero byte, read as a little-endian <see langword="ulong"/>.</summary>
    public const ulong MagicValue = 0x004C4E524A45414DUL;

    /// <summary>
    /// The format version this build writes: version 2 added <see cref="JournalId"/> and <see cref="SegmentId"/>;
    /// version 3 adds the hash chain: a <see cref="JournalChainLink"/> at offset 64 (the chain value at the end of
    /// the previous segment) and records from offset <see cref="ChainedHeaderSize"/>.
    /// </summary>
    public const ushort CurrentVersion = 3;

    /// <summary>The last version without the hash chain (what a writer with <c>chain: false</c> writes).</summary>
    public const ushort UnchainedVersion = 2;

    /// <summary>The first version with the hash chain.</summary>
    public const ushort ChainedVersion = 3;

    /// <summary>Bytes before the first record in a version-3 segment: this header and the chain link.</summary>
    public const int ChainedHeaderSize = TotalSize + JournalChainLink.Size;

    /// <summary>The oldest format version this build still reads (version 1: no segment identity).</summary>
    public const ushort OldestReadableVersion = 1;

    /// <summary>Offset of <see cref="HeaderCrc"/>; the CRC covers every byte before it.</summary>
    public const int CrcOffset = 60;

    /// <summary>Identifies a journal segment.</summary>
    [FieldOffset(0)]
    public ulong Magic;

    /// <summary>Format version (<see cref="CurrentVersion"/> when written by this build).</summary>
    [FieldOffset(8)]
    public ushort FormatVersion;

    /// <summary>Size of this header (<see cref="TotalSize"/>), so a later version can grow it.</summary>
    [FieldOffset(10)]
    public ushort HeaderSize;

    /// <summary>Size of a record header (<see cref="JournalRecordHeader.TotalSize"/>).</summary>
    [FieldOffset(12)]
    public ushort RecordHeaderSize;

    /// <summary>Declared size of the segment file in bytes; the file is preallocated to exactly this size.</summary>
    [FieldOffset(16)]
    public long SegmentSize;

    /// <summary>Sequence of the segment's first record (also its file name).</summary>
    [FieldOffset(24)]
    public long FirstSequence;

    /// <summary>Wall-clock creation time, nanoseconds since the Unix epoch (informational).</summary>
    [FieldOffset(32)]
    public long CreatedUtc;

    /// <summary>
    /// Random id of the journal the segment belongs to (the manifest's journal id); 0 in a version-1 segment. A segment
    /// copied in from another journal is recognised by it.
    /// </summary>
    [FieldOffset(40)]
    public ulong JournalId;

    /// <summary>Random id of this segment, recorded in the manifest: a replaced segment file is recognised by it. 0 in version 1.</summary>
    [FieldOffset(48)]
    public ulong SegmentId;

    /// <summary>CRC32C (Castagnoli) of bytes [0, <see cref="CrcOffset"/>).</summary>
    [FieldOffset(CrcOffset)]
    public uint HeaderCrc;

    /// <summary>Offset of the first record in a segment of format <paramref name="version"/>.</summary>
    public static int RecordsOffset(ushort version) => version >= ChainedVersion ? ChainedHeaderSize : TotalSize;

    /// <summary>Offset of the first record in the segment image at <paramref name="segment"/> (its header already checked).</summary>
    internal static unsafe int RecordsOffset(byte* segment) => RecordsOffset(((JournalSegmentHeader*)segment)->FormatVersion);
}
