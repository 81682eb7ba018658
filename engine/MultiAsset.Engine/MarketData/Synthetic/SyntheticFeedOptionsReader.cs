using System.Globalization;
using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// Reads a <c>"type": "synthetic"</c> feed section into <see cref="SyntheticFeedOptions"/>, recording every problem
/// with its JSON path (all at once, through <see cref="JsonSectionReader"/>). Absent fields keep their defaults.
/// </summary>
public static class SyntheticFeedOptionsReader
{
    /// <summary>The value of the feed's <c>type</c> field that selects this reader.</summary>
    public const string TypeName = "synthetic";

    private static readonly string[] FeedFields =
    [
        "type", "name", "seed", "eventsPerSecond", "time", "classes", "instruments", "correlation", "jumps", "regimes",
        "indices", "volatilityIndices", "rates", "referenceEveryRounds",
    ];

    private static readonly string[] ClassFields = ["volatility", "spreadBps", "tradingHoursPerYear", "tradeProbability", "quoteNotional", "startPrice"];

    /// <summary>
    /// Reads the feed object <paramref name="feed"/> found at <paramref name="path"/>; problems go to
    /// <paramref name="reader"/> (call <see cref="JsonSectionReader.ThrowIfAny"/> afterwards).
    /// </summary>
    /// <param name="feed">The feed object.</param>
    /// <param name="path">Its JSON path, e.g. <c>marketData.feeds[0]</c>.</param>
    /// <param name="reader">Collects the problems.</param>
    /// <param name="source">File name for the catalogue-dependent errors reported later by <see cref="SyntheticMarket"/>.</param>
    public static SyntheticFeedOptions Read(JsonElement feed, string path, JsonSectionReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(path);
        var defaults = new SyntheticFeedOptions();
        if (!reader.ExpectObject(feed, path.Length == 0 ? "(root)" : path))
        {
            return defaults;
        }

        reader.RejectUnknown(feed, path, FeedFields);
        var type = reader.String(feed, path, "type", required: false);
        if (type is not null && !string.Equals(type, TypeName, StringComparison.OrdinalIgnoreCase))
        {
            reader.Error(JsonSectionReader.Join(path, "type"), $"expected \"{TypeName}\" but found \"{type}\"");
        }

        var timeMode = defaults.TimeMode;
        var start = defaults.StartNanoseconds;
        var step = defaults.Step;
        if (Object(reader, feed, path, "time", out var time, out var timePath))
        {
            reader.RejectUnknown(time, timePath, "mode", "start", "step");
            timeMode = reader.Enum(time, timePath, "mode", timeMode);
            start = Instant(reader, time, timePath, "start", start);
            step = reader.Duration(time, timePath, "step", step);
        }

        return new SyntheticFeedOptions
        {
            Source = source,
            Path = path,
            Seed = (ulong)reader.Integer(feed, path, "seed", (long)defaults.Seed, 0, long.MaxValue),
            EventsPerSecond = reader.Integer(feed, path, "eventsPerSecond", 0, 0, 1_000_000_000),
            TimeMode = timeMode,
            StartNanoseconds = start,
            Step = step,
            Classes = ReadClasses(reader, feed, path, defaults.Classes),
            Instruments = ReadOverrides(reader, feed, path),
            Correlation = ReadCorrelation(reader, feed, path, defaults.Correlation),
            Jumps = ReadJumps(reader, feed, path, defaults.Jumps),
            Regimes = ReadRegimes(reader, feed, path, defaults.Regimes),
            Indices = ReadIndices(reader, feed, path),
            VolatilityIndices = ReadVolatilityIndices(reader, feed, path),
            Rates = ReadRates(reader, feed, path, defaults.Rates),
            ReferenceEveryRounds = (int)reader.Integer(feed, path, "referenceEveryRounds", defaults.ReferenceEveryRounds, 1, 1_000_000_000),
        };
    }

