using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.Journal;

/// <summary>A temporary journal directory and helpers to fill it with deterministic input events.</summary>
public sealed class JournalTestSupport : IDisposable
{
    /// <summary>Record size of an input event: 32-byte header + 64-byte payload.</summary>
    public const int RecordSize = 96;

    /// <summary>Records per 64 KiB segment: (65536 − 128 (header and chain link) − 32 for the end marker) / 96.</summary>
    public const int RecordsPerSmallSegment = 681;

    public const long BaseTime = 1_772_461_800_000_000_000; // 2026-03-02T14:30:00Z

    public JournalTestSupport()
    {
        Directory = Path.Combine(Path.GetTempPath(), "maejournal-" + Guid.NewGuid().ToString("N"));
    }

    public string Directory { get; }

    public JournalOptions Options(
        long segmentSize = JournalOptions.MinimumSegmentSize, bool compress = false, JournalDurability durability = JournalDurability.Async,
        bool chain = true, byte[]? key = null, int checkpointEvery = JournalOptions.DefaultChainCheckpointEvery)
        => new()
        {
            Directory = Directory, SegmentSize = segmentSize, CompressClosedSegments = compress, Durability = durability, IndexEvery = 16,
            Chain = chain, HmacKey = key, ChainCheckpointEvery = checkpointEvery,
        };

    public static long TimeOf(long sequence) => BaseTime + (sequence * 1_000_000);

    /// <summary>The deterministic event journalled at <paramref name="sequence"/>: quotes, trades, bars and reference values in turn.</summary>
    public static InputEvent EventAt(long sequence)
    {
        var e = default(InputEvent);
        var instrument = new InstrumentId((int)(sequence % 3));
        long ts = TimeOf(sequence) - 5;
        switch (sequence % 4)
        {
            case 0:
                e.SetQuote(instrument, ts, Price.FromRaw(6_700_050_000_000 + sequence), Price.FromRaw(6_700_060_000_000 + sequence), Quantity.FromRaw(150_000_000), Quantity.FromRaw(25_000_000));
                break;
            case 1:
                e.SetTrade(instrument, ts, Price.FromRaw(10_125_000_000 + sequence), Quantity.FromRaw(300_000_000), AggressorSide.Buyer, source: 1);
                break;
            case 2:
                e.SetBar(instrument, ts, Price.FromRaw(100_000_000), Price.FromRaw(110_000_000), Price.FromRaw(90_000_000), Price.FromRaw(105_000_000), Quantity.FromRaw(1_000_000_000), 60);
                break;
            default:
                e.SetReference(new InstrumentId(3), ts, Price.FromRaw(525_000 + sequence));
                break;
        }

        return e;
    }

    /// <summary>Appends <paramref name="count"/> events as one batch and flushes, as the journal stage does at the end of a batch.</summary>
    public static void Append(JournalWriter writer, long count)
    {
        AppendUnflushed(writer, count);
        writer.Flush();
    }

    /// <summary>Appends <paramref name="count"/> events without the end-of-batch flush (they may still be staged in the writer).</summary>
    public static void AppendUnflushed(JournalWriter writer, long count)
    {
        for (long i = 0; i < count; i++)
        {
            long sequence = writer.NextSequence;
            var e = EventAt(sequence);
            writer.Append(sequence, TimeOf(sequence), in e);
        }
    }

    /// <summary>Reads the whole journal and checks every record is the expected event; returns the count.</summary>
    public static long ReadAllAndVerify(string directory, long firstSequence = 0)
    {
        using var reader = JournalReader.Open(directory);
        long expected = firstSequence;
        while (reader.TryRead(out var record))
        {
            Assert.Equal(expected, record.Sequence);
            Assert.Equal(JournalRecordType.InputEvent, record.Type);
            Assert.Equal(TimeOf(expected), record.Timestamp);
            var e = EventAt(expected);
            Assert.True(record.Payload.SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<InputEvent>(in e))), $"payload of {expected}");
            expected++;
        }

        return expected - firstSequence;
    }

    public string SegmentPath(long firstSequence, bool compressed = false)
        => Path.Combine(Directory, firstSequence.ToString("D20", System.Globalization.CultureInfo.InvariantCulture) + (compressed ? ".journal.lz4" : ".journal"));

    /// <summary>
    /// Closes <paramref name="writer"/> as a SIGKILL would leave the journal: the segment files as written (page
    /// cache), the manifest as of the background thread's last checkpoint, not the final one a clean close writes.
    /// </summary>
    public void Crash(JournalWriter writer)
    {
        Assert.True(writer.WaitForBackgroundWork(TimeSpan.FromSeconds(30)));
        var manifest = Path.Combine(Directory, JournalManifest.FileName);
        var bytes = File.ReadAllBytes(manifest);
        writer.Dispose();
        File.WriteAllBytes(manifest, bytes);
    }

    public static long OffsetOfRecord(int indexInSegment) => JournalSegmentHeader.ChainedHeaderSize + ((long)indexInSegment * RecordSize);

    public static void Patch(string path, long offset, ReadOnlySpan<byte> bytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        file.Position = offset;
        file.Write(bytes);
    }

    public static byte ReadByte(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Position = offset;
        return (byte)file.ReadByte();
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
