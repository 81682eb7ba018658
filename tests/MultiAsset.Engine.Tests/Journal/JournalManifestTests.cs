using System.Runtime.CompilerServices;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Tests.Journal;

/// <summary>The journal knows its own end: the manifest, what open and inspect detect with it, pruning and reading from a sequence.</summary>
public class JournalManifestTests
{
    private const int Records = 1500; // segments 0 and 681 sealed, 1362 open with 138 records

    [Fact]
    public void Open_DeletedLastSegment_ThrowsNamingTheLossAndWhatToDo()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        File.Delete(t.SegmentPath(1362));

        var ex = Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
        Assert.Equal(t.SegmentPath(1362), ex.FilePath);
        Assert.Contains("last segment 00000000000000001362.journal listed in the manifest is missing", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("1362 to at least 1499", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("maectl journal repair", ex.Message, StringComparison.Ordinal);
        var inspection = JournalInspector.Inspect(t.Directory);
        Assert.Equal(JournalIntegrity.Corrupt, inspection.Integrity);
        Assert.Contains("missing", inspection.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_DeletedLastSegmentAfterCrash_StillDetected()
    {
        using var t = new JournalTestSupport();
        var writer = JournalWriter.Open(t.Options());
        JournalTestSupport.Append(writer, Records);
        t.Crash(writer);
        File.Delete(t.SegmentPath(1362));

        // Async mode: the durable mark only covers sealed segments, but the open segment is listed by identity.
        var ex = Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
        Assert.Contains("1362", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_LastSegmentCutShort_ThrowsRecordsLost()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        var last = t.SegmentPath(1362);
        JournalTestSupport.Patch(last, JournalTestSupport.OffsetOfRecord(100), new byte[38 * JournalTestSupport.RecordSize]);

        var ex = Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
        Assert.Equal(last, ex.FilePath);
        Assert.Contains("records 1462..1499 are lost", ex.Problem, StringComparison.Ordinal);
        Assert.Equal(0, JournalTestSupport.ReadByte(last, JournalTestSupport.OffsetOfRecord(100))); // nothing repaired
    }

    [Fact]
    public void Open_DeletedFirstSegmentNotPruned_Throws()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        File.Delete(t.SegmentPath(0));

        var ex = Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
        Assert.Equal(t.SegmentPath(0), ex.FilePath);
        Assert.Contains("first segment", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("pruned-before mark (0) does not cover it", ex.Problem, StringComparison.Ordinal);
        Assert.Equal(JournalIntegrity.Corrupt, JournalInspector.Inspect(t.Directory).Integrity);
    }

    [Fact]
    public void Prune_ThenReopen_StartsAtThePrunedMark()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);

        var result = JournalRetention.Prune(t.Directory, 1400);

        Assert.Equal(1362, result.PrunedBefore);
        Assert.Equal([t.SegmentPath(0), t.SegmentPath(681)], result.Files);
        Assert.False(File.Exists(t.SegmentPath(0)));
        using (var writer = JournalWriter.Open(t.Options()))
        {
            Assert.Equal(1362, writer.Recovery.PrunedBefore);
            Assert.Equal(1362, writer.Recovery.FirstSequence);
            Assert.Equal(Records, writer.NextSequence);
            JournalTestSupport.Append(writer, 10);
        }

        var inspection = JournalInspector.Inspect(t.Directory);
        Assert.Equal(JournalIntegrity.Ok, inspection.Integrity);
        Assert.Equal(148, inspection.Records);
        Assert.Contains(inspection.Notes, n => n.Contains("before sequence 1362 was pruned", StringComparison.Ordinal));
        Assert.Equal(148, JournalTestSupport.ReadAllAndVerify(t.Directory, 1362));
    }

    [Fact]
    public async Task Prune_WithArchiveDirectory_MovesSegmentsWhileTheWriterRuns()
    {
        using var t = new JournalTestSupport();
        var archive = Path.Combine(t.Directory, "archive");
        using (var writer = JournalWriter.Open(t.Options(compress: true)))
        {
            JournalTestSupport.Append(writer, Records);
            Assert.True(writer.WaitForBackgroundWork(TimeSpan.FromSeconds(30)));
            var result = await writer.Prune(681, archive).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(681, result.PrunedBefore);
            Assert.Equal(681, writer.Manifest.PrunedBefore);
            JournalTestSupport.Append(writer, 10);
        }

        Assert.True(File.Exists(Path.Combine(archive, "00000000000000000000.journal.lz4")));
        Assert.False(File.Exists(t.SegmentPath(0, compressed: true)));
        using var again = JournalWriter.Open(t.Options());
        Assert.Equal(681, again.Recovery.FirstSequence);
        Assert.Equal(Records + 10, again.NextSequence);
    }

    [Fact]
    public void Open_PrunedButNotYetDeleted_IgnoresTheLeftover()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        var saved = File.ReadAllBytes(t.SegmentPath(0));
        JournalRetention.Prune(t.Directory, 681);
        File.WriteAllBytes(t.SegmentPath(0), saved); // as if the prune stopped after writing the manifest

        using (var writer = JournalWriter.Open(t.Options()))
        {
            Assert.Equal(681, writer.Recovery.FirstSequence);
            Assert.Equal([t.SegmentPath(0)], writer.Recovery.PrunedLeftovers);
        }

        Assert.Equal(JournalIntegrity.Ok, JournalInspector.Inspect(t.Directory).Integrity);
        JournalRetention.Prune(t.Directory, 681);
        Assert.False(File.Exists(t.SegmentPath(0)));
    }

    [Fact]
    public void Open_LastSegmentReplacedByAnotherJournals_Throws()
    {
        using var t = new JournalTestSupport();
        using var other = new JournalTestSupport();
        Write(t, Records);
        Write(other, Records + 5);
        File.Copy(other.SegmentPath(1362), t.SegmentPath(1362), overwrite: true);

        var ex = Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
        Assert.Equal(t.SegmentPath(1362), ex.FilePath);
        Assert.Contains("replaced segment", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("belongs to another journal", ex.Problem, StringComparison.Ordinal);
        Assert.Equal(JournalIntegrity.Corrupt, JournalInspector.Inspect(t.Directory).Integrity);
    }

    [Fact]
    public void Open_ForeignSegmentAfterTheEnd_IsAStray()
    {
        using var t = new JournalTestSupport();
        using var other = new JournalTestSupport();
        Write(t, 681 * 2);
        Write(other, Records);
        File.Copy(other.SegmentPath(1362), t.SegmentPath(1362));

        var ex = Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
        Assert.Contains("stray segment", ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00000000000000000681.journal.bak")]
    [InlineData("681.journal")]
    [InlineData("journal.manifest.old")]
    public void Open_StrayFile_ThrowsNamingIt(string name)
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        File.WriteAllBytes(Path.Combine(t.Directory, name), new byte[10]);
        File.WriteAllText(Path.Combine(t.Directory, "notes.txt"), "unrelated files are ignored");

        var ex = Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
        Assert.Equal(Path.Combine(t.Directory, name), ex.FilePath);
        Assert.Contains("stray file", ex.Problem, StringComparison.Ordinal);
        Assert.Equal(JournalIntegrity.Corrupt, JournalInspector.Inspect(t.Directory).Integrity);
    }

    [Fact]
    public void Open_CorruptManifest_ThrowsAndRepairRebuildsIt()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        var manifest = Path.Combine(t.Directory, JournalManifest.FileName);
        JournalTestSupport.Patch(manifest, 70, [(byte)(JournalTestSupport.ReadByte(manifest, 70) ^ 0x01)]);

        var ex = Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
        Assert.Equal(manifest, ex.FilePath);
        Assert.Contains("manifest CRC mismatch", ex.Problem, StringComparison.Ordinal);

        var report = JournalRepair.RebuildManifest(t.Directory);
        Assert.Equal(Records, report.Records);
        using var writer = JournalWriter.Open(t.Options());
        Assert.Equal(Records, writer.NextSequence);
        Assert.Equal(Records - 1, writer.Manifest.LastDurableSequence);
    }

    [Fact]
    public void Open_DeletedManifestWithCurrentSegments_Throws()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        File.Delete(Path.Combine(t.Directory, JournalManifest.FileName));

        var ex = Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
        Assert.Contains("manifest is missing", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Repair_AfterDeletedLastSegment_AcceptsTheLoss()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        File.Delete(t.SegmentPath(1362));

        var report = JournalRepair.RebuildManifest(t.Directory);

        Assert.Equal(1362, report.Records);
        using var writer = JournalWriter.Open(t.Options());
        Assert.Equal(1362, writer.NextSequence);
        JournalTestSupport.Append(writer, 5);
    }

    [Fact]
    public unsafe void Open_Version1JournalWithoutManifest_CreatesOne()
    {
        using var t = new JournalTestSupport();
        using (var unchained = JournalWriter.Open(t.Options(chain: false)))
        {
            // Format version 2 (records after a 64-byte header), as an engine before the hash chain wrote it.
            JournalTestSupport.Append(unchained, Records);
        }

        File.Delete(Path.Combine(t.Directory, JournalManifest.FileName));
        foreach (var first in new long[] { 0, 681, 1362 })
        {
            // Rewrite each header as an engine before manifests wrote it: version 1, no ids.
            var bytes = File.ReadAllBytes(t.SegmentPath(first));
            fixed (byte* p = bytes)
            {
                ref var header = ref Unsafe.AsRef<JournalSegmentHeader>(p);
                header.FormatVersion = 1;
                header.JournalId = 0;
                header.SegmentId = 0;
                header.HeaderCrc = JournalCrc.Compute(p, JournalSegmentHeader.CrcOffset);
            }

            File.WriteAllBytes(t.SegmentPath(first), bytes);
        }

        using (var writer = JournalWriter.Open(t.Options()))
        {
            Assert.True(writer.Recovery.ManifestCreated);
            Assert.Equal(Records, writer.NextSequence);
            Assert.Equal(Records - 1, writer.Manifest.LastDurableSequence);
            JournalTestSupport.Append(writer, 700);
        }

        Assert.True(File.Exists(Path.Combine(t.Directory, JournalManifest.FileName)));
        Assert.Equal(Records + 700, JournalTestSupport.ReadAllAndVerify(t.Directory));
        File.Delete(t.SegmentPath(1362));
        Assert.Throws<JournalCorruptException>(() => JournalWriter.Open(t.Options()));
    }

    [Fact]
    public void Open_SegmentsCreatedAfterTheLastCheckpoint_AreAdopted()
    {
        using var t = new JournalTestSupport();
        var manifest = Path.Combine(t.Directory, JournalManifest.FileName);
        byte[] early;
        using (var writer = JournalWriter.Open(t.Options()))
        {
            JournalTestSupport.Append(writer, 100);
            Assert.True(writer.WaitForBackgroundWork(TimeSpan.FromSeconds(30)));
            early = File.ReadAllBytes(manifest);
            JournalTestSupport.Append(writer, Records - 100);
        }

        File.WriteAllBytes(manifest, early); // a crash before the background thread recorded the roll-overs
        using (var writer = JournalWriter.Open(t.Options()))
        {
            Assert.Equal(3, writer.Recovery.AdoptedSegments); // the early manifest listed none: the first segment came with the first append
            Assert.Equal(Records, writer.NextSequence);
            Assert.Equal(3, writer.Manifest.Segments.Count);
        }

        Assert.Equal(JournalIntegrity.Ok, JournalInspector.Inspect(t.Directory).Integrity);
    }

    [Fact]
    public void Checkpoint_RecordsTheDurableSequencePeriodically_NotPerRecord()
    {
        using var t = new JournalTestSupport();
        var options = new JournalOptions
        {
            Directory = t.Directory, SegmentSize = JournalOptions.MinimumSegmentSize, CompressClosedSegments = false,
            Durability = JournalDurability.Sync, CheckpointInterval = TimeSpan.FromMilliseconds(50),
        };
        using var writer = JournalWriter.Open(options);
        JournalTestSupport.Append(writer, 100);
        Assert.Equal(-1, writer.Manifest.LastDurableSequence);
        writer.Flush();
        // The background checkpoint runs every 50 ms; the generous deadline only matters on a machine so loaded that
        // the thread is not scheduled for seconds (seen at load 20 with 10 s) — the loop ends as soon as it has run.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (writer.Manifest.LastDurableSequence < 99 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        Assert.Equal(99, writer.Manifest.LastDurableSequence);
        Assert.Equal(99, JournalManifest.Read(t.Directory, out _)!.LastDurableSequence);
    }

    [Fact]
    public void Manifest_EncodeDecode_RoundTripsAndRejectsDamage()
    {
        var manifest = new JournalManifest
        {
            JournalId = 0x1234_5678_9ABC_DEF0,
            Generation = 7,
            LastDurableSequence = 1499,
            PrunedBefore = 681,
            Segments =
            [
                new JournalManifestSegment(681, 1361, 42, 10, 20, 65_440, Open: false, Compressed: true),
                new JournalManifestSegment(1362, 1361, 43, 0, 0, 0, Open: true, Compressed: false),
            ],
        };
        var bytes = manifest.Encode();
        var back = JournalManifest.Decode(bytes, out var problem);
        Assert.Null(problem);
        Assert.Equal(manifest.JournalId, back!.JournalId);
        Assert.Equal(7, back.Generation);
        Assert.Equal(1499, back.LastDurableSequence);
        Assert.Equal(681, back.PrunedBefore);
        Assert.Equal(manifest.Segments, back.Segments);

        bytes[100] ^= 1;
        Assert.Null(JournalManifest.Decode(bytes, out problem));
        Assert.Contains("CRC", problem, StringComparison.Ordinal);
        Assert.Null(JournalManifest.Decode(bytes.AsSpan(0, bytes.Length - 8), out problem));
        Assert.Contains("does not match", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(680)]
    [InlineData(681)]
    [InlineData(1000)]
    [InlineData(1499)]
    public void Reader_FromSequence_ReturnsExactlyTheRecordsFromThere(long from)
    {
        using var t = new JournalTestSupport();
        Write(t, Records, compress: true);
        using var reader = JournalReader.OpenFrom(t.Directory, from);
        long expected = from;
        while (reader.TryRead(out var record))
        {
            Assert.Equal(expected, record.Sequence);
            var e = JournalTestSupport.EventAt(expected);
            Assert.True(record.Payload.SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<InputEvent>(in e))));
            expected++;
        }

        Assert.Equal(Records, expected);
    }

    [Fact]
    public void Reader_FromSequence_PastTheEndOrPruned_Throws()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        using (var atEnd = JournalReader.OpenFrom(t.Directory, Records))
        {
            Assert.False(atEnd.TryRead(out _));
        }

        Assert.Throws<JournalException>(() => JournalReader.OpenFrom(t.Directory, Records + 5));
        JournalRetention.Prune(t.Directory, 681);
        var ex = Assert.Throws<JournalException>(() => JournalReader.OpenFrom(t.Directory, 100));
        Assert.Contains("pruned", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_FromTo_PublishesExactlyThatRange()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        var ring = new ValueRingBuffer<InputEvent>(1024);

        long published = JournalReplayer.Replay(t.Directory, 1000, 1199, ring);

        Assert.Equal(200, published);
        Assert.Equal(199, ring.Cursor);
        var last = JournalTestSupport.EventAt(1199);
        Assert.Equal(last.Timestamp, ring[199].Timestamp);
        var first = JournalTestSupport.EventAt(1000);
        Assert.Equal(first.Timestamp, ring[0].Timestamp);
    }

    private static void Write(JournalTestSupport t, long count, bool compress = false)
    {
        using var writer = JournalWriter.Open(t.Options(compress: compress));
        JournalTestSupport.Append(writer, count);
        Assert.True(writer.WaitForBackgroundWork(TimeSpan.FromSeconds(30)));
    }
}