    /// <summary>Parses <paramref name="json"/> (the feed object itself) and throws a <see cref="ConfigurationException"/> listing every problem.</summary>
    /// <param name="json">The feed object as JSON text.</param>
    /// <param name="source">File name for messages.</param>
    /// <param name="path">JSON path of the object for messages (empty for a document of its own).</param>
    public static SyntheticFeedOptions Parse(string json, string source, string path = "")
    {
        ArgumentNullException.ThrowIfNull(json);
        var document = ConfigText.Parse(json, source);

        using (document)
        {
            var reader = new JsonSectionReader(source);
            var options = Read(document.RootElement, path, reader, source);
            reader.ThrowIfAny();
            return options;
        }
    }

    private static List<AssetClassSettings> ReadClasses(JsonSectionReader reader, JsonElement feed, string path, IReadOnlyList<AssetClassSettings> defaults)
    {
        var result = new List<AssetClassSettings>(defaults);
        if (!Object(reader, feed, path, "classes", out var classes, out var classesPath))
        {
            return result;
        }

        foreach (var property in classes.EnumerateObject())
        {
            var itemPath = JsonSectionReader.Join(classesPath, property.Name);
            if (!AssetClassNames.TryParse(property.Name, out var assetClass))
            {
                reader.Error(itemPath, $"unknown asset class (expected one of: {AssetClassNames.AllowedValues})");
                continue;
            }

            if (!reader.ExpectObject(property.Value, itemPath))
            {
                continue;
            }

            var d = defaults[(int)assetClass];
            var o = property.Value;
            reader.RejectUnknown(o, itemPath, ClassFields);
            result[(int)assetClass] = new AssetClassSettings
            {
                Volatility = Real(reader, o, itemPath, "volatility", d.Volatility, 0, 10),
                SpreadBps = Real(reader, o, itemPath, "spreadBps", d.SpreadBps, 0, 10_000),
                TradingHoursPerYear = Real(reader, o, itemPath, "tradingHoursPerYear", d.TradingHoursPerYear, 1, 8_784),
                TradeProbability = Real(reader, o, itemPath, "tradeProbability", d.TradeProbability, 0, 1),
                QuoteNotional = Real(reader, o, itemPath, "quoteNotional", d.QuoteNotional, 1e-8, 1e12, minExclusive: true),
                StartPrice = Real(reader, o, itemPath, "startPrice", d.StartPrice, 0, 1e9, minExclusive: true),
            };
        }

        return result;
    }

    private static List<InstrumentOverride> ReadOverrides(JsonSectionReader reader, JsonElement feed, string path)
    {
        var result = new List<InstrumentOverride>();
        foreach (var (name, o, itemPath) in ObjectEntries(reader, feed, path, "instruments"))
        {
            reader.RejectUnknown(o, itemPath, "volatility", "spreadBps", "startPrice", "tradeProbability");
            result.Add(new InstrumentOverride
            {
                Symbol = name,
                Path = itemPath,
                Volatility = OptionalReal(reader, o, itemPath, "volatility", 0, 10),
                SpreadBps = OptionalReal(reader, o, itemPath, "spreadBps", 0, 10_000),
                StartPrice = OptionalReal(reader, o, itemPath, "startPrice", 0, 1e9, minExclusive: true),
                TradeProbability = OptionalReal(reader, o, itemPath, "tradeProbability", 0, 1),
            });
        }

        return result;
    }

