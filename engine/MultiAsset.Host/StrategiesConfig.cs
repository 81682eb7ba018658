using System.Text.Json;
using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.Rules;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Host;

/// <summary>
/// The strategies the host creates at start (<c>"strategies": { "directory": "strategies", "deploy": true }</c>):
/// every <c>*.json</c> of the folder, validated at load so a bad document stops the host with its file and JSON path.
/// They are created (and deployed, unless <c>deploy</c> is false) by command events on the input ring, exactly as
/// the control API would, so they are journalled; after a restart with a journal they come back by replay instead.
/// </summary>
/// <param name="Documents">Each document's text, where it came from, and its validated form, in file-name order.</param>
/// <param name="Deploy">Deploy them after creating them.</param>
public sealed record StrategiesConfig(IReadOnlyList<StrategyFile> Documents, bool Deploy)
{
    /// <summary>Reads the section; problems are recorded in <paramref name="reader"/>.</summary>
    public static StrategiesConfig? Read(JsonElement section, JsonSectionReader reader, string path, ConfigFiles files, MarketDataConfig? marketData)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(files);
        if (!reader.ExpectObject(section, path))
        {
            return null;
        }

        reader.RejectUnknown(section, path, "directory", "deploy");
        var directory = reader.String(section, path, "directory", required: true);
        var deploy = true;
        if (section.TryGetProperty("deploy", out var deployValue))
        {
            if (deployValue.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                deploy = deployValue.GetBoolean();
            }
            else
            {
                reader.Error(JsonSectionReader.Join(path, "deploy"), $"expected true or false but found {deployValue.ValueKind}");
            }
        }

        if (directory is null || marketData is null)
        {
            return null;
        }

        var compiler = new RuleCompiler(marketData.Catalog, marketData.Analytics.TimeframeSeconds);
        var documents = new List<StrategyFile>();
        try
        {
            foreach (var name in files.ListJson(directory))
            {
                var text = files.Read(name);
                try
                {
                    documents.Add(new StrategyFile(files.Describe(name), text, StrategyDocumentLoader.Parse(text, files.Describe(name), marketData.Catalog, compiler)));
                }
                catch (ConfigurationException e)
                {
                    reader.Error(JsonSectionReader.Join(path, "directory"), e.Message);
                }
            }
        }
        catch (ConfigurationException e)
        {
            reader.Error(JsonSectionReader.Join(path, "directory"), e.Message);
        }

        foreach (var duplicate in documents.GroupBy(d => d.Document.Id).Where(g => g.Count() > 1))
        {
            reader.Error(JsonSectionReader.Join(path, "directory"), $"strategy id '{duplicate.Key}' is used by {string.Join(" and ", duplicate.Select(d => d.Source))}");
        }

        return new StrategiesConfig(documents, deploy);
    }
}

/// <summary>One strategy document as configured.</summary>
/// <param name="Source">Where it came from (for messages).</param>
/// <param name="Json">Its text, sent as is in the create command.</param>
/// <param name="Document">Its validated form (the id and account).</param>
public sealed record StrategyFile(string Source, string Json, StrategyDocument Document);
