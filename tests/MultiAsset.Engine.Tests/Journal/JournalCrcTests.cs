using System.Runtime.InteropServices;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Journal;

namespace MultiAsset.Engine.Tests.Journal;

public class JournalCrcTests
{
    /// <summary>The three-chain CRC of an input-event record equals the plain CRC over the same 92 bytes.</summary>
    [Property(MaxTest = 500)]
    public Property InputRecord_EqualsTheByteWiseRecordCrc() =>
        Prop.ForAll(ArbMap.Default.ArbFor<long[]>().Filter(a => a.Length >= 11), words =>
        {
            var record = new long[12];
            ulong h0 = (ulong)(uint)words[0] | ((ulong)(ushort)words[1] << 32);
            record[0] = (long)h0;
            record[1] = words[2];
            record[2] = words[3];
            Array.Copy(words, 3, record, 4, 8);
            var bytes = MemoryMarshal.AsBytes(record.AsSpan());
            uint expected;
            unsafe
            {
                fixed (byte* p = bytes)
                {
                    expected = JournalCrc.Record(p, 64);
                }
            }

            var w = MemoryMarshal.Cast<byte, ulong>(bytes[32..]);
            return JournalCrc.InputRecord(h0, record[1], record[2], w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]) == expected;
        });

    [Fact]
    public void InputRecord_OfAKnownRecord()
    {
        // Changing one payload byte must change the CRC; the all-zero record has the CRC of 92 zero bytes.
        uint zero = JournalCrc.InputRecord(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        Assert.Equal(JournalCrc.Compute(new byte[92]), zero);
        Assert.NotEqual(zero, JournalCrc.InputRecord(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1UL << 55));
    }
}
