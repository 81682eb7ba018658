using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Journal.Audit;

/// <summary>
/// The 64-byte header of <c>audit.trail</c>. Deterministic (no creation time, no random id) so that a replay of the
/// same journal writes the same file, byte for byte.
/// </summary>
/// <remarks>
/// <code>
///   0        8        10       12       14    16         24       32            60     64
///   +--------+--------+--------+--------+-----+----------+--------+-------------+------+
///   | Magic  | Format | Header | Record | 0   | TrailId  | KeyId  | zeros       | CRC32C|
///   | 8 B    | Version| Size   | Size   |     | (journal)| (chain)|             | 0..60 |
///   +--------+--------+--------+--------+-----+----------+--------+-------------+------+
/// </code>
/// Magic = "MAEAUDT\0"; FormatVersion = 1; TrailId = the id of the journal whose replay produces the trail (its
/// manifest's journal id; 0 without a journal); KeyId = the chain key's fingerprint (0 unkeyed).
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct AuditTrailHeader
{
    /// <summary>Bytes on disk.</summary>
    public const int Size = 64;

    /// <summary>"MAEAUDT\0" little-endian.</summary>
    public const ulong MagicValue = 0x0054445541454D41UL;

    /// <summary>The format this build writes and reads.</summary>
    public const ushort CurrentVersion = 1;

    /// <summary>"MAEAUDT\0".</summary>
    [FieldOffset(0)]
    public ulong Magic;

    /// <summary>Format version.</summary>
    [FieldOffset(8)]
    public ushort FormatVersion;

    /// <summary><see cref="Size"/>.</summary>
    [FieldOffset(10)]
    public ushort HeaderSize;

    /// <summary><see cref="AuditRecord.Size"/>.</summary>
    [FieldOffset(12)]
    public ushort RecordSize;

    /// <summary>The journal the trail is the output of.</summary>
    [FieldOffset(16)]
    public ulong TrailId;

    /// <summary>Fingerprint of the chain key (0: unauthenticated chain).</summary>
    [FieldOffset(24)]
    public ulong KeyId;

    /// <summary>CRC32C of bytes [0, 60).</summary>
    [FieldOffset(60)]
    public uint Crc;

    /// <summary>A sealed header for a new trail.</summary>
    public static AuditTrailHeader Create(ulong trailId, ulong keyId)
    {
        var header = new AuditTrailHeader
        {
            Magic = MagicValue,
            FormatVersion = CurrentVersion,
            HeaderSize = Size,
            RecordSize = AuditRecord.Size,
            TrailId = trailId,
            KeyId = keyId,
        };
        header.Seal();
        return header;
    }

    /// <summary>Why the header is not one this build reads, or null when it is.</summary>
    public readonly unsafe string? Problem()
    {
        var copy = this;
        if (Magic != MagicValue)
        {
            return "not an audit trail (bad magic)";
        }

        if (JournalCrc.Compute((byte*)&copy, 60) != Crc)
        {
            return "header CRC mismatch";
        }

        if (FormatVersion != CurrentVersion || HeaderSize != Size || RecordSize != AuditRecord.Size)
        {
            return $"format version {FormatVersion} (record size {RecordSize}); this build reads version {CurrentVersion} (record size {AuditRecord.Size})";
        }

        return null;
    }

    /// <summary>Computes the CRC.</summary>
    public unsafe void Seal()
    {
        fixed (AuditTrailHeader* p = &this)
        {
            Crc = JournalCrc.Compute((byte*)p, 60);
        }
    }
}
