using System.Text.Json;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Host;

/// <summary>
/// The default universe per asset class, named in <c>engine.json</c> as <c>"universes": "universes.json"</c>
/// (<see cref="UniversesConfigReader"/>: symbols checked against the catalogue at load). Without it a strategy document
/// that lists no instruments of a class does not trade that class.
/// </summary>
public static class UniversesConfig
{
    /// <summary>Reads the named file; problems are recorded in <paramref name="reader"/>; null when none is named (or it is invalid).</summary>
    public static AssetClassUniverses? Read(JsonElement root, JsonSectionReader reader, ConfigFiles files, InstrumentCatalog? catalog)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(files);
        var name = reader.String(root, string.Empty, "universes", required: false);
        if (name is null || catalog is null)
        {
            return null;
        }

        try
        {
            return UniversesConfigReader.Parse(files.Read(name), files.Describe(name), catalog);
        }
        catch (ConfigurationException e)
        {
            reader.Error("universes", e.Message);
            return null;
        }
    }
}
