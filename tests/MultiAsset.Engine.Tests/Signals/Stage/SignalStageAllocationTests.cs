using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Signals.Stage;

public sealed class SignalStageAllocationTests
{
    private const long Step = 100_000_000; // 100 ms of event time per event, like the shipped synthetic feed
    private static readonly long Open = new DateTimeOffset(2026, 3, 9, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    private static readonly string[] Quoted = ["EURUSD", "USDJPY", "EURJPY", "BTCUSD", "ETHUSD", "ETHBTC", "AUDJPY", "AUDUSD", "USDCHF", "USDCAD", "SOLUSD", "GBPUSD"];
    private static readonly string[] Traded = ["SPY", "QQQ", "AAPL", "MSFT", "NVDA", "XLF", "XLK", "XLE", "XOM", "GLD", "TLT"];

    /// <summary>
    /// Every shipped strategy on the host's setup (default universes, base allocations, the carry with its hedge, the
    /// triangles that open and unwind round trips, rebalancing schedules and conditions), for hours of event time:
    /// once set up, nothing per event allocates — including the events that emit intents.
    /// </summary>
    [Fact]
    public void Base_allocation_carry_hedges_triangle_unwinds_and_rebalancing_allocate_nothing_per_event()
    {
        var catalog = RepoFiles.ShippedCatalog;
        int IdOf(string s) => catalog.TryGet(s, out var i) ? i.Id.Value : throw new ArgumentException(s);
        var analytics = new AnalyticsOptions { CorrelationUniverse = [.. new[] { "SPY", "QQQ", "NVDA", "EURUSD", "USDJPY", "AUDUSD", "BTCUSD", "ETHUSD" }.Select(IdOf)] };
        var h = new SignalStageHarness(SignalStageHarness.ShippedOptions(), analytics);
        foreach (var file in Directory.GetFiles(RepoFiles.PathOf("config/strategies"), "*.json").Order(StringComparer.Ordinal))
        {
            h.CreateAndDeploy(File.ReadAllText(file));
        }

        var quoted = Quoted.Select(s => h.Id(s).Value).ToArray();
        var traded = Traded.Select(s => h.Id(s).Value).ToArray();
        var tick = Quoted.Select(s => catalog[h.Id(s)].TickSize.ToDouble()).ToArray();
        var mid = Quoted.Select(s => s switch { "USDJPY" => 150.0, "EURJPY" => 165.0, "BTCUSD" => 60_000.0, "ETHUSD" => 3_000.0, "ETHBTC" => 0.05, "AUDJPY" => 97.5, "SOLUSD" => 150.0, _ => 1.1 }).ToArray();
        var vix = h.Id("VIX").Value;
        var audRate = h.Id("AUD_RATE").Value;
        var jpyRate = h.Id("JPY_RATE").Value;
        var evt = default(InputEvent);
        var t = Open;
        var n = 0L;

        void Run(int events)
        {
            for (var i = 0; i < events; i++, n++)
            {
                t += Step;
                var k = (int)(n % 40);
                if (k < Quoted.Length)
                {
                    // The crosses (EURJPY, ETHBTC) swing ±20 bp around their legs: triangle round trips open and unwind.
                    var swing = k is 2 or 5 ? 1 + (0.002 * Math.Sin(n / 997.0)) : 1 + (0.0005 * Math.Sin((n + k) / 331.0));
                    var m = mid[k] * swing;
                    var bid = Math.Floor(m * 0.99999 / tick[k]) * tick[k];
                    var ask = Math.Ceiling(m * 1.00001 / tick[k]) * tick[k];
                    evt.SetQuote(new InstrumentId(quoted[k]), t, Price.FromDouble(bid), Price.FromDouble(ask), Quantity.FromDouble(1), Quantity.FromDouble(1));
                }
                else if (k < Quoted.Length + Traded.Length)
                {
                    var j = k - Quoted.Length;
                    evt.SetTrade(new InstrumentId(traded[j]), t, Price.FromDouble(Math.Round(100 + j + Math.Sin(n / 211.0), 2)), Quantity.FromDouble(1));
                }
                else if (k == 30)
                {
                    evt.SetReference(new InstrumentId(vix), t, Price.FromDouble(Math.Round(28 + (20 * Math.Sin(n / 5_003.0)), 2))); // 8 .. 48: VIX rules fire and reset
                }
                else if (k == 31)
                {
                    evt.SetReference(new InstrumentId(audRate), t, Price.FromDouble(0.041));
                }
                else
                {
                    evt.SetReference(new InstrumentId(jpyRate), t, Price.FromDouble(0.005));
                }

                h.Feed(ref evt);
            }
        }

        Run(40_000);
        h.NewEvents();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(150_000); // ≈ 4 h of event time
        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, 150_000);

        // The measured stretch did emit what it is about (otherwise the test proves nothing).
        var emitted = h.NewEvents();
        Assert.Contains(emitted, e => e.Kind == IntentKind.Rebalance && e.RebalanceTrigger == RebalanceTrigger.Threshold);
        Assert.Contains(emitted, e => e.Kind == IntentKind.Trade && e.Reason == IntentReason.ArbitrageLeg);
        Assert.Contains(emitted, e => e.Kind == IntentKind.Close && e.Reason == IntentReason.Exit);
        Assert.Contains(emitted, e => e.Kind == IntentKind.TargetPosition && e.Reason == IntentReason.ExecutionRule);
    }
}
