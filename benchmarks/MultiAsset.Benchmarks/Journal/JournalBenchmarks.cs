using BenchmarkDotNet.Attributes;
using K4os.Compression.LZ4;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Benchmarks.Journal;

/// <summary>
/// Journal throughput: append (64-byte input events) in Async mode and in Sync mode with a flush every 256 records,
/// replay from plain and from LZ4 segments, and LZ4 on a segment of realistic market data. Each invocation handles
/// <see cref="Records"/> records, so the reported time per operation is per record. The async appends run twice:
/// with the hash chain (format 3, the default, keyed) and without it (format 2), to measure the chain's cost.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class JournalBenchmarks
{
    private const int Records = 1_000_000;
    private const int SyncBatch = 256;

    private readonly InputEvent[] events = MarketDataEvents(65536);
    private string root = string.Empty;
    private string appendDirectory = string.Empty;
    private string plainDirectory = string.Empty;
    private string compressedDirectory = string.Empty;
    private JournalWriter? writer;
    private byte[] segmentImage = [];
    private byte[] lz4Buffer = [];

    private static readonly byte[] ChainKey = "benchmark key"u8.ToArray();

    /// <summary>The append benchmarks need only the directory, not the filled journals.</summary>
    [GlobalSetup(Targets = [nameof(AppendAsync), nameof(AppendAsyncUnchained), nameof(AppendSyncFlushEvery256), nameof(AppendInputAsyncFlushEvery4096), nameof(AppendInputAsyncFlushEvery4096Unchained)])]
    public void SetupAppend() => root = Directory.CreateTempSubdirectory("mae-journal-bench-").FullName;

    [GlobalSetup(Targets = [nameof(ReplayPlain), nameof(ReplayCompressed), nameof(Lz4CompressSegment), nameof(Lz4DecompressSegment)])]
    public void Setup()
    {
        root = Directory.CreateTempSubdirectory("mae-journal-bench-").FullName;
        plainDirectory = Path.Combine(root, "plain");
        compressedDirectory = Path.Combine(root, "lz4");
        Fill(new JournalOptions { Directory = plainDirectory, Durability = JournalDurability.Async, CompressClosedSegments = false }, Records);
        Fill(new JournalOptions { Directory = compressedDirectory, Durability = JournalDurability.Async, CompressClosedSegments = true }, Records);

        // One full 64 MiB segment of realistic events, as the archiver sees it (header through end marker).
        var segment = Directory.GetFiles(compressedDirectory, "*.journal.lz4").Order().First();
        byte[]? compressed = null, content = null;
        JournalArchive.TryRead(segment, ref compressed, ref content, out var header, out _, out _);
        segmentImage = content.AsSpan(0, (int)header.UncompressedLength).ToArray();
        lz4Buffer = new byte[LZ4Codec.MaximumOutputSize(segmentImage.Length)];
        int size = LZ4Codec.Encode(segmentImage, lz4Buffer, LZ4Level.L00_FAST);
        Console.WriteLine($"// LZ4 (L00_FAST) on a {segmentImage.Length / 1048576.0:F1} MiB segment of {header.RecordCount:N0} market-data input events: "
            + $"{size / 1048576.0:F1} MiB, ratio {segmentImage.Length / (double)size:F2}:1");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(root, recursive: true);

    [IterationSetup(Targets = [nameof(AppendAsync), nameof(AppendAsyncUnchained), nameof(AppendSyncFlushEvery256), nameof(AppendInputAsyncFlushEvery4096), nameof(AppendInputAsyncFlushEvery4096Unchained)])]
    public void OpenWriter()
    {
        appendDirectory = Path.Combine(root, "append-" + Guid.NewGuid().ToString("N"));
    }

    [IterationCleanup(Targets = [nameof(AppendAsync), nameof(AppendAsyncUnchained), nameof(AppendSyncFlushEvery256), nameof(AppendInputAsyncFlushEvery4096), nameof(AppendInputAsyncFlushEvery4096Unchained)])]
    public void CloseWriter()
    {
        writer?.Dispose();
        writer = null;
        Directory.Delete(appendDirectory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Records, Description = "Append 64 B, async")]
    public long AppendAsync() => AppendAsync(chain: true);

    [Benchmark(OperationsPerInvoke = Records, Description = "Append 64 B, async, no chain (format 2)")]
    public long AppendAsyncUnchained() => AppendAsync(chain: false);

    private long AppendAsync(bool chain)
    {
        writer = OpenAsync(chain);
        var w = writer;
        var e = events;
        for (int i = 0; i < Records; i++)
        {
            w.Append(i, i, in e[i & 65535]);
        }

        return w.NextSequence;
    }

    /// <summary>What the journal stage does per input event: <see cref="JournalWriter.AppendInput"/>, and a flush (one pwrite) at the end of each 4 096-event batch.</summary>
    [Benchmark(OperationsPerInvoke = Records, Description = "AppendInput 64 B, async, flush/4096 (journal stage)")]
    public long AppendInputAsyncFlushEvery4096() => AppendInputAsyncFlushEvery4096(chain: true);

    [Benchmark(OperationsPerInvoke = Records, Description = "AppendInput 64 B, async, flush/4096, no chain (format 2)")]
    public long AppendInputAsyncFlushEvery4096Unchained() => AppendInputAsyncFlushEvery4096(chain: false);

    private long AppendInputAsyncFlushEvery4096(bool chain)
    {
        writer = OpenAsync(chain);
        var w = writer;
        var e = events;
        for (int i = 0; i < Records; i++)
        {
            w.AppendInput(i, in e[i & 65535]);
            if ((i & 4095) == 4095)
            {
                w.Flush();
            }
        }

        w.Flush();
        return w.AcknowledgedSequence;
    }

    private JournalWriter OpenAsync(bool chain) => JournalWriter.Open(new JournalOptions
    {
        Directory = appendDirectory, Durability = JournalDurability.Async, CompressClosedSegments = false, Chain = chain, HmacKey = chain ? ChainKey : null,
    });

    [Benchmark(OperationsPerInvoke = Records, Description = "Append 64 B, sync, flush/256")]
    public long AppendSyncFlushEvery256()
    {
        writer = JournalWriter.Open(new JournalOptions { Directory = appendDirectory, Durability = JournalDurability.Sync, CompressClosedSegments = false });
        var w = writer;
        var e = events;
        for (int i = 0; i < Records; i++)
        {
            w.Append(i, i, in e[i & 65535]);
            if ((i & (SyncBatch - 1)) == SyncBatch - 1)
            {
                w.Flush();
            }
        }

        w.Flush();
        return w.AcknowledgedSequence;
    }

    [Benchmark(OperationsPerInvoke = Records, Description = "Replay, plain segments")]
    public long ReplayPlain() => Replay(plainDirectory);

    [Benchmark(OperationsPerInvoke = Records, Description = "Replay, LZ4 segments")]
    public long ReplayCompressed() => Replay(compressedDirectory);

    /// <summary>Per operation: one record's share of compressing a 64 MiB segment (divide the segment size by the time for MB/s).</summary>
    [Benchmark(Description = "LZ4 compress one 64 MiB segment")]
    public int Lz4CompressSegment() => LZ4Codec.Encode(segmentImage, lz4Buffer, LZ4Level.L00_FAST);

    [Benchmark(Description = "LZ4 decompress one 64 MiB segment")]
    public int Lz4DecompressSegment()
    {
        int size = LZ4Codec.Encode(segmentImage, lz4Buffer, LZ4Level.L00_FAST);
        return LZ4Codec.Decode(lz4Buffer.AsSpan(0, size), segmentImage);
    }

    private static long Replay(string directory)
    {
        using var reader = JournalReader.Open(directory);
        long sum = 0;
        while (reader.TryRead(out var record))
        {
            sum += record.Payload[0];
        }

        return sum;
    }

    private void Fill(JournalOptions options, int count)
    {
        using var w = JournalWriter.Open(options);
        for (int i = 0; i < count; i++)
        {
            w.Append(i, events[i & 65535].Timestamp, in events[i & 65535]);
        }

        w.WaitForBackgroundWork(TimeSpan.FromMinutes(2));
    }

    /// <summary>Quotes (70 %) and trades on 13 instruments: random-walk prices on their tick grid, microsecond-spaced timestamps.</summary>
    private static InputEvent[] MarketDataEvents(int count)
    {
        var random = new Random(42);
        long[] mid = [50_000_00000000, 420_00000000, 1_08500000, 150_25000000, 3_200_00000000, 190_00000000, 45_00000000, 1_27000000, 680_00000000, 98_00000000, 25_00000000, 145_00000000, 7_50000000];
        long[] tick = [1_000_000, 1_000_000, 1_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000];
        var result = new InputEvent[count];
        long ts = 1_772_461_800_000_000_000;
        for (int i = 0; i < count; i++)
        {
            int k = random.Next(mid.Length);
            mid[k] += tick[k] * random.Next(-3, 4);
            ts += random.Next(1, 2000) * 1000L;
            long spread = tick[k] * random.Next(1, 4);
            if (random.NextDouble() < 0.7)
            {
                result[i].SetQuote(new InstrumentId(k), ts, Price.FromRaw(mid[k] - spread), Price.FromRaw(mid[k] + spread),
                    Quantity.FromRaw(random.Next(1, 500) * 100_000_000L), Quantity.FromRaw(random.Next(1, 500) * 100_000_000L));
            }
            else
            {
                result[i].SetTrade(new InstrumentId(k), ts, Price.FromRaw(mid[k]), Quantity.FromRaw(random.Next(1, 100) * 100_000_000L),
                    random.Next(2) == 0 ? AggressorSide.Buyer : AggressorSide.Seller);
            }
        }

        return result;
    }
}
