using System.Globalization;
using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Risk.Analytics.Stress;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// A path stress (docs/backtest.md, "Path stress"): resolves the spec's scenario into one price multiple per instrument
/// — the same rule <c>POST /risk/stress</c> revalues with (<see cref="StressEngine.PriceMultiple"/>) — and lays it over
/// the replay as a <see cref="PricePathShock"/>, so the shocked prices enter the engine as its input.
/// </summary>
internal static class BacktestStressPath
{
    public static (HostConfig Config, BacktestStressFacts? Facts) Apply(HostConfig config, BacktestSpec spec, long? firstTime)
    {
        if (spec.Stress is not { } stress)
        {
            return (config, null);
        }

        var catalog = config.MarketData.Catalog;
        var library = spec.Scenarios is { } file
            ? ScenarioFileReader.Load(file, catalog.Tradable.Select(i => i.Symbol).ToHashSet(StringComparer.Ordinal))
            : config.Scenarios ?? throw new ConfigurationException($"{spec.Source}: stress: there is no scenarios file (name one with \"scenarios\")");
        var scenario = library.Find(stress.Scenario)
            ?? throw new ConfigurationException($"{spec.Source}: stress.scenario: '{stress.Scenario}' is not a scenario of {spec.Scenarios ?? "the shipped config/scenarios.json"}; known: {string.Join(", ", library.Scenarios.Select(s => s.Name))}");

        var count = catalog.Instruments.Count;
        var multiples = new double[count];
        var ticks = new long[count];
        var moved = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        Array.Fill(multiples, 1.0);
        foreach (var instrument in catalog.Tradable)
        {
            var position = new StressPosition
            {
                Symbol = instrument.Symbol,
                AssetClass = instrument.AssetClass,
                Quantity = 1,
                Price = 1,
                QuoteCurrency = instrument.QuoteCurrency,
                BaseCurrency = instrument.BaseCurrency,
            };
            var multiple = StressEngine.PriceMultiple(position, scenario.Shocks, library.Factors);
            if (multiple <= 0)
            {
                throw new ConfigurationException($"{spec.Source}: stress: scenario '{scenario.Name}' takes {instrument.Symbol} to a price of {multiple.ToString(CultureInfo.InvariantCulture)} × today's (a path needs a positive price)");
            }

            multiples[instrument.Id.Value] = (double)multiple;
            ticks[instrument.Id.Value] = instrument.TickSize.Raw;
            if (multiple != 1)
            {
                moved[instrument.Symbol] = multiple;
            }
        }

        var start = stress.StartNs ?? spec.StartNs ?? firstTime ?? 0;
        var shock = new PricePathShock(start, (long)stress.Over.TotalNanoseconds, multiples, ticks);
        var feeds = config.MarketData.Feeds.Select(f => f is ReplayFeedDefinition replay ? replay with { Options = replay.Options with { Shock = shock } } : f).ToList();
        var facts = new BacktestStressFacts(
            scenario.Name,
            DateTimeOffset.UnixEpoch.AddTicks(start / 100).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            stress.Over.ToString("c", CultureInfo.InvariantCulture),
            moved);
        return (config with { MarketData = config.MarketData with { Feeds = feeds } }, facts);
    }
}

/// <summary>The path stress a run had (<c>result.json</c> → <c>stress</c>).</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Start">When the move started (UTC).</param>
/// <param name="Over">How long it took to reach the full move (d.hh:mm:ss; 0 = a jump).</param>
/// <param name="Multiples">Price after ÷ price before at the full move, for every instrument the scenario moves.</param>
public sealed record BacktestStressFacts(string Scenario, string Start, string Over, IReadOnlyDictionary<string, decimal> Multiples);
