using System.Buffers.Binary;

namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>
/// The fixed 64-byte header of a snapshot file, little-endian:
/// <code>
///  0  magic "MAESNAP1"        8 bytes
///  8  version                 u32   (1)
/// 12  header size             u32   (64)
/// 16  config fingerprint      u64   a snapshot of another configuration is refused
/// 24  sequence                i64   the state after journal records [0, sequence): replay resumes at record `sequence`
/// 32  created                 i64   Unix nanoseconds (wall clock)
/// 40  body length             i64   bytes after the header
/// 48  body CRC32C             u32
/// 52  header CRC32C           u32   of bytes [0, 52)
/// 56  reserved                8 bytes (zero)
/// </code>
/// </summary>
/// <param name="Fingerprint">Hash of the configuration the engine ran with.</param>
/// <param name="Sequence">Journal records covered: the first record to replay after restoring.</param>
/// <param name="CreatedNanoseconds">When the snapshot was taken (Unix nanoseconds).</param>
/// <param name="BodyLength">Length of the serialized state.</param>
/// <param name="BodyCrc">CRC32C of the serialized state.</param>
public readonly record struct SnapshotHeader(ulong Fingerprint, long Sequence, long CreatedNanoseconds, long BodyLength, uint BodyCrc)
{
    /// <summary>Header length in bytes.</summary>
    public const int Size = 64;

    /// <summary>Format version.</summary>
    public const uint CurrentVersion = 1;

    /// <summary>"MAESNAP1" as a little-endian integer.</summary>
    public const ulong Magic = 0x3150414E5345414DUL;

    /// <summary>Writes the header into <paramref name="destination"/> (at least <see cref="Size"/> bytes).</summary>
    public void WriteTo(Span<byte> destination)
    {
        destination = destination[..Size];
        destination.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], CurrentVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], Size);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], Fingerprint);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination[32..], CreatedNanoseconds);
        BinaryPrimitives.WriteInt64LittleEndian(destination[40..], BodyLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[48..], BodyCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[52..], JournalCrc.Compute(destination[..52]));
    }

    /// <summary>Reads and checks a header; <paramref name="problem"/> says what is wrong when it returns false.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out SnapshotHeader header, out string problem)
    {
        header = default;
        if (source.Length < Size)
        {
            problem = $"{source.Length} bytes is shorter than the {Size}-byte header";
            return false;
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(source) != Magic)
        {
            problem = "not a snapshot file (bad magic)";
            return false;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(source[52..]) != JournalCrc.Compute(source[..52]))
        {
            problem = "the header's CRC does not match (damaged header)";
            return false;
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(source[8..]);
        if (version != CurrentVersion || BinaryPrimitives.ReadUInt32LittleEndian(source[12..]) != Size)
        {
            problem = $"snapshot format version {version} is not supported (this build reads version {CurrentVersion})";
            return false;
        }

        header = new SnapshotHeader(
            BinaryPrimitives.ReadUInt64LittleEndian(source[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[32..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[40..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[48..]));
        problem = string.Empty;
        return true;
    }
}
