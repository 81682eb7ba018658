using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using K4os.Compression.LZ4;
using MultiAsset.Engine.Journal;

namespace MultiAsset.Engine.Tests.Journal;

/// <summary>
/// Tamper evidence: a journal written by the real writer, edited on disk the way an attacker without the key would
/// (every record CRC recomputed with the journal's own CRC function), must fail <see cref="JournalVerifier.Verify"/>
/// at the right sequence; an untouched one verifies.
/// </summary>
public class JournalTamperTests
{
    private const int Every = 16;
    private const int Records = 1500; // segments 0..680, 681..1361 (sealed), 1362..1499 (open)
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("test key: not a secret");

    [Fact]
    public void Untouched_Verifies_WithEveryCheckpointAuthenticated()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        var result = JournalVerifier.Verify(t.Directory, Key);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(Records, result.Records);
        Assert.Equal(Records, result.ChainedRecords);
        // 93 periodic (15, 31, ..., 1487), the close at 1499, and 3 segment links.
        Assert.Equal((Records / Every) + 1 + 3, result.CheckpointsAuthenticated);
        var text = new StringWriter();
        result.WriteText(text);
        Assert.StartsWith($"verified {Records} records, chain ok, {result.CheckpointsAuthenticated} checkpoints authenticated", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RewrittenRecord_WithItsCrcRecomputed_IsFound()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        EditRecords(t.SegmentPath(681), 681, records => records[100][JournalRecordHeader.TotalSize + 9] ^= 0x01); // sequence 781
        Assert.True(JournalInspector.Inspect(t.Directory).Integrity == JournalIntegrity.Ok, "the CRCs alone do not see it");
        AssertFails(t, 781, "records altered");
    }

