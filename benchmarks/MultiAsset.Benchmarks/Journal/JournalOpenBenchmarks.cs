using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Benchmarks.Journal;

/// <summary>
/// Opening a long journal: <see cref="Records"/> 64-byte input events (96 bytes on disk each, about 4.8 GB for
/// 50 M in 64 MiB segments), written once in Async mode. Open checks closed segments against the manifest by their
/// headers and end markers and reads only the open segment, so its time should not grow with the journal's length.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class JournalOpenBenchmarks
{
    private string directory = string.Empty;

    /// <summary>Records in the journal.</summary>
    [Params(50_000_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        directory = Directory.CreateTempSubdirectory("mae-journal-open-").FullName;
        var started = DateTime.UtcNow;
        using (var writer = JournalWriter.Open(new JournalOptions { Directory = directory, Durability = JournalDurability.Async, CompressClosedSegments = false }))
        {
            var e = default(InputEvent);
            for (int i = 0; i < Records; i++)
            {
                e.Timestamp = i;
                writer.Append(i, i, in e);
            }

            writer.WaitForBackgroundWork(TimeSpan.FromMinutes(10));
        }

        Console.WriteLine($"// wrote {Records:N0} records ({Directory.GetFiles(directory, "*.journal").Length} segments) in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(directory, recursive: true);

    /// <summary>What the host does at start: open (recovery checks against the manifest) and, here, close.</summary>
    [Benchmark(Description = "Open + close a journal (writer)")]
    public long OpenWriter()
    {
        using var writer = JournalWriter.Open(new JournalOptions { Directory = directory, Durability = JournalDurability.Async, CompressClosedSegments = false });
        return writer.NextSequence;
    }

    /// <summary>Positioning a reader for the journal's last 1 000 records (recovery after a recent snapshot).</summary>
    [Benchmark(Description = "Reader at the last 1 000 records")]
    public long OpenReaderNearTheEnd()
    {
        using var reader = JournalReader.OpenFrom(directory, Records - 1000);
        return reader.NextSequence;
    }
}
