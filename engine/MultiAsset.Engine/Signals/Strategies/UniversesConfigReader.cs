using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Signals.Strategies;

/// <summary>
/// Reads <c>config/universes.json</c>: <c>{ "universes": { "STOCK": ["SPY", ...], "FOREX": [...], "CRYPTO": [...] } }</c>.
/// Every problem is reported at once with its JSON path: an unknown asset class name, an unknown symbol, a reference series
/// (index, VIX, rate), a symbol listed under another class than its own, a symbol listed twice, an empty list.
/// </summary>
public static class UniversesConfigReader
{
    /// <summary>Parses and validates <paramref name="json"/>; errors are prefixed with <paramref name="source"/>.</summary>
    /// <exception cref="ConfigurationException">Not JSON, or invalid (every problem listed).</exception>
    public static AssetClassUniverses Parse(string json, string source, InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(catalog);
        // Comments and trailing commas allowed; a key written twice or a number beyond a double is an error with its path.
        using (var document = ConfigText.Parse(json, source))
        {
            var reader = new JsonSectionReader(source);
            var result = new Dictionary<AssetClass, IReadOnlyList<string>>();
            var root = document.RootElement;
            if (reader.ExpectObject(root, "$"))
            {
                reader.RejectUnknown(root, string.Empty, "universes");
                if (!root.TryGetProperty("universes", out var universes))
                {
                    reader.Error("universes", "required field is missing");
                }
                else if (reader.ExpectObject(universes, "universes"))
                {
                    foreach (var property in universes.EnumerateObject())
                    {
                        ReadClass(property, reader, catalog, result);
                    }
                }
            }

            reader.ThrowIfAny();
            return new AssetClassUniverses(result);
        }
    }

    private static void ReadClass(JsonProperty property, JsonSectionReader reader, InstrumentCatalog catalog, Dictionary<AssetClass, IReadOnlyList<string>> result)
    {
        var path = JsonSectionReader.Join("universes", property.Name);
        if (!AssetClassNames.TryParse(property.Name, out var assetClass))
        {
            reader.Error(path, $"unknown asset class '{property.Name}' (expected one of: {AssetClassNames.AllowedValues})");
            return;
        }

        if (result.ContainsKey(assetClass))
        {
            reader.Error(path, $"asset class '{AssetClassNames.ToSeedName(assetClass)}' is listed twice");
            return;
        }

        if (property.Value.ValueKind != JsonValueKind.Array)
        {
            reader.Error(path, "expected an array of instrument symbols");
            return;
        }

        var symbols = new List<string>();
        var index = 0;
        foreach (var item in property.Value.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                reader.Error(itemPath, "expected an instrument symbol");
                continue;
            }

            var symbol = item.GetString()!;
            if (!catalog.TryGet(symbol, out var instrument))
            {
                reader.Error(itemPath, $"unknown symbol '{symbol}' (not in the instrument catalogue)");
            }
            else if (!instrument.IsTradable)
            {
                reader.Error(itemPath, $"'{symbol}' is a reference series ({instrument.Kind}), not a tradable instrument");
            }
            else if (instrument.AssetClass != assetClass)
            {
                reader.Error(itemPath, $"'{symbol}' is {AssetClassNames.ToSeedName(instrument.AssetClass)}, not {AssetClassNames.ToSeedName(assetClass)}");
            }
            else if (symbols.Contains(symbol))
            {
                reader.Error(itemPath, $"'{symbol}' is listed twice");
            }
            else
            {
                symbols.Add(symbol);
            }
        }

        if (index == 0)
        {
            reader.Error(path, "a universe needs at least one instrument (leave the class out to have none)");
        }

        result[assetClass] = symbols;
    }
}
