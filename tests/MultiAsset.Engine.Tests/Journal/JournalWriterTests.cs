using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Journal;

public class JournalWriterTests
{
    [Fact]
    public void Append_ManyRecordsAcrossSegments_ReadBackEqual()
    {
        using var t = new JournalTestSupport();
        using (var writer = JournalWriter.Open(t.Options()))
        {
            Assert.Equal(0, writer.NextSequence);
            Assert.True(writer.Recovery.IsEmpty);
            JournalTestSupport.Append(writer, 5000);
            Assert.Equal(5000, writer.NextSequence);
            Assert.Equal(4999, writer.AcknowledgedSequence);
        }

        Assert.Equal(8, Directory.GetFiles(t.Directory, "*.journal").Length); // ceil(5000 / 681)
        Assert.Equal(5000, JournalTestSupport.ReadAllAndVerify(t.Directory));
    }

    [Fact]
    public void Append_WithCompression_SealedSegmentsBecomeLz4AndReadBackEqual()
    {
        using var t = new JournalTestSupport();
        using (var writer = JournalWriter.Open(t.Options(compress: true)))
        {
            JournalTestSupport.Append(writer, 5000);
            Assert.True(writer.WaitForBackgroundWork(TimeSpan.FromSeconds(30)));
            Assert.Equal(0, writer.BackgroundFailures);
        }

        Assert.Equal(7, Directory.GetFiles(t.Directory, "*.journal.lz4").Length);
        Assert.Single(Directory.GetFiles(t.Directory, "*.journal"));
        Assert.True(new FileInfo(t.SegmentPath(0, compressed: true)).Length < JournalOptions.MinimumSegmentSize / 2);
        Assert.Equal(5000, JournalTestSupport.ReadAllAndVerify(t.Directory));
    }

    [Fact]
    public void Open_AfterClose_ContinuesAtNextSequence()
    {
        using var t = new JournalTestSupport();
        using (var writer = JournalWriter.Open(t.Options(durability: JournalDurability.Sync)))
        {
            JournalTestSupport.Append(writer, 1000);
            writer.Flush();
            Assert.Equal(999, writer.AcknowledgedSequence);
        }

        using (var writer = JournalWriter.Open(t.Options(durability: JournalDurability.Sync)))
        {
            Assert.Equal(1000, writer.NextSequence);
            Assert.Equal(1000, writer.Recovery.Records);
            Assert.Equal(0, writer.Recovery.FirstSequence);
            Assert.Equal(999, writer.Recovery.LastSequence);
            Assert.Equal(JournalTestSupport.TimeOf(999), writer.Recovery.LastTimestamp);
            Assert.Equal(0, writer.Recovery.TruncatedBytes);
            JournalTestSupport.AppendUnflushed(writer, 500);
            Assert.Equal(999, writer.AcknowledgedSequence); // Sync: not acknowledged before Flush
            writer.Flush();
            Assert.Equal(1499, writer.AcknowledgedSequence);
        }

        Assert.Equal(1500, JournalTestSupport.ReadAllAndVerify(t.Directory));
    }

    [Fact]
    public void Append_FirstRecordOfEmptyJournal_MayStartAtAnySequence()
    {
        using var t = new JournalTestSupport();
        using (var writer = JournalWriter.Open(t.Options()))
        {
            var e = JournalTestSupport.EventAt(42);
            writer.Append(42, JournalTestSupport.TimeOf(42), in e);
            JournalTestSupport.Append(writer, 9);
        }

        Assert.True(File.Exists(t.SegmentPath(42)));
        Assert.Equal(10, JournalTestSupport.ReadAllAndVerify(t.Directory, firstSequence: 42));
    }

    [Fact]
    public void Append_NonContiguousSequence_Throws()
    {
        using var t = new JournalTestSupport();
        using var writer = JournalWriter.Open(t.Options());
        JournalTestSupport.Append(writer, 3);
        var e = JournalTestSupport.EventAt(5);
        var ex = Assert.Throws<ArgumentException>(() => writer.Append(5, 0, in e));
        Assert.Contains("must be 3", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, writer.NextSequence);
    }

