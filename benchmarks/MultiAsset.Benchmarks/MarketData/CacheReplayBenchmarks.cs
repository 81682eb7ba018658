using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Benchmarks.MarketData;

/// <summary>
/// Event cache replay rate (<c>maectl data import</c>'s output): a warm 1 M-bar cache read end to end through
/// <see cref="CacheEventSource"/>, reported per event. The issue-15 goal is ≥ 10 M bars/s through the whole engine, so
/// the source itself must be far faster than that; allocations are the source object, its block and its file handle
/// only (well under a byte per event).
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class CacheReplayBenchmarks
{
    private const int Bars = 1_000_000;

    private readonly SymbolTable symbols = new(["BTCUSD"]);
    private string path = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        path = Path.Combine(Path.GetTempPath(), $"cache-replay-bench-{Environment.ProcessId}.maecache");
        var events = new InputEvent[Bars];
        var random = new Random(42);
        long t = 1_704_067_260_000_000_000;
        long price = 40_000_00_000_000;
        for (int i = 0; i < Bars; i++)
        {
            long close = price + (random.Next(-2_000, 2_001) * 1_000_000L);
            events[i].SetBar(new InstrumentId(0), t, Price.FromRaw(price), Price.FromRaw(Math.Max(price, close)), Price.FromRaw(Math.Min(price, close)),
                Price.FromRaw(close), Quantity.FromRaw(random.Next(1, 1_000_000)), 60);
            price = close;
            t += 60_000_000_000;
        }

        EventCacheWriter.Write(path, events, symbols.Symbols);
        if (ReadBars() != Bars)
        {
            throw new InvalidOperationException($"expected {Bars} bars");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(path);

    [Benchmark(OperationsPerInvoke = Bars)]
    public long ReadBars()
    {
        using var source = CacheEventSource.Open(path, symbols);
        var evt = default(InputEvent);
        long bars = 0;
        while (source.TryRead(ref evt))
        {
            if (evt.Kind == InputEventKind.Bar)
            {
                bars++;
            }
        }

        return bars;
    }
}
