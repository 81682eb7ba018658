using System.Numerics;
using System.Runtime.CompilerServices;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// CRC32C (Castagnoli, the iSCSI/ext4 polynomial), hardware-accelerated through <see cref="BitOperations.Crc32C(uint, ulong)"/>
/// (SSE4.2 / ARMv8 CRC, with a software fallback). System.IO.Hashing's <c>Crc32</c> is the IEEE polynomial, which
/// has no single-instruction form on x64, so records use this one.
/// </summary>
internal static unsafe class JournalCrc
{
    /// <summary>The initial value of a running CRC (the standard all-ones preset).</summary>
    public const uint Seed = 0xFFFF_FFFFu;

    /// <summary>Continues <paramref name="crc"/> over <paramref name="length"/> bytes at <paramref name="data"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Append(uint crc, byte* data, long length)
    {
        // Eight bytes per instruction; the unaligned read is fine on x64 and ARM64.
        while (length >= 8)
        {
            crc = BitOperations.Crc32C(crc, Unsafe.ReadUnaligned<ulong>(data));
            data += 8;
            length -= 8;
        }

        if (length >= 4)
        {
            crc = BitOperations.Crc32C(crc, Unsafe.ReadUnaligned<uint>(data));
            data += 4;
            length -= 4;
        }

        while (length > 0)
        {
            crc = BitOperations.Crc32C(crc, *data);
            data++;
            length--;
        }

        return crc;
    }

    /// <summary>The finished CRC32C of <paramref name="length"/> bytes at <paramref name="data"/>.</summary>
    public static uint Compute(byte* data, long length) => ~Append(Seed, data, length);

    /// <summary>The finished CRC32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            return Compute(p, data.Length);
        }
    }

    /// <summary>
    /// The CRC of a record: header bytes [0, 28) then the padded payload that follows the header in memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Record(byte* header, int paddedPayloadLength)
    {
        uint crc = Append(Seed, header, JournalRecordHeader.CrcOffset);
        return ~Append(crc, header + JournalRecordHeader.TotalSize, paddedPayloadLength);
    }
}
