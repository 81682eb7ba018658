using MultiAsset.Engine.Journal;

namespace MultiAsset.Engine.Tests.Journal;

public class JournalRecoveryTests
{
    private const int Records = 1500; // segments 0 and 681 sealed, 1362 open with 138 records

    public enum TornKind
    {
        HalfHeader,
        HalfPayload,
        CrcMismatch,
    }

    [Theory]
    [InlineData(TornKind.HalfHeader)]
    [InlineData(TornKind.HalfPayload)]
    [InlineData(TornKind.CrcMismatch)]
    public void Open_TornLastRecord_TruncatesItAndContinues(TornKind kind)
    {
        using var t = new JournalTestSupport();
        WriteAndCrash(t, Records);
        var last = t.SegmentPath(1362);
        long offset = JournalTestSupport.OffsetOfRecord(137);
        switch (kind)
        {
            case TornKind.HalfHeader:
                JournalTestSupport.Patch(last, offset + 16, new byte[80]);
                break;
            case TornKind.HalfPayload:
                JournalTestSupport.Patch(last, offset + 48, new byte[48]);
                break;
            default:
                JournalTestSupport.Patch(last, offset + 28, [(byte)(JournalTestSupport.ReadByte(last, offset + 28) ^ 0x01)]);
                break;
        }

        using (var writer = JournalWriter.Open(t.Options()))
        {
            var report = writer.Recovery;
            Assert.Equal(Records - 1, writer.NextSequence);
            Assert.Equal(Records - 1, report.Records);
            Assert.Equal(last, report.TruncatedFile);
            Assert.Equal(offset, report.TruncatedOffset);
            Assert.Equal(1, report.TruncatedRecords);
            Assert.InRange(report.TruncatedBytes, 1, JournalTestSupport.RecordSize);
            Assert.True(report.TruncationApplied);
            Assert.Contains("torn tail truncated", report.ToString(), StringComparison.Ordinal);
            JournalTestSupport.Append(writer, 100);
        }

        Assert.Equal(Records - 1 + 100, JournalTestSupport.ReadAllAndVerify(t.Directory));
        using var again = JournalWriter.Open(t.Options());
        Assert.Null(again.Recovery.TruncatedFile);
    }

    [Fact]
    public void Open_GarbageAfterLastRecord_IsTruncatedAndNoRecordLost()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        var last = t.SegmentPath(1362);
        long end = JournalTestSupport.OffsetOfRecord(138);
        JournalTestSupport.Patch(last, end + 8, [0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03]);
        using (var writer = JournalWriter.Open(t.Options()))
        {
            Assert.Equal(Records, writer.NextSequence);
            Assert.Equal(end, writer.Recovery.TruncatedOffset);
            Assert.Equal(15, writer.Recovery.TruncatedBytes);
        }