    private static CorrelationSettings ReadCorrelation(JsonSectionReader reader, JsonElement feed, string path, CorrelationSettings defaults)
    {
        if (!Object(reader, feed, path, "correlation", out var correlation, out var correlationPath))
        {
            return defaults;
        }

        reader.RejectUnknown(correlation, correlationPath, "classes", "sectors", "pairs", "sharedCurrency", "safeHavenVsRisk", "ifNotPositiveDefinite");
        var classes = new List<CorrelationEntry>(defaults.Classes);
        foreach (var entry in ReadPairs(reader, correlation, correlationPath, "classes"))
        {
            bool firstOk = AssetClassNames.TryParse(entry.First, out var a);
            bool secondOk = AssetClassNames.TryParse(entry.Second, out var b);
            if (!firstOk || !secondOk)
            {
                reader.Error(entry.Path!, $"unknown asset class '{(firstOk ? entry.Second : entry.First)}' (expected one of: {AssetClassNames.AllowedValues})");
                continue;
            }

            var canonical = entry with { First = AssetClassNames.ToSeedName(a), Second = AssetClassNames.ToSeedName(b) };
            classes.RemoveAll(c => c.Matches(canonical.First, canonical.Second));
            classes.Add(canonical);
        }

        // Configured sector and symbol pairs come first so that they win over a built-in default for the same pair.
        var sectors = ReadPairs(reader, correlation, correlationPath, "sectors");
        sectors.AddRange(defaults.Sectors);
        var pairs = ReadPairs(reader, correlation, correlationPath, "pairs");
        foreach (var pair in pairs)
        {
            if (string.Equals(pair.First, pair.Second, StringComparison.Ordinal))
            {
                reader.Error(pair.Path!, "a symbol's correlation with itself is always 1 and cannot be configured");
            }
        }

        pairs.AddRange(defaults.Pairs);
        return new CorrelationSettings
        {
            Classes = classes,
            Sectors = sectors,
            Pairs = pairs,
            SharedCurrency = Real(reader, correlation, correlationPath, "sharedCurrency", defaults.SharedCurrency, 0, 1, maxExclusive: true),
            SafeHavenVsRisk = Real(reader, correlation, correlationPath, "safeHavenVsRisk", defaults.SafeHavenVsRisk, -1, 1, minExclusive: true, maxExclusive: true),
            IfNotPositiveDefinite = reader.Enum(correlation, correlationPath, "ifNotPositiveDefinite", defaults.IfNotPositiveDefinite),
        };
    }

