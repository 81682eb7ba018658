using System.Globalization;
using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Risk.Analytics.Stress;

/// <summary>
/// Reads <c>config/scenarios.json</c> strictly: unknown keys, numbers written as strings, shocks below −1 (currency
/// shocks at or below −1), numbers that are not finite decimals, unknown asset classes, symbols or factors, duplicate
/// names or keys and missing fields are all problems, each with its JSON path, all reported at once.
/// </summary>
/// <remarks>
/// Shape: <c>{ "version": 1, "description": "…", "factors": { "&lt;name&gt;": { "description": "…", "betas": { "SYMBOL": β },
/// "assetClassBetas": { "STOCK": β } } }, "scenarios": [ { "name": "gfc-2008", "kind": "historical" | "hypothetical",
/// "period": { "start": "YYYY-MM-DD", "end": "YYYY-MM-DD" }, "description": "…", "shocks": { "instruments": {…},
/// "assetClasses": {…}, "currencies": {…}, "factors": {…} }, "sources": [ { "figure", "value", "source", "window" } ] } ] }</c>.
/// A historical scenario needs a period and at least one source. Factors of the file replace the built-in defaults of the
/// same name (<see cref="StressFactor.Defaults"/>).
/// </remarks>
public static class ScenarioFileReader
{
    /// <summary>Where the engine looks for the file, relative to the repository root (the host copies it to its output).</summary>
    public const string DefaultPath = "config/scenarios.json";

    /// <summary>Longest scenario or factor name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <param name="path">File to read.</param>
    /// <param name="knownSymbols">Symbols of the instrument catalogue; null skips the check.</param>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid; lists every problem with its path.</exception>
    public static ScenarioLibrary Load(string path, ISet<string>? knownSymbols = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var json = ConfigText.Read(path, path, "stress scenarios");
        return Parse(json, path, knownSymbols);
    }

    /// <summary>Parses and validates scenario JSON.</summary>
    /// <exception cref="ConfigurationException">Invalid; lists every problem as <c>source: path: message</c>.</exception>
    public static ScenarioLibrary Parse(string json, string source, ISet<string>? knownSymbols = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (TryParse(json, knownSymbols, out var library, out var problems))
        {
            return library!;
        }

        throw new ConfigurationException([.. problems.Select(p => $"{source}: {p.Path}: {p.Message}")]);
    }

    /// <summary>Parses scenario JSON without throwing: the library, or every problem with its path.</summary>
    public static bool TryParse(string? json, ISet<string>? knownSymbols, out ScenarioLibrary? library, out IReadOnlyList<StressProblem> problems)
    {
        var reader = new StressJson();
        library = null;
        using (var document = reader.ParseDocument(json))
        {
            if (document is not null)
            {
                library = Read(document.RootElement, reader, knownSymbols);
            }
        }

        problems = reader.Problems;
        if (problems.Count > 0)
        {
            library = null;
            return false;
        }

        return library is not null;
    }