        Assert.Equal(0, JournalTestSupport.ReadByte(last, end + 8));
        Assert.Equal(Records, JournalTestSupport.ReadAllAndVerify(t.Directory));
    }

    [Fact]
    public void Open_FlippedBitInMiddleOfLastSegment_ThrowsCorruptWithFileAndOffset()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        var last = t.SegmentPath(1362);
        long offset = JournalTestSupport.OffsetOfRecord(50);
        JournalTestSupport.Patch(last, offset + 40, [(byte)(JournalTestSupport.ReadByte(last, offset + 40) ^ 0x10)]);
        var ex = Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
        Assert.Equal(last, ex.FilePath);
        Assert.Equal(offset, ex.Offset);
        Assert.Contains("CRC mismatch", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("not a torn tail", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("maectl journal inspect", ex.Message, StringComparison.Ordinal);
        // Nothing was changed: the record after the damage is still there.
        Assert.NotEqual(0, JournalTestSupport.ReadByte(last, JournalTestSupport.OffsetOfRecord(100)));
    }

    [Fact]
    public void FlippedBitInSealedSegment_OpenTrustsTheManifest_InspectAndReaderReportIt()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        var sealedPath = t.SegmentPath(681);
        long offset = JournalTestSupport.OffsetOfRecord(600);
        JournalTestSupport.Patch(sealedPath, offset + 50, [(byte)(JournalTestSupport.ReadByte(sealedPath, offset + 50) ^ 0x80)]);

        // Fast open checks a closed segment's header and end marker, not its records: replay (the reader) and inspect do.
        using (var writer = JournalWriter.Open(t.Options()))
        {
            Assert.Equal(Records, writer.NextSequence);
        }

        var inspection = JournalInspector.Inspect(t.Directory);
        Assert.Equal(JournalIntegrity.Corrupt, inspection.Integrity);
        Assert.Contains($"{sealedPath} at offset {offset}", inspection.Problem, StringComparison.Ordinal);
        var ex = Assert.Throws<JournalCorruptException>(() => JournalTestSupport.ReadAllAndVerify(t.Directory));
        Assert.Equal(sealedPath, ex.FilePath);
    }

    [Fact]
    public void Open_TruncatedClosedSegment_ThrowsCorrupt()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        var first = t.SegmentPath(0);
        using (var file = new FileStream(first, FileMode.Open, FileAccess.ReadWrite))
        {
            file.SetLength(40_000);
        }

        var ex = Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
        Assert.Equal(first, ex.FilePath);
        Assert.Contains("shorter than its header declares (65536)", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ClosedSegmentLongerThanDeclared_SaysSo()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        var first = t.SegmentPath(0);
        using (var file = new FileStream(first, FileMode.Open, FileAccess.ReadWrite))
        {
            file.SetLength(65536 + 4096);
        }

        var ex = Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
        Assert.Equal(first, ex.FilePath);
        Assert.Contains("longer than its header declares (65536)", ex.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("truncated", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ClosedSegmentWithZeroedTail_ThrowsCorrupt()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        var first = t.SegmentPath(0);
        long offset = JournalTestSupport.OffsetOfRecord(670);
        JournalTestSupport.Patch(first, offset, new byte[65536 - (int)offset]);
        var ex = Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
        Assert.Equal(first, ex.FilePath);
        Assert.Equal(JournalTestSupport.OffsetOfRecord(681), ex.Offset);
        Assert.Contains("no end marker where the manifest records its end", ex.Problem, StringComparison.Ordinal);
        var inspection = JournalInspector.Inspect(t.Directory);
        Assert.Contains($"at offset {offset}", inspection.Problem, StringComparison.Ordinal);
        Assert.Contains("before its end marker", inspection.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingSegment_ThrowsCorrupt()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        File.Delete(t.SegmentPath(681));
        var ex = Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
        Assert.Equal(t.SegmentPath(681), ex.FilePath);
        Assert.Contains("missing segment", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("681..1361", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("Restore 00000000000000000681.journal from a backup", ex.Message, StringComparison.Ordinal);
        Assert.Equal(JournalIntegrity.Corrupt, JournalInspector.Inspect(t.Directory).Integrity);
    }

    [Fact]
    public void Open_MissingCompressedSegment_ThrowsCorrupt()
    {
        using var t = new JournalTestSupport();
        Write(t, Records, compress: true);
        File.Delete(t.SegmentPath(681, compressed: true));
        var ex = Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
        Assert.Contains("missing segment", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_IncompatibleVersion_ThrowsCorruptNamingVersions()
    {
        using var t = new JournalTestSupport();
        Write(t, 100);
        JournalTestSupport.Patch(t.SegmentPath(0), 8, [4, 0]);
        var ex = Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
        Assert.Equal(t.SegmentPath(0), ex.FilePath);
        Assert.Contains("format version 4", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("reads versions 1..3", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void DamagedArchive_InspectAndReaderThrowCorrupt()
    {
        using var t = new JournalTestSupport();
        Write(t, Records, compress: true);
        var archive = t.SegmentPath(681, compressed: true);
        JournalTestSupport.Patch(archive, 300, [(byte)(JournalTestSupport.ReadByte(archive, 300) ^ 0xFF)]);
        var ex = Assert.Throws<JournalCorruptException>(() => JournalTestSupport.ReadAllAndVerify(t.Directory));
        Assert.Equal(archive, ex.FilePath);
        Assert.Contains("checksum", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("checksum", JournalInspector.Inspect(t.Directory).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AfterCrashDuringCompression_PrefersPlainAndDeletesLeftovers()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        // A finished-but-not-yet-cleaned-up archive next to its plain file, and a half-written one.
        File.WriteAllBytes(t.SegmentPath(0, compressed: true), new byte[10]);
        File.WriteAllBytes(t.SegmentPath(681, compressed: true) + ".tmp", new byte[10]);
        File.WriteAllBytes(t.SegmentPath(2043) + ".tmp", new byte[10]);
        using (var writer = JournalWriter.Open(t.Options()))
        {
            Assert.Equal(3, writer.Recovery.RemovedFiles.Count);
            Assert.Equal(Records, writer.NextSequence);
        }

        Assert.False(File.Exists(t.SegmentPath(0, compressed: true)));
        Assert.Empty(Directory.GetFiles(t.Directory, "*.tmp"));
        Assert.Equal(Records, JournalTestSupport.ReadAllAndVerify(t.Directory));
    }

    [Fact]
    public void Open_SealedPlainSegmentsFromEarlierRun_AreCompressed()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        using (var writer = JournalWriter.Open(t.Options(compress: true)))
        {
            Assert.True(writer.WaitForBackgroundWork(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(2, Directory.GetFiles(t.Directory, "*.journal.lz4").Length);
        Assert.Equal(Records, JournalTestSupport.ReadAllAndVerify(t.Directory));
    }

    private static void WriteAndCrash(JournalTestSupport t, long count)
    {
        var writer = JournalWriter.Open(t.Options());
        JournalTestSupport.Append(writer, count);
        t.Crash(writer);
    }

    private static void Write(JournalTestSupport t, long count, bool compress = false)
    {
        using var writer = JournalWriter.Open(t.Options(compress: compress));
        JournalTestSupport.Append(writer, count);
        Assert.True(writer.WaitForBackgroundWork(TimeSpan.FromSeconds(30)));
    }
}