    [Fact]
    public void InsertedRecord_WithTheRestRenumbered_IsFound()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        EditRecords(t.SegmentPath(1362), 1362, records => records.Insert(50, (byte[])records[49].Clone()));
        AssertFails(t, 1412, "records altered");
    }

    [Fact]
    public void RemovedRecord_WithTheRestRenumbered_IsFound()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        EditRecords(t.SegmentPath(1362), 1362, records => records.RemoveAt(50));
        AssertFails(t, 1412, "records altered");
    }

    [Fact]
    public void SwappedRecords_WithSequencesAndCrcsFixed_AreFound()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        EditRecords(t.SegmentPath(681), 681, records => (records[200], records[201]) = (records[201], records[200]));
        AssertFails(t, 881, "records altered");
    }

    [Fact]
    public void RemovedSegment_IsFound_EvenWithTheManifestRemoved()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        File.Delete(t.SegmentPath(681));
        File.Delete(Path.Combine(t.Directory, JournalManifest.FileName));
        AssertFailsAt(t, 681, "a whole segment");
    }

    [Fact]
    public void RemovedSegment_WithTheNextRenumberedIntoItsPlace_IsFoundByTheChainLink()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        // The attacker drops segment 681 and makes 1362 look like it: renamed, first sequence and records renumbered.
        File.Delete(t.SegmentPath(681));
        var bytes = File.ReadAllBytes(t.SegmentPath(1362));
        File.Delete(t.SegmentPath(1362));
        File.WriteAllBytes(t.SegmentPath(681), bytes);
        RewriteHeader(t.SegmentPath(681), 681);
        EditRecords(t.SegmentPath(681), 681, _ => { });
        AssertFailsAt(t, 681, "chain link");
    }

    [Fact]
    public void ForgedCheckpoint_WithoutTheKey_IsFound()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        var path = Path.Combine(t.Directory, JournalChainFile.FileName);
        var links = MemoryMarshal.Cast<byte, JournalChainLink>(File.ReadAllBytes(path)).ToArray();
        // Checkpoint 10 (sequence 175) re-made by someone with another key, claiming the real key's id.
        var forged = JournalChainKey.For(Encoding.UTF8.GetBytes("the attacker's key")).Link(ReadJournalId(t), links[10].Sequence, Vector128.Create(1UL, 2UL), JournalChainLinkKind.Periodic);
        forged.KeyId = links[10].KeyId;
        forged.Seal();
        links[10] = forged;
        File.WriteAllBytes(path, MemoryMarshal.AsBytes(links.AsSpan()).ToArray());
        AssertFailsAt(t, 175, "does not authenticate");
    }

    [Fact]
    public void TruncatedEnd_BeforeTheLastCheckpoint_IsFound()
    {
        using var t = new JournalTestSupport();
        Write(t, Records);
        EditRecords(t.SegmentPath(1362), 1362, records => records.RemoveRange(100, records.Count - 100));
        File.Delete(Path.Combine(t.Directory, JournalManifest.FileName));
        AssertFailsAt(t, 1462, "removed from the end");
    }

    [Fact]
    public void Compressed_Untouched_Verifies_AndARewrittenRecordInsideAnArchive_IsFound()
    {
        using var t = new JournalTestSupport();
        Write(t, Records, compress: true);
        Assert.True(File.Exists(t.SegmentPath(0, compressed: true)));
        Assert.True(JournalVerifier.Verify(t.Directory, Key).Ok);

        // Decompress, rewrite sequence 300 with its CRC recomputed, recompress with the archive's checksum and header CRC redone.
        var archive = t.SegmentPath(0, compressed: true);
        byte[]? compressed = null, content = null;
        Assert.True(JournalArchive.TryRead(archive, ref compressed, ref content, out var header, out _, out _));
        var image = content.AsSpan(0, (int)header.UncompressedLength).ToArray();
        int at = (int)JournalTestSupport.OffsetOfRecord(300);
        image[at + JournalRecordHeader.TotalSize + 20] ^= 0x40;
        SealRecord(image.AsSpan(at, JournalTestSupport.RecordSize));
        var block = new byte[LZ4Codec.MaximumOutputSize(image.Length)];
        int size = LZ4Codec.Encode(image, block, LZ4Level.L00_FAST);
        header.CompressedLength = size;
        header.CompressedHash = System.IO.Hashing.XxHash64.HashToUInt64(block.AsSpan(0, size));
        header.HeaderCrc = JournalCrc.Compute(MemoryMarshal.AsBytes(new ReadOnlySpan<JournalArchiveHeader>(in header))[..JournalArchiveHeader.CrcOffset]);
        File.WriteAllBytes(archive, [.. MemoryMarshal.AsBytes(new ReadOnlySpan<JournalArchiveHeader>(in header)), .. block.AsSpan(0, size)]);

        AssertFails(t, 300, "records altered");
    }

    [Fact]
    public void Unkeyed_VerifiesAsUnauthenticated_AndAKeyedVerifyRefusesIt()
    {
        using var t = new JournalTestSupport();
        Write(t, Records, keyed: false);
        var result = JournalVerifier.Verify(t.Directory, key: null);
        Assert.True(result.Ok, result.Problem);
        var text = new StringWriter();
        result.WriteText(text);
        Assert.Contains("unauthenticated", text.ToString(), StringComparison.Ordinal);
        var keyed = JournalVerifier.Verify(t.Directory, Key);
        Assert.False(keyed.Ok);
        Assert.Contains("without a key", keyed.Problem, StringComparison.Ordinal);
        var keyedJournal = new JournalTestSupport();
        using (keyedJournal)
        {
            Write(keyedJournal, 100);
            Assert.Contains("pass --key", JournalVerifier.Verify(keyedJournal.Directory, key: null).Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Reopen_ContinuesTheChain_AfterACleanCloseAndAfterACrash()
    {
        using var t = new JournalTestSupport();
        Write(t, 1000);
        using (var writer = JournalWriter.Open(t.Options(key: Key, checkpointEvery: Every)))
        {
            JournalTestSupport.Append(writer, 300);
            t.Crash(writer);
        }

        using (var writer = JournalWriter.Open(t.Options(key: Key, checkpointEvery: Every)))
        {
            Assert.Equal(1300, writer.NextSequence);
            JournalTestSupport.Append(writer, 200);
        }

        var result = JournalVerifier.Verify(t.Directory, Key);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(1500, result.Records);
        Assert.Throws<JournalException>(() => JournalWriter.Open(t.Options(key: Encoding.UTF8.GetBytes("another key"))).Dispose());
    }

    [Fact]
    public void PreviousFormat_StillOpens_AndVerifiesAsUnchainedThenChained()
    {
        using var t = new JournalTestSupport();
        using (var old = JournalWriter.Open(t.Options(chain: false)))
        {
            JournalTestSupport.Append(old, 1000); // version-2 segments 0 (sealed) and 681 (open)
        }

        using (var writer = JournalWriter.Open(t.Options(key: Key, checkpointEvery: Every)))
        {
            JournalTestSupport.Append(writer, 500); // continues the open v2 segment, then chained v3 from 1362
        }

        Assert.Equal(1500, JournalTestSupport.ReadAllAndVerify(t.Directory));
        var result = JournalVerifier.Verify(t.Directory, Key);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(1500, result.Records);
        Assert.Equal(1500 - 1362, result.ChainedRecords);
        Assert.Contains(result.Notes, n => n.Contains("unchained", StringComparison.Ordinal));
    }

    /// <summary>Any single-byte change anywhere in a record's payload, its CRC recomputed, is detected.</summary>
    [Property(MaxTest = 60)]
    public Property AnySingleBytePayloadChange_IsDetected() =>
        Prop.ForAll(Gen.Choose(0, 299).ToArbitrary(), Gen.Choose(0, 63).ToArbitrary(), Gen.Choose(1, 255).ToArbitrary(), (record, offset, xor) =>
        {
            using var t = new JournalTestSupport();
            Write(t, 300);
            EditRecords(t.SegmentPath(0), 0, records => records[record][JournalRecordHeader.TotalSize + offset] ^= (byte)xor);
            var result = JournalVerifier.Verify(t.Directory, Key);
            return !result.Ok && result.FirstBadSequence <= record && record - result.FirstBadSequence < Every;
        });

    [Property(MaxTest = 300)]
    public Property Multiply_MatchesTheBitwiseReference() =>
        Prop.ForAll(ArbMap.Default.ArbFor<ulong[]>().Filter(a => a.Length >= 4), w =>
        {
            var a = Vector128.Create(w[0], w[1]);
            var b = Vector128.Create(w[2], w[3]);
            return JournalChain.Multiply(a, b) == JournalChain.MultiplyPortable(a, b)
                && JournalChain.Multiply(a, b) == JournalChain.Multiply(b, a);
        });

    [Fact]
    public unsafe void AbsorbInput_EqualsAbsorbOverTheSameBytes()
    {
        var key = JournalChainKey.For(Key);
        var words = new ulong[12];
        var random = new Random(7);
        for (int i = 0; i < 12; i++)
        {
            words[i] = (ulong)random.NextInt64();
        }

        var a = new JournalChain(key, Vector128.Create(5UL, 6UL));
        var b = new JournalChain(key, Vector128.Create(5UL, 6UL));
        a.AbsorbInput(words[0], words[1], words[2], words[3], words[4], words[5], words[6], words[7], words[8], words[9], words[10], words[11]);
        fixed (ulong* p = words)
        {
            b.Absorb((byte*)p, 96);
        }

        Assert.Equal(b.Value, a.Value);
        Assert.NotEqual(default, a.Value);
    }

    private static void Write(JournalTestSupport t, long count, bool compress = false, bool keyed = true)
    {
        using var writer = JournalWriter.Open(t.Options(compress: compress, key: keyed ? Key : null, checkpointEvery: Every));
        JournalTestSupport.Append(writer, count);
        Assert.True(writer.WaitForBackgroundWork(TimeSpan.FromSeconds(60)));
    }

    private static void AssertFailsAt(JournalTestSupport t, long sequence, string what)
    {
        var result = JournalVerifier.Verify(t.Directory, Key);
        Assert.False(result.Ok, "verify passed a tampered journal");
        Assert.Equal(sequence, result.FirstBadSequence);
        Assert.Contains(what, result.Problem, StringComparison.Ordinal);
    }

    private static void AssertFails(JournalTestSupport t, long tampered, string what)
    {
        var result = JournalVerifier.Verify(t.Directory, Key);
        Assert.False(result.Ok, "verify passed a tampered journal");
        Assert.Contains(what, result.Problem, StringComparison.Ordinal);
        Assert.InRange(result.FirstBadSequence, tampered - Every + 1, tampered);
        var text = new StringWriter();
        result.WriteText(text);
        Assert.StartsWith($"FAILED at sequence {result.FirstBadSequence}", text.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Reads the records of a plain segment, lets <paramref name="edit"/> change the list (each record's bytes), then
    /// writes them back renumbered from <paramref name="first"/> with every CRC recomputed and the end marker (if the
    /// segment was sealed) moved after the last one: what an attacker without the key can do.
    /// </summary>
    private static unsafe void EditRecords(string path, long first, Action<List<byte[]>> edit)
    {
        var bytes = File.ReadAllBytes(path);
        var records = new List<byte[]>();
        int offset = JournalSegmentHeader.ChainedHeaderSize;
        bool sealedSegment = false;
        while (true)
        {
            var header = MemoryMarshal.Read<JournalRecordHeader>(bytes.AsSpan(offset));
            if (header.Type == JournalRecordType.None)
            {
                break;
            }

            if (header.Type == JournalRecordType.SegmentEnd)
            {
                sealedSegment = true;
                break;
            }

            int size = (int)JournalRecordHeader.RecordSize(header.Length);
            records.Add(bytes.AsSpan(offset, size).ToArray());
            offset += size;
        }

        var endMarker = bytes.AsSpan(offset, JournalRecordHeader.TotalSize).ToArray();
        edit(records);
        Array.Clear(bytes, JournalSegmentHeader.ChainedHeaderSize, bytes.Length - JournalSegmentHeader.ChainedHeaderSize);
        offset = JournalSegmentHeader.ChainedHeaderSize;
        long sequence = first;
        foreach (var record in records)
        {
            MemoryMarshal.AsRef<JournalRecordHeader>(record.AsSpan()).Sequence = sequence++;
            SealRecord(record);
            record.CopyTo(bytes, offset);
            offset += record.Length;
        }

        if (sealedSegment)
        {
            endMarker.CopyTo(bytes, offset);
        }

        File.WriteAllBytes(path, bytes);
    }

    private static unsafe void SealRecord(Span<byte> record)
    {
        fixed (byte* p = record)
        {
            ((JournalRecordHeader*)p)->Crc = JournalCrc.Record(p, record.Length - JournalRecordHeader.TotalSize);
        }
    }

    private static unsafe void RewriteHeader(string path, long first)
    {
        var bytes = File.ReadAllBytes(path);
        fixed (byte* p = bytes)
        {
            ref var header = ref Unsafe.AsRef<JournalSegmentHeader>(p);
            header.FirstSequence = first;
            header.HeaderCrc = JournalCrc.Compute(p, JournalSegmentHeader.CrcOffset);
        }

        File.WriteAllBytes(path, bytes);
    }

    private static ulong ReadJournalId(JournalTestSupport t) => JournalManifest.Read(t.Directory, out _)!.JournalId;
}