    // An object of "A/B": value entries; values must be numbers strictly inside (-1, 1).
    private static List<CorrelationEntry> ReadPairs(JsonSectionReader reader, JsonElement parent, string path, string name)
    {
        var result = new List<CorrelationEntry>();
        if (!Object(reader, parent, path, name, out var pairs, out var pairsPath))
        {
            return result;
        }

        foreach (var property in pairs.EnumerateObject())
        {
            var itemPath = JsonSectionReader.Join(pairsPath, property.Name);
            var parts = property.Name.Split('/');
            if (parts.Length != 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
            {
                reader.Error(itemPath, "expected a key of the form \"A/B\"");
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                reader.Error(itemPath, $"expected a correlation (a number in (-1, 1)) but found {property.Value.GetRawText()}");
                continue;
            }

            if (value <= -1 || value >= 1)
            {
                reader.Error(itemPath, $"correlation {value.ToString(CultureInfo.InvariantCulture)} must be strictly between -1 and 1");
                continue;
            }

            result.Add(new CorrelationEntry(parts[0].Trim(), parts[1].Trim(), value, itemPath));
        }

        return result;
    }

    private static JumpSettings ReadJumps(JsonSectionReader reader, JsonElement feed, string path, JumpSettings d)
    {
        if (!Object(reader, feed, path, "jumps", out var o, out var p))
        {
            return d;
        }

        reader.RejectUnknown(o, p, "intensityPerYear", "meanLog", "stdevLog", "stressedIntensityMultiplier");
        return new JumpSettings
        {
            IntensityPerYear = Real(reader, o, p, "intensityPerYear", d.IntensityPerYear, 0, 1_000_000),
            MeanLog = Real(reader, o, p, "meanLog", d.MeanLog, -1, 1),
            StdevLog = Real(reader, o, p, "stdevLog", d.StdevLog, 0, 2),
            StressedIntensityMultiplier = Real(reader, o, p, "stressedIntensityMultiplier", d.StressedIntensityMultiplier, 0, 100),
        };
    }

    private static RegimeSettings ReadRegimes(JsonSectionReader reader, JsonElement feed, string path, RegimeSettings d)
    {
        if (!Object(reader, feed, path, "regimes", out var o, out var p))
        {
            return d;
        }

        reader.RejectUnknown(
            o, p, "enabled", "calmToStressed", "stressedToCalm", "volatilityMultiplier", "spreadMultiplier", "stressCorrelation",
            "stressCorrelationWeight", "flightToQualityDrift", "safeHavens");
        IReadOnlyList<SafeHavenEntry> havens = d.SafeHavens;
        if (o.TryGetProperty("safeHavens", out _))
        {
            havens = Strings(reader, o, p, "safeHavens").Select(s => new SafeHavenEntry(s.Value, s.Path)).ToList();
        }

        return new RegimeSettings
        {
            Enabled = Boolean(reader, o, p, "enabled", d.Enabled),
            CalmToStressed = Real(reader, o, p, "calmToStressed", d.CalmToStressed, 0, 1),
            StressedToCalm = Real(reader, o, p, "stressedToCalm", d.StressedToCalm, 0, 1),
            VolatilityMultiplier = Real(reader, o, p, "volatilityMultiplier", d.VolatilityMultiplier, 1, 20),
            SpreadMultiplier = Real(reader, o, p, "spreadMultiplier", d.SpreadMultiplier, 1, 100),
            StressCorrelation = Real(reader, o, p, "stressCorrelation", d.StressCorrelation, 0, 1, maxExclusive: true),
            StressCorrelationWeight = Real(reader, o, p, "stressCorrelationWeight", d.StressCorrelationWeight, 0, 1),
            FlightToQualityDrift = Real(reader, o, p, "flightToQualityDrift", d.FlightToQualityDrift, 0, 100),
            SafeHavens = havens,
        };
    }

    private static List<IndexSettings> ReadIndices(JsonSectionReader reader, JsonElement feed, string path)
    {
        var result = new List<IndexSettings>();
        foreach (var (name, o, p) in ObjectEntries(reader, feed, path, "indices"))
        {
            reader.RejectUnknown(o, p, "constituents", "sectors", "country", "baseLevel");
            var constituents = o.TryGetProperty("constituents", out _) ? Strings(reader, o, p, "constituents") : null;
            if (constituents is { Count: 0 })
            {
                reader.Error(JsonSectionReader.Join(p, "constituents"), "an index needs at least one constituent");
            }

            var sectors = o.TryGetProperty("sectors", out _) ? Strings(reader, o, p, "sectors").Select(s => s.Value).ToList() : null;
            result.Add(new IndexSettings
            {
                Symbol = name,
                Path = p,
                Constituents = constituents?.Select(c => c.Value).ToList(),
                Sectors = sectors,
                Country = reader.String(o, p, "country", required: false),
                BaseLevel = Real(reader, o, p, "baseLevel", SyntheticDefaults.IndexLevels.GetValueOrDefault(name, 1000), 0, 1e9, minExclusive: true),
            });
        }

        return result;
    }

    private static List<VolatilityIndexSettings> ReadVolatilityIndices(JsonSectionReader reader, JsonElement feed, string path)
    {
        var result = new List<VolatilityIndexSettings>();
        foreach (var (name, o, p) in ObjectEntries(reader, feed, path, "volatilityIndices"))
        {
            var d = new VolatilityIndexSettings { Symbol = name };
            reader.RejectUnknown(o, p, "index", "calmLevel", "stressedLevel", "halfLife", "sensitivity");
            result.Add(new VolatilityIndexSettings
            {
                Symbol = name,
                Path = p,
                Index = reader.String(o, p, "index", required: false),
                CalmLevel = Real(reader, o, p, "calmLevel", d.CalmLevel, 0, 1000, minExclusive: true),
                StressedLevel = Real(reader, o, p, "stressedLevel", d.StressedLevel, 0, 1000, minExclusive: true),
                HalfLife = reader.Duration(o, p, "halfLife", d.HalfLife),
                Sensitivity = Real(reader, o, p, "sensitivity", d.Sensitivity, 0, 5),
            });
        }

        return result;
    }

    private static RateSettings ReadRates(JsonSectionReader reader, JsonElement feed, string path, RateSettings d)
    {
        if (!Object(reader, feed, path, "rates", out var o, out var p))
        {
            return d;
        }

        reader.RejectUnknown(o, p, "levels", "stepsPerYear", "stepSize", "everyRounds");
        var levels = new Dictionary<string, double>(d.Levels, StringComparer.Ordinal);
        if (Object(reader, o, p, "levels", out var levelsObject, out var levelsPath))
        {
            foreach (var property in levelsObject.EnumerateObject())
            {
                var itemPath = JsonSectionReader.Join(levelsPath, property.Name);
                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var rate) || rate < -0.5 || rate > 5)
                {
                    reader.Error(itemPath, $"expected a rate as a decimal fraction in [-0.5, 5] (0.045 = 4.5 %) but found {property.Value.GetRawText()}");
                    continue;
                }

                levels[property.Name] = rate;
            }
        }

