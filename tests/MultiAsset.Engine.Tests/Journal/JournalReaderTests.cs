using MultiAsset.Engine.Journal;

namespace MultiAsset.Engine.Tests.Journal;

public class JournalReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SeekToSequence_PositionsOnThatRecord(bool compress)
    {
        using var t = new JournalTestSupport();
        Write(t, 5000, compress);
        using var reader = JournalReader.Open(t.Directory, indexEvery: 64);
        foreach (long sequence in new long[] { 0, 1, 680, 681, 682, 2500, 4999, 100, 3333 })
        {
            Assert.True(reader.SeekToSequence(sequence), $"seek {sequence}");
            Assert.True(reader.TryRead(out var record));
            Assert.Equal(sequence, record.Sequence);
            Assert.True(reader.TryRead(out record) || sequence == 4999);
        }

        Assert.False(reader.SeekToSequence(5000));
        Assert.False(reader.TryRead(out _));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SeekToTime_PositionsOnFirstRecordAtOrAfter(bool compress)
    {
        using var t = new JournalTestSupport();
        Write(t, 5000, compress);
        using var reader = JournalReader.Open(t.Directory);
        Assert.True(reader.SeekToTime(JournalTestSupport.TimeOf(2500) + 1));
        Assert.True(reader.TryRead(out var record));
        Assert.Equal(2501, record.Sequence);

        Assert.True(reader.SeekToTime(JournalTestSupport.TimeOf(681)));
        Assert.True(reader.TryRead(out record));
        Assert.Equal(681, record.Sequence);

        Assert.True(reader.SeekToTime(0));
        Assert.True(reader.TryRead(out record));
        Assert.Equal(0, record.Sequence);

        Assert.False(reader.SeekToTime(JournalTestSupport.TimeOf(5000)));
    }

    [Fact]
    public void TryRead_FollowsLiveWriterAcrossRollOverAndCompression()
    {
        using var t = new JournalTestSupport();
        using var writer = JournalWriter.Open(t.Options(compress: true));
        using var reader = JournalReader.Open(t.Directory);
        Assert.False(reader.TryRead(out _));
        long next = 0;
        for (int round = 0; round < 6; round++)
        {
            JournalTestSupport.Append(writer, 400);
            while (reader.TryRead(out var record))
            {
                Assert.Equal(next, record.Sequence);
                Assert.Equal(JournalTestSupport.TimeOf(next), record.Timestamp);
                next++;
            }

            Assert.Equal(writer.NextSequence, next);
        }

        Assert.True(writer.WaitForBackgroundWork(TimeSpan.FromSeconds(30)));
        Assert.True(reader.SeekToSequence(10));
        Assert.True(reader.TryRead(out var again));
        Assert.Equal(10, again.Sequence);
    }

    [Fact]
    public void TryRead_TornTailNotYetRecovered_StopsBeforeIt()
    {
        using var t = new JournalTestSupport();
        Write(t, 100, compress: false);
        JournalTestSupport.Patch(t.SegmentPath(0), JournalTestSupport.OffsetOfRecord(99) + 70, [0xFF]);
        using var reader = JournalReader.Open(t.Directory);
        long count = 0;
        while (reader.TryRead(out _))
        {
            count++;
        }

        Assert.Equal(99, count);
    }

    [Fact]
    public void TryRead_DamagedSealedSegment_ThrowsCorrupt()
    {
        using var t = new JournalTestSupport();
        Write(t, 1000, compress: false);
        long offset = JournalTestSupport.OffsetOfRecord(300);
        JournalTestSupport.Patch(t.SegmentPath(0), offset + 40, [0x55, 0x55]);
        using var reader = JournalReader.Open(t.Directory);
        var ex = Assert.Throws<JournalCorruptException>(() =>
        {
            while (reader.TryRead(out _))
            {
            }
        });
        Assert.Equal(t.SegmentPath(0), ex.FilePath);
        Assert.Equal(offset, ex.Offset);
    }

    [Fact]
    public void Segments_ListsBothForms()
    {
        using var t = new JournalTestSupport();
        Write(t, 1500, compress: true);
        using var reader = JournalReader.Open(t.Directory);
        var segments = reader.Segments;
        Assert.Equal(3, segments.Count);
        Assert.True(segments[0].Compressed);
        Assert.Equal(681, segments[0].RecordCount);
        Assert.Equal(680, segments[0].LastSequence);
        Assert.False(segments[2].Compressed);
        Assert.Equal(1362, segments[2].FirstSequence);
    }

    [Fact]
    public async Task Tail_DeliversRecordsAppendedAfterStart()
    {
        using var t = new JournalTestSupport();
        using var writer = JournalWriter.Open(t.Options());
        JournalTestSupport.Append(writer, 50);
        var seen = new List<long>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var follow = JournalTail.FollowAsync(t.Directory, (in JournalRecord r) =>
        {
            lock (seen)
            {
                seen.Add(r.Sequence);
                if (seen.Count == 1000)
                {
                    cts.Cancel();
                }
            }
        }, fromSequence: 0, TimeSpan.FromMilliseconds(5), cts.Token);
        JournalTestSupport.Append(writer, 950);
        await follow;
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), seen);
    }

    private static void Write(JournalTestSupport t, long count, bool compress)
    {
        using var writer = JournalWriter.Open(t.Options(compress: compress));
        JournalTestSupport.Append(writer, count);
        Assert.True(writer.WaitForBackgroundWork(TimeSpan.FromSeconds(30)));
    }
}
