using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using MultiAsset.Engine.Journal;

namespace MultiAsset.Engine.Tests.Journal;

public class JournalLayoutTests
{
    [Fact]
    public void SegmentHeader_HasDocumentedLayout()
    {
        Assert.Equal(JournalSegmentHeader.TotalSize, Unsafe.SizeOf<JournalSegmentHeader>());
        Assert.Equal(64, JournalSegmentHeader.TotalSize);
        Assert.Equal(0, Marshal.OffsetOf<JournalSegmentHeader>(nameof(JournalSegmentHeader.Magic)).ToInt32());
        Assert.Equal(8, Marshal.OffsetOf<JournalSegmentHeader>(nameof(JournalSegmentHeader.FormatVersion)).ToInt32());
        Assert.Equal(16, Marshal.OffsetOf<JournalSegmentHeader>(nameof(JournalSegmentHeader.SegmentSize)).ToInt32());
        Assert.Equal(24, Marshal.OffsetOf<JournalSegmentHeader>(nameof(JournalSegmentHeader.FirstSequence)).ToInt32());
        Assert.Equal(32, Marshal.OffsetOf<JournalSegmentHeader>(nameof(JournalSegmentHeader.CreatedUtc)).ToInt32());
        Assert.Equal(60, Marshal.OffsetOf<JournalSegmentHeader>(nameof(JournalSegmentHeader.HeaderCrc)).ToInt32());
        Assert.Equal("MAEJRNL\0", Encoding.ASCII.GetString(BitConverter.GetBytes(JournalSegmentHeader.MagicValue)));
    }

    [Fact]
    public void RecordHeader_HasDocumentedLayout()
    {
        Assert.Equal(JournalRecordHeader.TotalSize, Unsafe.SizeOf<JournalRecordHeader>());
        Assert.Equal(32, JournalRecordHeader.TotalSize);
        Assert.Equal(0, Marshal.OffsetOf<JournalRecordHeader>(nameof(JournalRecordHeader.Length)).ToInt32());
        Assert.Equal(4, Marshal.OffsetOf<JournalRecordHeader>(nameof(JournalRecordHeader.Type)).ToInt32());
        Assert.Equal(6, Marshal.OffsetOf<JournalRecordHeader>(nameof(JournalRecordHeader.Flags)).ToInt32());
        Assert.Equal(8, Marshal.OffsetOf<JournalRecordHeader>(nameof(JournalRecordHeader.Sequence)).ToInt32());
        Assert.Equal(16, Marshal.OffsetOf<JournalRecordHeader>(nameof(JournalRecordHeader.Timestamp)).ToInt32());
        Assert.Equal(28, Marshal.OffsetOf<JournalRecordHeader>(nameof(JournalRecordHeader.Crc)).ToInt32());
        Assert.Equal(96, JournalRecordHeader.RecordSize(64));
        Assert.Equal(40, JournalRecordHeader.RecordSize(1));
        Assert.Equal(32, JournalRecordHeader.RecordSize(0));
    }

    [Fact]
    public void ArchiveHeader_HasDocumentedLayout()
    {
        Assert.Equal(JournalArchiveHeader.TotalSize, Unsafe.SizeOf<JournalArchiveHeader>());
        Assert.Equal(128, JournalArchiveHeader.TotalSize);
        Assert.Equal(16, Marshal.OffsetOf<JournalArchiveHeader>(nameof(JournalArchiveHeader.UncompressedLength)).ToInt32());
        Assert.Equal(72, Marshal.OffsetOf<JournalArchiveHeader>(nameof(JournalArchiveHeader.CompressedHash)).ToInt32());
        Assert.Equal(124, Marshal.OffsetOf<JournalArchiveHeader>(nameof(JournalArchiveHeader.HeaderCrc)).ToInt32());
    }

    [Fact]
    public void Crc_IsCastagnoli()
    {
        // The standard check value of CRC-32C.
        Assert.Equal(0xE3069283u, JournalCrc.Compute("123456789"u8));
    }
}
