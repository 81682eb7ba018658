using System.Globalization;
using System.Text;
using MultiAsset.Engine.Journal.Snapshots;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Host.Tests;

/// <summary>
/// The reference SmaCross strategy end to end: 40 one-minute BTCUSD bars replayed from a CSV file through the real
/// chained engine (market data, signals, coordination, risk gate, router, a simulated venue with
/// <c>"barFill": "nextOpen"</c>, zero latency, no fees), the built-in <c>default</c> account with 1 000 000 USD. Every
/// fill is checked against values worked out by hand below: bar time, side, quantity and price (the next bar's open).
/// </summary>
public sealed class SmaCrossReplayTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static readonly DateTime Start = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

    // fast 3, slow 5; bar k (1..40) ends at Start + k minutes. d = SMA3 − SMA5 by hand at the bars where it matters:
    //  5: all 100            → 100, 100: d = 0, seed 0
    //  6: 101                → 100.33 > 100.2: +, no cross (nothing non-zero before)
    // 13: 104 103 102 | 103.6 → 103 < 103.6: −, down-cross while flat: nothing
    // 19: 98 99 101 | 99.4    → 99.33 < 99.4: − still
    // 20: 99 101 103 | 100    → 101 > 100: up-cross, BUY 2                → fills at bar 21's open
    // 22: 103 102 101 | 101.2 → 102 > 101.2: +
    // 23: 102 101 103 | 102   → 102 = 102: tie, last non-zero stays +
    // 24: 101 103 100 | 101.8 → 101.33 < 101.8: down-cross, SELL 2         → bar 25's open
    // 25: 103 100 104 | 102   → 102.33 > 102: up-cross, flat again (the sell is in flight), BUY 2 → bar 26's open
    // 26: 100 104 99 | 101.4  → 101 < 101.4: down-cross, SELL 2 (the buy of 25 is in flight) → bar 27's open
    // 30: all 99             → 99 = 99: tie between two negatives, no cross
    // 35: 96 97 98 | 97.2     → 97 < 97.2: −
    // 36: 97 98 99 | 97.4     → 98 > 97.4: up-cross, BUY 2                → bar 37's open
    // 39: 101 100 | 99.6      → 100.33 > 99.6: +
    // 40: 101 100 97 | 99.4   → 99.33 < 99.4: down-cross, SELL 2 → after the last bar: never fills
    private static readonly decimal[] Closes =
    [
        100, 100, 100, 100, 100, 101, 102, 103, 104, 105,
        104, 103, 102, 101, 100, 99, 98, 99, 101, 103,
        102, 101, 103, 100, 104, 99, 99, 99, 99, 99,
        98, 97, 96, 97, 98, 99, 100, 101, 100, 97,
    ];

    // Every open is the previous close + 0.25 (bar 1: 99.75), so a fill at the open is told apart from a fill at a close.
    private static decimal Open(int bar) => bar == 1 ? 99.75m : Closes[bar - 2] + 0.25m;

    private readonly TempDirectory directory = new("mae-smacross-");
    private MultiAsset.Engine.Model.Instruments.InstrumentCatalog? catalog;

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Replayed_bars_fill_every_cross_at_the_next_bars_open_and_the_book_holds_exactly_the_fills()
    {
        var engine = Build();
        using (engine)
        {
            engine.Pipeline.Start();
            await CreateAndDeploy(engine);

            engine.Feeds[0].Run(CancellationToken.None); // to the end of the file
            Assert.Empty(engine.Pipeline.Drain(Wait));
            engine.Pipeline.Stop();

            Assert.Equal(40, engine.MarketData.Counters.Accepted);
            var fills = engine.Stages.Router.Ledger.FillSlots.ToArray().Where(f => f.FillId > 0).OrderBy(f => f.FillId).ToList();
            var expected = new (int Bar, OrderSide Side, decimal Price)[]
            {
                (21, OrderSide.Buy, 103.25m),  // BUY of bar 20 at bar 21's open = close 20 (103) + 0.25
                (25, OrderSide.Sell, 100.25m), // SELL of bar 24: close 24 (100) + 0.25
                (26, OrderSide.Buy, 104.25m),  // BUY of bar 25: close 25 (104) + 0.25
                (27, OrderSide.Sell, 99.25m),  // SELL of bar 26: close 26 (99) + 0.25
                (37, OrderSide.Buy, 99.25m),   // BUY of bar 36: close 36 (99) + 0.25
            };
            Assert.Equal(expected.Length, fills.Count);
            for (var i = 0; i < expected.Length; i++)
            {
                var (bar, side, price) = expected[i];
                Assert.Equal(BarEnd(bar), fills[i].Time); // the venue matches a bar when the engine learns of it: at its end
                Assert.Equal(side, fills[i].Side);
                Assert.Equal(Quantity.FromDecimal(2m).Raw, fills[i].QuantityRaw);
                Assert.Equal(Price.FromDecimal(price).Raw, fills[i].PriceRaw);
                Assert.Equal(0, fills[i].FeeRaw);
            }

            // Cash: 1 000 000 − 2 × 103.25 + 2 × 100.25 − 2 × 104.25 + 2 × 99.25 − 2 × 99.25 = 999 785.50; long 2
            // (bar 40's sell waits at the venue: no bar starts after it).
            var book = engine.Stages.Accounts.Book;
            Assert.True(engine.Stages.AccountNames.TryResolve("default", out var account));
            Assert.True(catalog!.TryGet("BTCUSD", out var btc));
            Assert.Equal(999_785.50m, book.Cash(account, book.Currencies.Of("USD")).ToDecimal());
            Assert.Equal(2m, book.Position(account, btc.Id).ToDecimal());
            Assert.Equal(6, engine.Stages.Router.Ledger.Orders);
        }
    }

    [Fact]
    public async Task With_a_fill_latency_each_order_fills_one_bar_later_and_a_buy_still_working_at_the_next_cross_is_closed()
    {
        // Fill latency 1 ms: an order decided at bar t's end arrives after bar t+1 started, so it fills at bar t+2's
        // open (docs/orders.md). The crosses are the same bars as above; at bar 26's down-cross the buy of bar 25 has
        // not filled (it will at 27's open): it counts as held, so the strategy sends the Close and coordination sells
        // what the strategy has ordered. Net: every round trip happens, one bar later.
        using var engine = Build(fillLatency: "1ms");
        engine.Pipeline.Start();
        await CreateAndDeploy(engine);
        engine.Feeds[0].Run(CancellationToken.None);
        Assert.Empty(engine.Pipeline.Drain(Wait));
        engine.Pipeline.Stop();

        var fills = engine.Stages.Router.Ledger.FillSlots.ToArray().Where(f => f.FillId > 0).OrderBy(f => f.FillId).ToList();
        var expected = new (int Bar, OrderSide Side, decimal Price)[]
        {
            (22, OrderSide.Buy, 102.25m),  // BUY of bar 20 at bar 22's open = close 21 (102) + 0.25
            (26, OrderSide.Sell, 104.25m), // SELL of bar 24 at bar 26's open: close 25 (104) + 0.25
            (27, OrderSide.Buy, 99.25m),   // BUY of bar 25 at bar 27's open: close 26 (99) + 0.25
            (28, OrderSide.Sell, 99.25m),  // SELL of bar 26 at bar 28's open: close 27 (99) + 0.25
            (38, OrderSide.Buy, 100.25m),  // BUY of bar 36 at bar 38's open: close 37 (100) + 0.25
        };
        Assert.Equal(expected.Length, fills.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var (bar, side, price) = expected[i];
            Assert.Equal(BarEnd(bar) + 1_000_000, fills[i].Time);
            Assert.Equal(side, fills[i].Side);
            Assert.Equal(Quantity.FromDecimal(2m).Raw, fills[i].QuantityRaw);
            Assert.Equal(Price.FromDecimal(price).Raw, fills[i].PriceRaw);
        }

        // 1 000 000 − 204.50 + 208.50 − 198.50 + 198.50 − 200.50 = 999 803.50; long 2 (bar 40's sell never fills).
        var book = engine.Stages.Accounts.Book;
        Assert.True(engine.Stages.AccountNames.TryResolve("default", out var account));
        Assert.True(catalog!.TryGet("BTCUSD", out var btc));
        Assert.Equal(999_803.50m, book.Cash(account, book.Currencies.Of("USD")).ToDecimal());
        Assert.Equal(2m, book.Position(account, btc.Id).ToDecimal());
    }

    [Fact]
    public async Task A_snapshot_taken_while_long_restores_the_strategy_and_both_engines_then_trade_alike()
    {
        // Bars 1..22 from the file (the buy of bar 20 filled at 21's open), a snapshot, a fresh engine restored from
        // it, then bars 23..40 published into both: same digests, same fills.
        using var original = Build(lastBar: 22);
        original.Pipeline.Start();
        await CreateAndDeploy(original);
        original.Feeds[0].Run(CancellationToken.None);
        Assert.Empty(original.Pipeline.Drain(Wait));
        Assert.Equal(1, original.Stages.Accounts.Fills);
        var digests = Digests(original);
        var buffer = new SnapshotBuffer();
        new StateGraphWriter(EngineSnapshotPolicy.Instance).Write(original.Stages.SnapshotRoots, buffer);

        using var restored = Build(lastBar: 22);
        new StateGraphReader(EngineSnapshotPolicy.Instance).Restore(buffer.Written.ToArray(), restored.Stages.SnapshotRoots);
        restored.InputSequenceBase = original.InputSequenceBase;
        Assert.Equal(digests, Digests(restored));
        restored.Pipeline.Start();

        foreach (var engine in new[] { original, restored })
        {
            Assert.True(catalog!.TryGet("BTCUSD", out var btc));
            for (var bar = 23; bar <= Closes.Length; bar++)
            {
                var sequence = engine.Input.Next();
                ref var evt = ref engine.Input[sequence];
                evt = default;
                var (open, high, low, close) = Prices(bar);
                evt.SetBar(btc.Id, BarEnd(bar), Price.FromDecimal(open), Price.FromDecimal(high), Price.FromDecimal(low), Price.FromDecimal(close), Quantity.FromDecimal(10m), 60);
                engine.Input.Publish(sequence);
            }

            Assert.Empty(engine.Pipeline.Drain(Wait));
        }

        Assert.Equal(5, original.Stages.Accounts.Fills);
        Assert.Equal(Digests(original), Digests(restored));
        original.Pipeline.Stop();
        restored.Pipeline.Stop();
    }

    private static async Task CreateAndDeploy(EngineRuntime engine)
    {
        var document = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "examples", "smacross-btc.json"))
            .Replace("\"fast\": 10, \"slow\": 30, \"quantity\": 0.5, \"timeframe\": \"1m\"", "\"fast\": 3, \"slow\": 5, \"quantity\": 2", StringComparison.Ordinal);
        Assert.Contains("\"fast\": 3", document, StringComparison.Ordinal);
        var created = await engine.Commands.SendAsync(CommandKind.CreateStrategy, document, Wait);
        Assert.True(created.Succeeded, created.Message);
        Assert.True((await engine.Commands.SendAsync(CommandKind.DeployStrategy, "smacross-btc", Wait)).Succeeded);
    }

    private static Dictionary<string, string> Digests(EngineRuntime engine)
        => engine.Stages.Digests.ToDictionary(d => d.Stage.DigestName, d => StateDigest.Format(StateDigest.Of(d.Stage)));

    private static (decimal Open, decimal High, decimal Low, decimal Close) Prices(int bar)
    {
        var open = Open(bar);
        var close = Closes[bar - 1];
        return (open, Math.Max(open, close) + 0.5m, Math.Min(open, close) - 0.5m, close);
    }

    private static long BarEnd(int bar) => (long)(Start.AddMinutes(bar) - DateTime.UnixEpoch).Ticks * 100;

    private EngineRuntime Build(int lastBar = 40, string fillLatency = "0")
    {
        var csv = new StringBuilder("timestamp,symbol,open,high,low,close,volume,interval_seconds\n");
        for (var bar = 1; bar <= lastBar; bar++)
        {
            var (open, high, low, close) = Prices(bar);
            csv.Append(CultureInfo.InvariantCulture, $"{Start.AddMinutes(bar):yyyy-MM-ddTHH:mm:ssZ},BTCUSD,{open},{high},{low},{close},10,60\n");
        }

        File.WriteAllText(Path.Combine(directory.Path, "bars.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(directory.Path, "venues.json"), $$"""
            {
              "assetClassRoutes": { "CRYPTO": ["BAR-SIM"] },
              "venues": [
                { "name": "BAR-SIM", "assetClasses": ["CRYPTO"], "fees": { "makerBps": 0, "takerBps": 0 },
                  "latency": { "ack": "0", "fill": "{{fillLatency}}" },
                  "liquidity": { "halfSpreadMultiplier": 1, "levels": 3, "depthPerLevel": { "lots": 1000000 } },
                  "barFill": "nextOpen" }
              ]
            }
            """);
        var path = Path.Combine(directory.Path, "engine.json");
        File.WriteAllText(path, $$"""
            { "pipeline": { "rings": [ { "name": "input", "size": 4096, "producer": "Multi" } ], "threads": [ { "name": "engine", "stages": ["engine"] } ] },
              "marketData": { "instruments": "{{Path.Combine(AppContext.BaseDirectory, "config", "instruments.json")}}",
                              "analytics": { "timeframes": ["1m", "1h", "1d"] },
                              "feeds": [ { "type": "csv", "files": ["bars.csv"], "pacing": "AsFastAsPossible" } ] },
              "venues": "venues.json" }
            """);
        var config = HostConfig.Load(path);
        catalog = config.MarketData.Catalog;
        return EngineRuntime.Build(config, new SimulatedClock(), new LoggingExceptionHandler());
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MultiAsset.Engine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("MultiAsset.Engine.sln not found above the test binaries");
    }
}
