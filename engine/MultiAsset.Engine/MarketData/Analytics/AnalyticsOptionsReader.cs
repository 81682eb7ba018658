using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.MarketData.Analytics;

/// <summary>
/// Reads <c>marketData.analytics</c>:
/// <code>
/// { "timeframes": ["1s", "1m", "1h", "1d"], "historyBars": 64, "zScoreBars": 20, "momentumBars": 20,
///   "volatilityLambda": 0.94, "staleAfter": "30s",
///   "correlation": { "interval": "1m", "lambda": 0.94, "universe": ["SPY", "QQQ", "BTCUSD", "EURUSD"] } }
/// </code>
/// Every field is optional; problems are recorded with their path.
/// </summary>
public static class AnalyticsOptionsReader
{
    /// <summary>Reads the section (absent = defaults), resolving universe symbols with <paramref name="symbols"/>.</summary>
    public static AnalyticsOptions Read(JsonElement? section, JsonSectionReader reader, string path, ISymbolResolver symbols, int instrumentCount)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(symbols);
        var defaults = new AnalyticsOptions();
        if (section is not { } obj || !reader.ExpectObject(obj, path))
        {
            return defaults;
        }

        reader.RejectUnknown(obj, path, "timeframes", "historyBars", "zScoreBars", "momentumBars", "volatilityLambda", "staleAfter", "correlation");
        var timeframes = new List<int>();
        foreach (var (item, itemPath) in reader.Array(obj, path, "timeframes", required: false))
        {
            if (item.ValueKind == JsonValueKind.String && DurationText.TryParse(item.GetString(), out var span)
                && span.Ticks % TimeSpan.TicksPerSecond == 0)
            {
                timeframes.Add((int)span.TotalSeconds);
            }
            else
            {
                reader.Error(itemPath, $"expected a whole number of seconds as a duration ({DurationText.Expected})");
            }
        }

        var options = defaults with
        {
            TimeframeSeconds = timeframes.Count > 0 ? timeframes : defaults.TimeframeSeconds,
            HistoryBars = (int)reader.Integer(obj, path, "historyBars", defaults.HistoryBars, 2, 100_000),
            ZScoreBars = (int)reader.Integer(obj, path, "zScoreBars", defaults.ZScoreBars, 2, 100_000),
            MomentumBars = (int)reader.Integer(obj, path, "momentumBars", defaults.MomentumBars, 1, 100_000),
            VolatilityLambda = Fraction(reader, obj, path, "volatilityLambda", defaults.VolatilityLambda),
            StaleAfterNanoseconds = reader.Duration(obj, path, "staleAfter", TimeSpan.FromTicks(defaults.StaleAfterNanoseconds / 100)).Ticks * 100,
        };

        if (obj.TryGetProperty("correlation", out var correlation) && reader.ExpectObject(correlation, JsonSectionReader.Join(path, "correlation")))
        {
            var correlationPath = JsonSectionReader.Join(path, "correlation");
            reader.RejectUnknown(correlation, correlationPath, "interval", "lambda", "longRunLambda", "universe");
            var interval = reader.Duration(correlation, correlationPath, "interval", TimeSpan.FromSeconds(defaults.CorrelationIntervalSeconds));
            var universe = new List<int>();
            var every = correlation.TryGetProperty("universe", out var named) && named.ValueKind == JsonValueKind.String;
            if (every && named.GetString() == "all" && symbols is Model.Instruments.InstrumentCatalog catalog)
            {
                // "all": every tradable instrument, in id order (the VaR of a position needs its row in the matrix).
                universe.AddRange(catalog.Tradable.Select(i => i.Id.Value).Order());
            }
            else if (every)
            {
                reader.Error(JsonSectionReader.Join(correlationPath, "universe"), $"expected a list of symbols or \"all\" (every tradable instrument) but got {named.GetRawText()}");
            }

            foreach (var (item, itemPath) in every ? Enumerable.Empty<(JsonElement, string)>() : reader.Array(correlation, correlationPath, "universe", required: false))
            {
                if (item.ValueKind == JsonValueKind.String && symbols.TryResolve(item.GetString(), out var id))
                {
                    universe.Add(id.Value);
                }
                else
                {
                    reader.Error(itemPath, $"unknown instrument {item.GetRawText()}");
                }
            }

            options = options with
            {
                CorrelationIntervalSeconds = Math.Max(1, (int)interval.TotalSeconds),
                CorrelationLambda = Fraction(reader, correlation, correlationPath, "lambda", defaults.CorrelationLambda),
                CorrelationLongRunLambda = Fraction(reader, correlation, correlationPath, "longRunLambda", defaults.CorrelationLongRunLambda),
                CorrelationUniverse = universe,
            };
        }

        foreach (var problem in options.Validate(instrumentCount))
        {
            reader.Error(path, problem);
        }

        return options;
    }

    private static double Fraction(JsonSectionReader reader, JsonElement obj, string path, string name, double fallback)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number > 0 && number < 1)
        {
            return number;
        }

        reader.Error(JsonSectionReader.Join(path, name), $"expected a number in (0, 1) but found {value.GetRawText()}");
        return fallback;
    }
}
