using System.Globalization;
using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Risk.Analytics.Stress;

/// <summary>
/// The strict JSON reading shared by <see cref="ScenarioFileReader"/> and <see cref="StressRequestParser"/>: every
/// problem is recorded with its path and reading goes on, so one pass reports them all; nothing throws.
/// </summary>
internal sealed class StressJson
{
    /// <summary>Largest shock accepted (+10,000 %).</summary>
    internal const decimal MaxShock = 100m;

    /// <summary>Largest factor beta magnitude accepted.</summary>
    internal const decimal MaxBeta = 100m;

    /// <summary>Most entries in one shock map or list.</summary>
    internal const int MaxEntries = 10_000;

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false, MaxDepth = 32 };

    private readonly List<StressProblem> problems = [];

    /// <summary>Problems so far.</summary>
    internal List<StressProblem> Problems => problems;

    /// <summary>Parses <paramref name="json"/> strictly (duplicate keys and numbers beyond a double are problems); null on failure.</summary>
    internal JsonDocument? ParseDocument(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            Error("$", "the body is empty; expected a JSON object");
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            Error("$", $"invalid JSON: {Clip(ex.Message)}");
            return null;
        }

        if (StrictJson.FindProblem(document.RootElement) is { } problem)
        {
            document.Dispose();
            Error(problem.Path.Length == 0 ? "$" : problem.Path, problem.Message);
            return null;
        }

        return document;
    }

    internal void Error(string path, string message) => problems.Add(new StressProblem(path.Length == 0 ? "$" : path, message));

    internal static string Join(string path, string name) => StrictJson.Join(path, name);

    internal static string Index(string path, int index) => StrictJson.Index(path, index);

    internal bool ExpectObject(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Error(path, $"expected an object but found {Describe(element)}");
        return false;
    }

    internal void RejectUnknown(JsonElement obj, string path, params string[] known)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                Error(Join(path, property.Name), $"unknown field (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    /// <summary>A string field; records a problem when present but not a non-empty string of at most <paramref name="maxLength"/> characters.</summary>
    internal string? String(JsonElement obj, string path, string name, bool required, int maxLength = 2000)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            if (required)
            {
                Error(Join(path, name), "is required");
            }

            return null;
        }

        var fieldPath = Join(path, name);
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(fieldPath, $"expected a string but found {Describe(value)}");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length == 0 || text.Length > maxLength)
        {
            Error(fieldPath, $"expected a non-empty string of at most {maxLength} characters");
            return null;
        }

        return text;
    }

    /// <summary>A number read exactly as a decimal in [<paramref name="min"/>, <paramref name="max"/>] (strings are not numbers).</summary>
    internal decimal? Number(JsonElement value, string path, decimal min, decimal max, bool minExclusive = false)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            Error(path, $"expected a number but found {Describe(value)}");
            return null;
        }

        if (!decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            Error(path, $"{Clip(value.GetRawText())} is out of range (not a finite decimal number)");
            return null;
        }

        if (number < min || number > max || (minExclusive && number == min))
        {
            Error(path, $"{Clip(value.GetRawText())} is out of range {(minExclusive ? "(" : "[")}{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
            return null;
        }

        return number;
    }

    /// <summary>
    /// Reads a shock object <c>{ instruments, assetClasses, currencies, factors }</c>; null when it has problems.
    /// </summary>
    internal StressShocks? Shocks(JsonElement element, string path, ISet<string>? knownSymbols, IReadOnlyDictionary<string, StressFactor> factors)
    {
        int before = problems.Count;
        if (!ExpectObject(element, path))
        {
            return null;
        }

        RejectUnknown(element, path, "instruments", "assetClasses", "currencies", "factors");
        var instruments = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var classes = new Dictionary<AssetClass, decimal>();
        var currencies = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var factorShocks = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (name, value, entryPath) in Entries(element, path, "instruments"))
        {
            if (!IsSymbol(name))
            {
                Error(entryPath, "a symbol is 1–32 characters of A–Z, 0–9, '.', '-' or '_'");
            }
            else if (knownSymbols is not null && !knownSymbols.Contains(name))
            {
                Error(entryPath, $"unknown symbol '{name}' (not in the instrument catalogue)");
            }

            if (Number(value, entryPath, -1m, MaxShock) is { } s)
            {
                instruments[name] = s;
            }
        }

        foreach (var (name, value, entryPath) in Entries(element, path, "assetClasses"))
        {
            bool known = AssetClassNames.TryParse(name, out var assetClass);
            if (!known)
            {
                Error(entryPath, $"unknown asset class '{Clip(name)}' (expected one of: {AssetClassNames.AllowedValues})");
            }
            else if (classes.ContainsKey(assetClass))
            {
                Error(entryPath, $"asset class {AssetClassNames.ToSeedName(assetClass)} is given twice");
                known = false;
            }

            if (Number(value, entryPath, -1m, MaxShock) is { } s && known)
            {
                classes[assetClass] = s;
            }
        }

        foreach (var (name, value, entryPath) in Entries(element, path, "currencies"))
        {
            if (!IsCurrency(name))
            {
                Error(entryPath, "a currency code is 3–5 upper-case letters");
            }
            else if (name == "USD")
            {
                Error(entryPath, "USD is the numeraire (currency moves are against USD); express a USD move as moves of the other currencies or as the 'usd' factor");
            }

            if (Number(value, entryPath, -1m, MaxShock, minExclusive: true) is { } c)
            {
                currencies[name] = c;
            }
        }

        foreach (var (name, value, entryPath) in Entries(element, path, "factors"))
        {
            if (!factors.ContainsKey(name))
            {
                Error(entryPath, $"unknown factor '{Clip(name)}' (known: {string.Join(", ", factors.Keys.Order(StringComparer.Ordinal))})");
            }

            if (Number(value, entryPath, -1m, MaxShock) is { } x)
            {
                factorShocks[name] = x;
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        return new StressShocks { Instruments = instruments, AssetClasses = classes, Currencies = currencies, Factors = factorShocks };
    }

    /// <summary>The properties of the object field <paramref name="name"/> (a problem when not an object or too large).</summary>
    internal IEnumerable<(string Name, JsonElement Value, string Path)> Entries(JsonElement obj, string path, string name)
    {
        if (!obj.TryGetProperty(name, out var map))
        {
            yield break;
        }

        var mapPath = Join(path, name);
        if (!ExpectObject(map, mapPath))
        {
            yield break;
        }

        int count = 0;
        foreach (var property in map.EnumerateObject())
        {
            if (++count > MaxEntries)
            {
                Error(mapPath, $"more than {MaxEntries} entries");
                yield break;
            }

            yield return (property.Name, property.Value, Join(mapPath, property.Name));
        }
    }

    internal static bool IsSymbol(string name)
        => name.Length is > 0 and <= 32 && name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_');

    internal static bool IsCurrency(string name) => name.Length is >= 3 and <= 5 && name.All(char.IsAsciiLetterUpper);

    internal static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string {Clip(element.GetRawText())}",
        JsonValueKind.Number => $"the number {Clip(element.GetRawText())}",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    internal static string Clip(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");
}