    private static ScenarioLibrary? Read(JsonElement root, StressJson reader, ISet<string>? knownSymbols)
    {
        if (!reader.ExpectObject(root, "$"))
        {
            return null;
        }

        reader.RejectUnknown(root, string.Empty, "version", "description", "factors", "scenarios");
        if (!root.TryGetProperty("version", out var version))
        {
            reader.Error("version", "is required (1)");
        }
        else if (version.ValueKind != JsonValueKind.Number || version.GetRawText() != "1")
        {
            reader.Error("version", $"expected 1 but found {StressJson.Describe(version)}");
        }

        reader.String(root, string.Empty, "description", required: false);
        var factors = new Dictionary<string, StressFactor>(StressFactor.Defaults, StringComparer.Ordinal);
        foreach (var (name, value, path) in reader.Entries(root, string.Empty, "factors"))
        {
            if (!IsName(name))
            {
                reader.Error(path, $"a factor name is 1–{MaxNameLength} characters of a–z, 0–9 and '-'");
                continue;
            }

            if (ReadFactor(name, value, path, reader, knownSymbols) is { } factor)
            {
                factors[name] = factor;
            }
        }

        var scenarios = new List<StressScenario>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("scenarios", out var list))
        {
            reader.Error("scenarios", "is required (an array of scenarios)");
        }
        else if (list.ValueKind != JsonValueKind.Array)
        {
            reader.Error("scenarios", $"expected an array but found {StressJson.Describe(list)}");
        }
        else
        {
            int i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var path = StressJson.Index("scenarios", i++);
                if (ReadScenario(item, path, reader, knownSymbols, factors) is { } scenario)
                {
                    if (!names.Add(scenario.Name))
                    {
                        reader.Error(StressJson.Join(path, "name"), $"scenario name '{scenario.Name}' is used twice");
                    }

                    scenarios.Add(scenario);
                }
            }
        }

        return new ScenarioLibrary(factors, scenarios);
    }

    private static StressFactor? ReadFactor(string name, JsonElement element, string path, StressJson reader, ISet<string>? knownSymbols)
    {
        int before = reader.Problems.Count;
        if (!reader.ExpectObject(element, path))
        {
            return null;
        }

        reader.RejectUnknown(element, path, "description", "betas", "assetClassBetas");
        var description = reader.String(element, path, "description", required: true);
        var betas = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (symbol, value, entryPath) in reader.Entries(element, path, "betas"))
        {
            if (!StressJson.IsSymbol(symbol))
            {
                reader.Error(entryPath, "a symbol is 1–32 characters of A–Z, 0–9, '.', '-' or '_'");
            }
            else if (knownSymbols is not null && !knownSymbols.Contains(symbol))
            {
                reader.Error(entryPath, $"unknown symbol '{symbol}' (not in the instrument catalogue)");
            }

            if (reader.Number(value, entryPath, -StressJson.MaxBeta, StressJson.MaxBeta) is { } beta)
            {
                betas[symbol] = beta;
            }
        }

        var classBetas = new Dictionary<AssetClass, decimal>();
        foreach (var (className, value, entryPath) in reader.Entries(element, path, "assetClassBetas"))
        {
            if (!AssetClassNames.TryParse(className, out var assetClass) || classBetas.ContainsKey(assetClass))
            {
                reader.Error(entryPath, $"unknown or repeated asset class '{StressJson.Clip(className)}' (expected one of: {AssetClassNames.AllowedValues})");
                continue;
            }

            if (reader.Number(value, entryPath, -StressJson.MaxBeta, StressJson.MaxBeta) is { } beta)
            {
                classBetas[assetClass] = beta;
            }
        }

        return reader.Problems.Count > before ? null : new StressFactor(name, description!, betas, classBetas);
    }

    private static StressScenario? ReadScenario(JsonElement element, string path, StressJson reader, ISet<string>? knownSymbols, IReadOnlyDictionary<string, StressFactor> factors)
    {
        int before = reader.Problems.Count;
        if (!reader.ExpectObject(element, path))
        {
            return null;
        }

        reader.RejectUnknown(element, path, "name", "kind", "period", "description", "shocks", "sources");
        var name = reader.String(element, path, "name", required: true, MaxNameLength);
        if (name is not null && !IsName(name))
        {
            reader.Error(StressJson.Join(path, "name"), $"a scenario name is 1–{MaxNameLength} characters of a–z, 0–9 and '-'");
        }

        var kindText = reader.String(element, path, "kind", required: true);
        StressScenarioKind? kind = kindText switch
        {
            null => null,
            "historical" => StressScenarioKind.Historical,
            "hypothetical" => StressScenarioKind.Hypothetical,
            _ => null,
        };
        if (kindText is not null && kind is null)
        {
            reader.Error(StressJson.Join(path, "kind"), $"expected \"historical\" or \"hypothetical\" but found \"{StressJson.Clip(kindText)}\"");
        }

        var description = reader.String(element, path, "description", required: true, 4000);
        DateOnly? start = null, end = null;
        var periodPath = StressJson.Join(path, "period");
        if (element.TryGetProperty("period", out var period))
        {
            if (reader.ExpectObject(period, periodPath))
            {
                reader.RejectUnknown(period, periodPath, "start", "end");
                start = Date(period, periodPath, "start", reader);
                end = Date(period, periodPath, "end", reader);
                if (start is { } s && end is { } e && e < s)
                {
                    reader.Error(StressJson.Join(periodPath, "end"), "the period ends before it starts");
                }
            }
        }
        else if (kind == StressScenarioKind.Historical)
        {
            reader.Error(periodPath, "a historical scenario needs its period { \"start\", \"end\" }");
        }

        StressShocks? shocks = null;
        var shocksPath = StressJson.Join(path, "shocks");
        if (!element.TryGetProperty("shocks", out var shocksElement))
        {
            reader.Error(shocksPath, "is required");
        }
        else
        {
            shocks = reader.Shocks(shocksElement, shocksPath, knownSymbols, factors);
            if (shocks is not null && shocks.IsEmpty)
            {
                reader.Error(shocksPath, "gives no shock");
            }
        }

        var sources = ReadSources(element, path, reader);
        if (kind == StressScenarioKind.Historical && sources is { Count: 0 })
        {
            reader.Error(StressJson.Join(path, "sources"), "a historical scenario needs at least one source");
        }

        if (reader.Problems.Count > before)
        {
            return null;
        }

        return new StressScenario
        {
            Name = name!,
            Kind = kind!.Value,
            PeriodStart = start,
            PeriodEnd = end,
            Description = description!,
            Shocks = shocks!,
            Sources = sources!,
        };
    }

    private static List<StressSource>? ReadSources(JsonElement element, string path, StressJson reader)
    {
        var sources = new List<StressSource>();
        if (!element.TryGetProperty("sources", out var list))
        {
            return sources;
        }

        var listPath = StressJson.Join(path, "sources");
        if (list.ValueKind != JsonValueKind.Array)
        {
            reader.Error(listPath, $"expected an array but found {StressJson.Describe(list)}");
            return null;
        }

        int i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = StressJson.Index(listPath, i++);
            if (!reader.ExpectObject(item, itemPath))
            {
                continue;
            }

            reader.RejectUnknown(item, itemPath, "figure", "value", "source", "window");
            var figure = reader.String(item, itemPath, "figure", required: true);
            var value = reader.String(item, itemPath, "value", required: true);
            var source = reader.String(item, itemPath, "source", required: true);
            var window = reader.String(item, itemPath, "window", required: true);
            if (figure is not null && value is not null && source is not null && window is not null)
            {
                sources.Add(new StressSource(figure, value, source, window));
            }
        }

        return sources;
    }

    private static DateOnly? Date(JsonElement obj, string path, string name, StressJson reader)
    {
        var text = reader.String(obj, path, name, required: true, 10);
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            reader.Error(StressJson.Join(path, name), $"expected a date YYYY-MM-DD but found \"{text}\"");
            return null;
        }

        return date;
    }

    internal static bool IsName(string name)
        => name.Length is > 0 and <= MaxNameLength && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
