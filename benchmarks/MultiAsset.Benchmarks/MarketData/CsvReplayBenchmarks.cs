using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Benchmarks.MarketData;

/// <summary>
/// CSV replay parse rate: a warm (page-cached) 1 M-row quotes file read end to end through
/// <see cref="CsvEventSource"/>, reported per row. Target ≥ 5 M rows/s (≤ 200 ns/row) and 0 B/row.
/// </summary>
/// <remarks>
/// The read buffer is reused across invocations (as a replay of many files would), so the only allocations per
/// invocation are the source object and its file handle: well under a byte per row.
/// </remarks>
[Config(typeof(BenchmarkConfig))]
public class CsvReplayBenchmarks
{
    private const int Rows = 1_000_000;
    private const int SymbolCount = 100;

    private readonly byte[] buffer = new byte[CsvEventSource.DefaultBufferSize];

    // As the host replays: bad-row logging and the per-row time-gap check switched on (no bad rows or gaps here).
    private readonly ReplayDiagnostics diagnostics = new();
    private SymbolTable symbols = null!;
    private string path = string.Empty;

    /// <summary>Integer nanoseconds, or ISO-8601 text with nine fraction digits.</summary>
    [Params("ns", "iso")]
    public string Timestamps { get; set; } = "ns";

    [GlobalSetup]
    public void Setup()
    {
        symbols = new SymbolTable(Enumerable.Range(0, SymbolCount).Select(i => $"SYM{i:D3}").ToArray());
        path = Path.Combine(Path.GetTempPath(), $"csv-replay-bench-{Timestamps}-{Environment.ProcessId}.csv");
        var random = new Random(42);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
        {
            writer.Write("timestamp,symbol,bid,ask,bid_size,ask_size\n");
            long t = 1_772_461_800_000_000_000;
            for (int i = 0; i < Rows; i++)
            {
                t += random.Next(1_000, 1_000_000);
                long bid = random.NextInt64(1_0000, 5_000_0000); // 4 decimals
                string ts = Timestamps == "iso"
                    ? DateTime.UnixEpoch.AddTicks(t / 100).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + (t % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture) + "Z"
                    : t.ToString(CultureInfo.InvariantCulture);
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{ts},SYM{random.Next(SymbolCount):D3},{bid / 1e4:0.0###},{(bid + random.Next(1, 50)) / 1e4:0.0###},{random.Next(1, 10_000)},{random.Next(1, 10_000)}\n"));
            }
        }

        // Warm the page cache and check the file replays cleanly.
        long rows = ParseQuotes();
        if (rows != Rows)
        {
            throw new InvalidOperationException($"expected {Rows} accepted rows, read {rows}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(path);

    [Benchmark(OperationsPerInvoke = Rows)]
    public long ParseQuotes()
    {
        using var source = new CsvEventSource(path, symbols, InputEventKind.Quote, buffer: buffer, diagnostics: diagnostics);
        var evt = default(InputEvent);
        long accepted = 0;
        while (source.TryRead(ref evt))
        {
            if (evt.Reject == MarketDataRejectReason.None)
            {
                accepted++;
            }
        }

        return accepted;
    }
}