        return new RateSettings
        {
            Levels = levels,
            StepsPerYear = Real(reader, o, p, "stepsPerYear", d.StepsPerYear, 0, 1000),
            StepSize = Real(reader, o, p, "stepSize", d.StepSize, 0, 1, minExclusive: true),
            EveryRounds = (int)reader.Integer(o, p, "everyRounds", d.EveryRounds, 1, 1_000_000_000),
        };
    }

    // True when the optional field exists and is an object (an error is recorded when it exists but is not).
    /// <summary>The entries of the object field <paramref name="name"/> whose values are objects (others are reported).</summary>
    private static IEnumerable<(string Name, JsonElement Value, string Path)> ObjectEntries(JsonSectionReader reader, JsonElement parent, string path, string name)
    {
        if (!Object(reader, parent, path, name, out var obj, out var objPath))
        {
            yield break;
        }

        foreach (var property in obj.EnumerateObject())
        {
            var itemPath = JsonSectionReader.Join(objPath, property.Name);
            if (reader.ExpectObject(property.Value, itemPath))
            {
                yield return (property.Name, property.Value, itemPath);
            }
        }
    }

    private static bool Object(JsonSectionReader reader, JsonElement parent, string path, string name, out JsonElement value, out string valuePath)
    {
        valuePath = JsonSectionReader.Join(path, name);
        if (!parent.TryGetProperty(name, out value))
        {
            return false;
        }

        return reader.ExpectObject(value, valuePath);
    }

    private static double Real(
        JsonSectionReader reader, JsonElement obj, string path, string name, double fallback, double min, double max,
        bool minExclusive = false, bool maxExclusive = false)
        => OptionalReal(reader, obj, path, name, min, max, minExclusive, maxExclusive) ?? fallback;

    private static double? OptionalReal(
        JsonSectionReader reader, JsonElement obj, string path, string name, double min, double max,
        bool minExclusive = false, bool maxExclusive = false)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        var itemPath = JsonSectionReader.Join(path, name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            reader.Error(itemPath, $"expected a number but found {value.GetRawText()}");
            return null;
        }

        bool below = minExclusive ? number <= min : number < min;
        bool above = maxExclusive ? number >= max : number > max;
        if (below || above)
        {
            var range = string.Create(
                CultureInfo.InvariantCulture, $"{(minExclusive ? '(' : '[')}{min}, {max}{(maxExclusive ? ')' : ']')}");
            reader.Error(itemPath, string.Create(CultureInfo.InvariantCulture, $"{number} is out of range {range}"));
            return null;
        }

        return number;
    }

    private static bool Boolean(JsonSectionReader reader, JsonElement obj, string path, string name, bool fallback)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        reader.Error(JsonSectionReader.Join(path, name), $"expected true or false but found {value.GetRawText()}");
        return fallback;
    }

    private static List<(string Value, string Path)> Strings(JsonSectionReader reader, JsonElement obj, string path, string name)
    {
        var result = new List<(string, string)>();
        foreach (var (item, itemPath) in reader.Array(obj, path, name, required: false))
        {
            if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
            {
                result.Add((item.GetString()!, itemPath));
            }
            else
            {
                reader.Error(itemPath, $"expected a non-empty string but found {item.GetRawText()}");
            }
        }

        return result;
    }

    private static long Instant(JsonSectionReader reader, JsonElement obj, string path, string name, long fallback)
    {
        var text = reader.String(obj, path, name, required: false);
        if (text is null)
        {
            return fallback;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            && instant.UtcTicks >= DateTime.UnixEpoch.Ticks)
        {
            return (instant.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
        }

        reader.Error(JsonSectionReader.Join(path, name), $"invalid instant '{text}' (expected ISO 8601 after 1970, e.g. 2024-01-02T14:30:00Z)");
        return fallback;
    }
}
