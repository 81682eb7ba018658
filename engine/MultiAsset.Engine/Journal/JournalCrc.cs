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
    // The CRC register update is linear over GF(2) in (register, data): crc(r, D) = crc(r, zeros(|D|)) ⊕ crc(0, D).
    // So the record CRC can run as three independent chains (header; first and second half of a 64-byte payload)
    // joined by "advance the register over n zero bytes", a linear map tabulated per byte of the register.
    private static readonly uint[] Advance64 = AdvanceTable(64);
    private static readonly uint[] Advance32 = AdvanceTable(32);

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

    /// <summary>
    /// The CRC of an input-event record (<see cref="Record"/> of a 28-byte header then a 64-byte payload) from its
    /// values: header words <paramref name="h0"/> (length, type, flags), sequence, timestamp (reserved is 0) and the
    /// payload's eight little-endian words. Equal to <see cref="Record"/> over the same bytes; computed from registers
    /// (no read-back of just-written memory) as three parallel chains.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint InputRecord(ulong h0, long sequence, long timestamp, ulong p0, ulong p1, ulong p2, ulong p3, ulong p4, ulong p5, ulong p6, ulong p7)
    {
        uint a = BitOperations.Crc32C(Seed, h0);
        uint b = BitOperations.Crc32C(0u, p0);
        uint c = BitOperations.Crc32C(0u, p4);
        a = BitOperations.Crc32C(a, (ulong)sequence);
        b = BitOperations.Crc32C(b, p1);
        c = BitOperations.Crc32C(c, p5);
        a = BitOperations.Crc32C(a, (ulong)timestamp);
        b = BitOperations.Crc32C(b, p2);
        c = BitOperations.Crc32C(c, p6);
        a = BitOperations.Crc32C(a, 0u); // reserved
        b = BitOperations.Crc32C(b, p3);
        c = BitOperations.Crc32C(c, p7);
        return ~(Advance(Advance64, a) ^ Advance(Advance32, b) ^ c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Advance(uint[] table, uint register)
    {
        ref uint t = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(table);
        return Unsafe.Add(ref t, (int)(register & 0xFF))
            ^ Unsafe.Add(ref t, 256 + (int)((register >> 8) & 0xFF))
            ^ Unsafe.Add(ref t, 512 + (int)((register >> 16) & 0xFF))
            ^ Unsafe.Add(ref t, 768 + (int)(register >> 24));
    }

    /// <summary>The register advanced over <paramref name="zeroBytes"/> zero bytes, for each byte of the register: 4 × 256 entries.</summary>
    private static uint[] AdvanceTable(int zeroBytes)
    {
        var table = new uint[1024];
        for (int k = 0; k < 4; k++)
        {
            for (uint v = 0; v < 256; v++)
            {
                uint register = v << (8 * k);
                for (int i = 0; i < zeroBytes; i += 8)
                {
                    register = BitOperations.Crc32C(register, 0UL);
                }

                table[(k * 256) + (int)v] = register;
            }
        }

        return table;
    }
}
