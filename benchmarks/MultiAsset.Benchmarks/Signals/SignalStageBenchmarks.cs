using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Signals.Stage;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Benchmarks.Signals;

/// <summary>
/// The signal stage with every shipped strategy (config/strategies, 7 documents: 5 algorithm instances, 32 rules)
/// deployed, over the shipped catalogue plus 1 000 extra crypto instruments; one event per operation, round-robin
/// over all instruments (90 % quotes, 10 % trades, 1 µs apart, NYSE open). The baseline runs the market-data stage
/// alone on the same events; the signal stage's own cost is the difference. Target ≥ 10 M events/s, 0 B per event.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class SignalStageBenchmarks
{
    private const int Extra = 1_000;
    private const int Events = 1 << 20;
    private const long Spacing = 1_000;

    private readonly InputEvent[] events = new InputEvent[Events];
    private MarketDataStage marketData = null!;
    private MarketDataStage marketDataAlone = null!;
    private SignalStage signals = null!;
    private long shift;
    private long shiftAlone;

    [GlobalSetup]
    public void Setup()
    {
        var catalogJson = JsonNode.Parse(File.ReadAllText(RepoFiles.PathOf("config/instruments.json")))!;
        catalogJson["calendars"]!["BENCH"] = JsonNode.Parse("""{ "type": "always" }""");
        var list = catalogJson["instruments"]!.AsArray();
        for (var i = 0; i < Extra; i++)
        {
            list.Add(JsonNode.Parse($$"""{ "symbol": "X{{i}}USD", "name": "Coin {{i}}", "assetClass": "CRYPTO", "baseCurrency": "{{SyntheticCurrencyCode.Of(i)}}", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 0.001, "minNotional": 1, "sector": "Digital Assets", "country": "Global", "calendar": "BENCH" }"""));
        }

        var catalog = InstrumentCatalogLoader.Parse(catalogJson.ToJsonString(), "bench");
        marketData = MarketDataStage.Create(catalog, new AnalyticsOptions());
        marketDataAlone = MarketDataStage.Create(catalog, new AnalyticsOptions());
        var accounts = new AccountDirectory(["default", "crypto-tech", "fx-carry", "safe-haven", "volatility-arb", "currency-momentum", "crypto-stock-correlation", "cross-asset-arb"]);
        var intents = new ValueRingBuffer<IntentEvent>(1 << 16);
        // The host's setup: default universes (documents without instruments trade through them, base allocations
        // go out as prices arrive) and USD accounts.
        var universes = UniversesConfigReader.Parse(File.ReadAllText(RepoFiles.PathOf("config/universes.json")), "config/universes.json", catalog);
        var options = new SignalStageOptions { Universes = universes, AccountBaseCurrencies = [.. accounts.Names.Select(_ => "USD")] };
        signals = new SignalStage(catalog, marketData.Analytics, accounts, intents, new StrategyRegistry(), options: options);

        var commands = new ValueRingBuffer<InputEvent>(1 << 14);
        foreach (var file in Directory.GetFiles(RepoFiles.PathOf("config/strategies"), "*.json").Order(StringComparer.Ordinal))
        {
            var json = File.ReadAllText(file);
            CommandPublisher.Publish(commands, CommandKind.CreateStrategy, System.Text.Encoding.UTF8.GetBytes(json), 0, 0);
        }

        for (var s = 0L; s <= commands.Cursor; s++)
        {
            signals.OnEvent(ref commands[s], s, false);
        }

        foreach (var view in signals.Views())
        {
            var low = CommandPublisher.Publish(commands, CommandKind.DeployStrategy, System.Text.Encoding.UTF8.GetBytes(view.Id), 0, 0);
            for (var s = low; s <= commands.Cursor; s++)
            {
                signals.OnEvent(ref commands[s], s, false);
            }
        }

        if (signals.Views().Any(v => v.Status != StrategyLifecycle.Deployed))
        {
            throw new InvalidOperationException("not every strategy deployed");
        }

        var random = new Random(42);
        var all = catalog.Instruments.Select(i => i.Id.Value).ToArray();
        var prices = catalog.Instruments.Select(i => i.Kind == InstrumentKind.Tradable ? 10_000L + random.Next(90_000) : 2_000L).ToArray(); // cents
        var start = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        for (var i = 0; i < Events; i++)
        {
            var id = all[i % all.Length];
            var time = start + (i * Spacing);
            if (catalog[new InstrumentId(id)].Kind != InstrumentKind.Tradable)
            {
                prices[id] = Math.Clamp(prices[id] + random.Next(-5, 6), 1_000, 5_000);
                events[i].SetReference(new InstrumentId(id), time, Price.FromRaw(prices[id] * 1_000_000));
                continue;
            }

            prices[id] = Math.Max(100, prices[id] + random.Next(-3, 4));
            if (random.Next(10) == 0)
            {
                events[i].SetTrade(new InstrumentId(id), time, Price.FromRaw(prices[id] * 1_000_000), Quantity.FromRaw(100_000_000));
            }
            else
            {
                events[i].SetQuote(new InstrumentId(id), time, Price.FromRaw(prices[id] * 1_000_000), Price.FromRaw((prices[id] + 2) * 1_000_000),
                    Quantity.FromRaw(500_000_000), Quantity.FromRaw(700_000_000));
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Console.WriteLine(
        $"// accepted {marketData.Counters.Accepted:N0}, rejected {marketData.Counters.Rejected:N0}, intents {signals.IntentsPublished:N0}, "
        + $"rule evaluations {signals.Views().Sum(v => v.RuleEvaluations):N0}");

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "market data alone")]
    public long MarketDataAlone()
    {
        var offset = shiftAlone;
        shiftAlone += Events * Spacing;
        var md = marketDataAlone;
        var list = events;
        for (var i = 0; i < list.Length; i++)
        {
            ref var evt = ref list[i];
            evt.Timestamp += offset;
            md.OnEvent(ref evt, i, false);
            evt.Timestamp -= offset;
        }

        return md.Counters.Accepted;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "market data + signals, 7 strategies")]
    public long MarketDataAndSignals()
    {
        var offset = shift;
        shift += Events * Spacing;
        var md = marketData;
        var sig = signals;
        var list = events;
        for (var i = 0; i < list.Length; i++)
        {
            ref var evt = ref list[i];
            evt.Timestamp += offset;
            md.OnEvent(ref evt, i, false);
            sig.OnEvent(ref evt, i, false);
            evt.Timestamp -= offset;
        }

        return sig.IntentsPublished;
    }
}
