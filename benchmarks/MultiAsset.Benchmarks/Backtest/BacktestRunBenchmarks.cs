using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Host.Backtesting;

namespace MultiAsset.Benchmarks.Backtest;

/// <summary>
/// A whole backtest, as <c>./run.sh backtest</c> runs it: 1 M one-minute BTCUSD bars (a seeded random walk) from an
/// event cache through the live engine (`BacktestRunner`: engine build, strategy commands, replay, drain, results
/// folder; no report), reported per bar. <c>SmaCross</c> trades (fast 10, slow 30: ≈ 39 000 orders filled at the next
/// open); <c>NoOrders</c> is the same engine with a slow average that never becomes valid. The issue-15 goal is
/// ≥ 10 M bars/s (≤ 100 ns per bar) and ≤ 200 MiB; `timing.json` of the same run gives the replay alone.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class BacktestRunBenchmarks
{
    private const int Bars = 1_000_000;

    private string folder = string.Empty;
    private BacktestSpec trading = null!;
    private BacktestSpec idle = null!;

    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("backtest-bench-").FullName;
        var events = new InputEvent[Bars];
        var random = new Random(42);
        long t = 1_704_067_260_000_000_000;
        long price = 40_000_00_000_000;
        for (var i = 0; i < Bars; i++)
        {
            long close = price + (random.Next(-2_000, 2_001) * 1_000_000L);
            events[i].SetBar(new InstrumentId(0), t, Price.FromRaw(price), Price.FromRaw(Math.Max(price, close)), Price.FromRaw(Math.Min(price, close)),
                Price.FromRaw(close), Quantity.FromRaw(random.Next(1, 1_000_000) * 100_000_000L), 60);
            price = close;
            t += 60_000_000_000;
        }

        var cache = Path.Combine(folder, "btc-1m.maecache");
        EventCacheWriter.Write(cache, events, ["BTCUSD"]);
        trading = Spec(cache, slow: 30, "trading");
        idle = Spec(cache, slow: 900_000, "idle");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    [Benchmark(OperationsPerInvoke = Bars)]
    public long SmaCross() => BacktestRunner.RunAsync(trading).GetAwaiter().GetResult().Orders.Fills;

    [Benchmark(OperationsPerInvoke = Bars)]
    public long NoOrders() => BacktestRunner.RunAsync(idle).GetAwaiter().GetResult().Period.MarketDataAccepted;

    private BacktestSpec Spec(string cache, int slow, string name)
    {
        var json = $$"""
            { "data": [ { "cache": "{{cache}}" } ], "report": false, "fees": { "makerBps": 0, "takerBps": 0 }, "latency": "0",
              "strategies": [ { "id": "sma", "name": "SMA", "type": "SmaCross", "account": "btc", "assetClasses": ["CRYPTO"], "instruments": ["BTCUSD"],
                "allocation": [ { "assetClass": "CRYPTO", "targetWeight": 100, "minWeight": 0, "maxWeight": 100 } ], "riskParameters": {},
                "executionRules": [], "rebalancingRules": [], "parameters": { "fast": 10, "slow": {{slow}}, "quantity": 1, "timeframe": "1m" } } ] }
            """;
        return BacktestSpecReader.Parse(json, name, folder, name, Path.Combine(folder, name));
    }
}