    [Fact]
    public void Append_ReservedTypeOrOversizedRecord_Throws()
    {
        using var t = new JournalTestSupport();
        using var writer = JournalWriter.Open(t.Options());
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Append(JournalRecordType.SegmentEnd, 0, 0, new byte[8]));
        Assert.Throws<ArgumentException>(() => writer.Append(JournalRecordType.Command, 0, 0, new byte[70_000]));
        Assert.Equal(0, writer.NextSequence);
    }

    [Fact]
    public void ReserveCommit_WritesRecordInPlace()
    {
        using var t = new JournalTestSupport();
        using (var writer = JournalWriter.Open(t.Options()))
        {
            var span = writer.Reserve(JournalRecordType.Command, 0, 77, 13);
            "hello, world!"u8.CopyTo(span);
            writer.Commit();
            Assert.Throws<InvalidOperationException>(writer.Commit);
        }

        using var reader = JournalReader.Open(t.Directory);
        Assert.True(reader.TryRead(out var record));
        Assert.Equal(JournalRecordType.Command, record.Type);
        Assert.Equal(77, record.Timestamp);
        Assert.True(record.Payload.SequenceEqual("hello, world!"u8));
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void Append_WhenSegmentCannotBeCreated_ThrowsJournalExceptionAndWritesNothing()
    {
        using var t = new JournalTestSupport();
        int calls = 0;
        var options = new JournalOptions
        {
            Directory = t.Directory,
            SegmentSize = JournalOptions.MinimumSegmentSize,
            CompressClosedSegments = false,
            Durability = JournalDurability.Sync,
            CreateSegmentFile = (path, size) => ++calls == 2
                ? throw new IOException("No space left on device")
                : new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete),
        };
        using (var writer = JournalWriter.Open(options))
        {
            JournalTestSupport.Append(writer, JournalTestSupport.RecordsPerSmallSegment);
            writer.Flush();
            var e = JournalTestSupport.EventAt(writer.NextSequence);
            var ex = Assert.Throws<JournalException>(() => writer.Append(writer.NextSequence, 0, in e));
            Assert.Contains(t.Directory, ex.Message, StringComparison.Ordinal);
            Assert.Contains("65536 bytes are needed", ex.Message, StringComparison.Ordinal);
            Assert.Contains("No space left on device", ex.Message, StringComparison.Ordinal);
            Assert.Equal(JournalTestSupport.RecordsPerSmallSegment, writer.NextSequence);

            // Space freed: the same append succeeds and the journal goes on.
            JournalTestSupport.Append(writer, 10);
        }

        Assert.Empty(Directory.GetFiles(t.Directory, "*.tmp"));
        Assert.Equal(JournalTestSupport.RecordsPerSmallSegment + 10, JournalTestSupport.ReadAllAndVerify(t.Directory));
    }

    [Fact]
    public void Open_WhenDirectoryHeldByAnotherWriter_Throws()
    {
        using var t = new JournalTestSupport();
        using var first = JournalWriter.Open(t.Options());
        var ex = Assert.Throws<JournalException>(() => JournalWriter.Open(t.Options()));
        Assert.Contains(t.Directory, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_DoesNotAllocate()
    {
        using var t = new JournalTestSupport();
        using var writer = JournalWriter.Open(t.Options(segmentSize: 32L * 1024 * 1024));
        var e = JournalTestSupport.EventAt(0);
        for (int i = 0; i < 1000; i++)
        {
            writer.Append(writer.NextSequence, i, in e);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            writer.Append(JournalRecordType.InputEvent, writer.NextSequence, i, System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<InputEvent>(in e)));
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        AllocationAssert.NonePerOperation(allocated, 100_000);
        Assert.Equal(101_000, writer.NextSequence);
    }

    [Fact]
    public void Async_RecordsAreWrittenOutAndAcknowledgedAtFlush_NotBefore()
    {
        using var t = new JournalTestSupport();
        using var writer = JournalWriter.Open(t.Options(segmentSize: 1024 * 1024));
        JournalTestSupport.AppendUnflushed(writer, 100);
        Assert.Equal(100, writer.NextSequence);
        Assert.Equal(-1, writer.AcknowledgedSequence); // staged, not yet in the file

        using (var reader = JournalReader.Open(t.Directory))
        {
            Assert.False(reader.TryRead(out _));
        }

        writer.Flush();
        Assert.Equal(99, writer.AcknowledgedSequence);
        Assert.Equal(100, JournalTestSupport.ReadAllAndVerify(t.Directory)); // in the page cache: a reader (or a recovery after SIGKILL) sees them
    }

    [Fact]
    public void Async_ABatchLargerThanTheStagingBuffer_IsWrittenOutAsItFills()
    {
        using var t = new JournalTestSupport();
        int perStage = JournalWriter.DefaultStageCapacity / JournalTestSupport.RecordSize;
        using var writer = JournalWriter.Open(t.Options(segmentSize: 4L * 1024 * 1024));
        JournalTestSupport.AppendUnflushed(writer, perStage + 10);
        Assert.Equal(-1, writer.AcknowledgedSequence);

        // The first full buffer is in the file already; the rest waits for the flush.
        using (var reader = JournalReader.Open(t.Directory))
        {
            long visible = 0;
            while (reader.TryRead(out _))
            {
                visible++;
            }

            Assert.Equal(perStage, visible);
        }

        writer.Flush();
        Assert.Equal(perStage + 9, writer.AcknowledgedSequence);
        Assert.Equal(perStage + 10, JournalTestSupport.ReadAllAndVerify(t.Directory));
    }

    [Fact]
    public void Append_RecordLargerThanTheStagingBuffer_RoundTrips()
    {
        using var t = new JournalTestSupport();
        var big = new byte[JournalWriter.DefaultStageCapacity + 12345];
        new Random(7).NextBytes(big);
        using (var writer = JournalWriter.Open(t.Options(segmentSize: 4L * 1024 * 1024)))
        {
            JournalTestSupport.Append(writer, 3);
            writer.Append(JournalRecordType.Command, 3, 99, big);
            JournalTestSupport.Append(writer, 2);
        }

        using var reader = JournalReader.Open(t.Directory);
        var sequences = new List<long>();
        while (reader.TryRead(out var record))
        {
            sequences.Add(record.Sequence);
            if (record.Sequence == 3)
            {
                Assert.Equal(JournalRecordType.Command, record.Type);
                Assert.True(record.Payload.SequenceEqual(big));
            }
        }

        Assert.Equal([0, 1, 2, 3, 4, 5], sequences);
    }

    [Fact]
    public void AppendInput_WritesTheEventWithTheVerdictZeroed()
    {
        using var t = new JournalTestSupport();
        var e = JournalTestSupport.EventAt(0);
        var judged = e;
        judged.Verdict = MarketDataRejectReason.CrossedQuote;
        using (var writer = JournalWriter.Open(t.Options()))
        {
            writer.AppendInput(JournalTestSupport.TimeOf(0), in judged);
            Assert.Equal(MarketDataRejectReason.CrossedQuote, judged.Verdict); // the ring's event is not touched
        }

        Assert.Equal(1, JournalTestSupport.ReadAllAndVerify(t.Directory));
    }

    [Fact]
    public void Async_WithCompression_SealedSegmentsBecomeDurableThroughTheirArchives()
    {
        using var t = new JournalTestSupport();
        using var writer = JournalWriter.Open(t.Options(compress: true));
        JournalTestSupport.Append(writer, 3 * JournalTestSupport.RecordsPerSmallSegment + 5);
        Assert.True(writer.WaitForBackgroundWork(TimeSpan.FromSeconds(30)));
        Assert.Equal(3, Directory.GetFiles(t.Directory, "*.journal.lz4").Length);
        Assert.Equal((3 * JournalTestSupport.RecordsPerSmallSegment) - 1, writer.Manifest.LastDurableSequence);
        Assert.All(writer.Manifest.Segments.Take(3), s => Assert.True(s.Compressed));
    }

    [Fact]
    public void Archiver_RunsAtTheConfiguredPriority()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var t = new JournalTestSupport();
        foreach (var (priority, policy, nice) in new[] { (JournalBackgroundPriority.Idle, 5, 0), (JournalBackgroundPriority.Low, 0, 19), (JournalBackgroundPriority.Normal, 0, 0) })
        {
            var options = new JournalOptions { Directory = t.Directory, SegmentSize = JournalOptions.MinimumSegmentSize, Durability = JournalDurability.Async, BackgroundPriority = priority };
            using var writer = JournalWriter.Open(options);
            JournalTestSupport.Append(writer, JournalTestSupport.RecordsPerSmallSegment + 1); // one roll-over: the thread has run
            Assert.True(writer.WaitForBackgroundWork(TimeSpan.FromSeconds(30)));
            var (actualPolicy, actualNice) = Scheduling(writer.BackgroundThreadId);
            Assert.Equal((policy, nice), (actualPolicy, actualNice));
        }
    }

    /// <summary>Policy and nice value of thread <paramref name="tid"/> of this process, from /proc (stat fields 41 and 19).</summary>
    private static (int Policy, int Nice) Scheduling(int tid)
    {
        var stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[38], System.Globalization.CultureInfo.InvariantCulture), int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture));
    }
}
