using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// The header in front of every record payload in a segment. Little-endian; the payload follows it and is padded
/// with zeros to a multiple of 8 bytes so that every header is 8-byte aligned.
/// </summary>
/// <remarks>
/// <code>
///  record = JournalRecordHeader (32 bytes) + payload (Length bytes) + zero padding to 8
///   0          4        6        8                16               24         28        32
///   +----------+--------+--------+----------------+----------------+----------+---------+------------------+
///   | Length   | Type   | Flags  | Sequence       | Timestamp (ns) | reserved | CRC32C  | payload + pad... |
///   | int32    | uint16 | uint16 | int64          | int64          | 0        | uint32  |                  |
///   +----------+--------+--------+----------------+----------------+----------+---------+------------------+
/// </code>
/// The CRC covers header bytes [0, 28) followed by the padded payload. It is written last (with release
/// semantics), so a reader that sees a matching CRC sees the whole record. An all-zero header means "no record here
/// yet"; <see cref="JournalRecordType.SegmentEnd"/> with <see cref="Length"/> 0 is the end marker of a sealed segment.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = TotalSize)]
public struct JournalRecordHeader
{
    /// <summary>Bytes of the header on disk.</summary>
    public const int TotalSize = 32;

    /// <summary>Offset of <see cref="Crc"/>; the CRC covers every header byte before it, then the padded payload.</summary>
    public const int CrcOffset = 28;

    /// <summary>Payload alignment: payloads are padded with zeros to a multiple of this.</summary>
    public const int Alignment = 8;

    /// <summary>Payload length in bytes, without padding.</summary>
    [FieldOffset(0)]
    public int Length;

    /// <summary>What the payload is (<see cref="JournalRecordType"/>).</summary>
    [FieldOffset(4)]
    public JournalRecordType Type;

    /// <summary>Reserved for per-record flags (0 today; covered by the CRC).</summary>
    [FieldOffset(6)]
    public ushort Flags;

    /// <summary>The record's sequence: contiguous (+1) across the whole journal, equal to the input-ring sequence.</summary>
    [FieldOffset(8)]
    public long Sequence;

    /// <summary>Engine clock time of the record, nanoseconds since the Unix epoch.</summary>
    [FieldOffset(16)]
    public long Timestamp;

    /// <summary>Zero; covered by the CRC.</summary>
    [FieldOffset(24)]
    public uint Reserved;

    /// <summary>CRC32C (Castagnoli) of header bytes [0, <see cref="CrcOffset"/>) and the padded payload.</summary>
    [FieldOffset(CrcOffset)]
    public uint Crc;

    /// <summary>Bytes a record with a payload of <paramref name="payloadLength"/> bytes takes in a segment.</summary>
    public static long RecordSize(int payloadLength) => TotalSize + PaddedLength(payloadLength);

    /// <summary>The payload length rounded up to <see cref="Alignment"/>.</summary>
    public static int PaddedLength(int payloadLength) => (payloadLength + (Alignment - 1)) & ~(Alignment - 1);
}
