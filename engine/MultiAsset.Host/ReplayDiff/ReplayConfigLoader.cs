using System.Text.Json;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host.ReplayDiff;

/// <summary>
/// Loads one side's engine configuration for a replay: an <c>engine.json</c> (or, with none, what the host itself would
/// load: <c>config/engine.json</c> beside the binary, else the embedded defaults), with any of the trading files it names
/// (<c>risk</c>, <c>venues</c>, <c>coordination</c>, <c>accounts</c>, <c>universes</c>) replaced by another file. The
/// result replays and nothing else: no journal (a replay never writes one), no snapshots, no feeds (the journal is
/// the only input); the chained layout is required, as for a journal.
/// </summary>
internal static class ReplayConfigLoader
{
    /// <summary>The engine.json fields that name a trading file a replay may swap.</summary>
    public static readonly IReadOnlyList<string> Replaceable = ["risk", "venues", "coordination", "accounts", "universes"];

    /// <summary>The configuration as the host would run it (journal included: its directory is the default journal).</summary>
    /// <exception cref="ConfigurationException">A file is missing or invalid (the message names it).</exception>
    public static HostConfig Load(string? enginePath, IReadOnlyDictionary<string, string> replaced)
    {
        // As HostConfig.Load: on the defaults a relative journal directory is relative to the working directory.
        var defaults = enginePath is null;
        var besideBinary = Path.Combine(AppContext.BaseDirectory, "config", "engine.json");
        if (enginePath is null && File.Exists(besideBinary))
        {
            enginePath = besideBinary;
        }

        if (enginePath is null)
        {
            var embedded = ConfigFiles.Embedded;
            var json = embedded.Read("engine.json");
            return HostConfig.Parse(json, embedded.Describe("engine.json"), name => InstrumentCatalogLoader.Parse(embedded.Read(name), embedded.Describe(name)),
                files: Overlay(json, embedded, replaced, "embedded defaults"), dataDirectory: Environment.CurrentDirectory);
        }

        if (!File.Exists(enginePath))
        {
            throw new ConfigurationException($"{enginePath}: file not found");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(enginePath))!;
        var text = File.ReadAllText(enginePath);
        return HostConfig.Parse(text, enginePath, name => LoadCatalog(Path.GetFullPath(name, directory)), directory, Overlay(text, ConfigFiles.In(directory), replaced, enginePath), defaults ? Environment.CurrentDirectory : null);
    }

    /// <summary>
    /// <paramref name="config"/> made fit to replay: without journal, snapshots and feeds, the journal stage taken out
    /// of the thread layout.
    /// </summary>
    public static HostConfig ForReplay(HostConfig config)
    {
        if (!config.Pipeline.Threads.Any(t => t.Stages.Contains(EngineRuntime.ChainStageName)))
        {
            throw new ConfigurationException($"{config.Source}: pipeline: a replay needs the chained layout (a thread running the stage '{EngineRuntime.ChainStageName}'), as a journal does");
        }

        var threads = config.Pipeline.Threads
            .Select(t => t with { Stages = [.. t.Stages.Where(s => s != EngineRuntime.JournalStageName)] })
            .Where(t => t.Stages.Count > 0)
            .ToList();
        return config with
        {
            Journal = null,
            Snapshots = null,
            Pipeline = config.Pipeline with { Threads = threads },
            MarketData = config.MarketData with { Feeds = [] },
        };
    }

    private static ConfigFiles Overlay(string engineJson, ConfigFiles inner, IReadOnlyDictionary<string, string> replaced, string source)
    {
        if (replaced.Count == 0)
        {
            return inner;
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(engineJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }))
        {
            foreach (var (field, path) in replaced)
            {
                if (!document.RootElement.TryGetProperty(field, out var name) || name.ValueKind != JsonValueKind.String)
                {
                    throw new ConfigurationException($"{source}: names no \"{field}\" file, so --{field} has nothing to replace");
                }

                if (!File.Exists(path))
                {
                    throw new ConfigurationException($"{path}: file not found (given as --{field})");
                }

                names[name.GetString()!] = Path.GetFullPath(path);
            }
        }

        return new OverlayFiles(inner, names);
    }

    private static InstrumentCatalog LoadCatalog(string path)
        => File.Exists(path) ? InstrumentCatalogLoader.Load(path) : throw new ConfigurationException($"{path}: file not found");

    /// <summary>The configuration's files, with some names read from other paths.</summary>
    private sealed class OverlayFiles(ConfigFiles inner, IReadOnlyDictionary<string, string> replaced) : ConfigFiles
    {
        public override string Read(string name) => replaced.TryGetValue(name, out var path) ? File.ReadAllText(path) : inner.Read(name);

        public override string Describe(string name) => replaced.TryGetValue(name, out var path) ? path : inner.Describe(name);

        public override IReadOnlyList<string> ListJson(string directory) => inner.ListJson(directory);
    }
}
