using System.Text.Json;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Snapshots;
using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Risk.Analytics.Stress;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Host;

/// <summary>
/// Everything the host reads from <c>config/engine.json</c> (and the files it names), validated at start: a bad value
/// stops the process with a message naming the file, the field and the reason — all of them at once.
/// </summary>
/// <param name="Source">Where the configuration came from (a path, or the embedded defaults).</param>
/// <param name="Pipeline">Rings and thread layout.</param>
/// <param name="MarketData">Instruments, analytics and feeds.</param>
/// <param name="ReportInterval">How often the status line is printed.</param>
/// <param name="Journal">Where and how input is journalled; null runs without a journal (nothing survives a crash).</param>
/// <param name="Trading">Accounts and risk limits.</param>
/// <param name="Strategies">The strategies created at start; null when the configuration names none.</param>
/// <param name="Snapshots">Periodic state snapshots (on by default with a journal; null without one).</param>
/// <param name="Universes">The default universe per asset class (<c>"universes": "universes.json"</c>); null when the configuration names none.</param>
public sealed record HostConfig(
    string Source,
    PipelineLayout Pipeline,
    MarketDataConfig MarketData,
    TimeSpan ReportInterval,
    TradingConfig Trading,
    JournalOptions? Journal = null,
    StrategiesConfig? Strategies = null,
    SnapshotOptions? Snapshots = null,
    AssetClassUniverses? Universes = null)
{
    /// <summary>The router's options (the order ledger's retention, <c>"orderLedger"</c>); null for the defaults.</summary>
    public MultiAsset.Engine.Routing.Stage.RouterOptions? Router { get; init; }

    /// <summary>The file of stress scenarios read beside the configuration.</summary>
    public const string ScenariosFile = "scenarios.json";

    /// <summary>The stress scenarios (<see cref="ScenariosFile"/>); null when there is none.</summary>
    public ScenarioLibrary? Scenarios { get; init; }

    /// <summary>Hash of the state-shaping configuration (<see cref="ConfigFingerprint"/>); snapshots of another are refused.</summary>
    public ulong Fingerprint { get; init; }

    /// <summary>
    /// Loads <paramref name="path"/>; with none, <c>config/engine.json</c> beside the binary, else the defaults built into
    /// it. A relative journal directory is relative to the configuration file — except on the defaults, where it is
    /// relative to the working directory (<c>./run.sh</c> runs from the repository, so the journal is <c>data/journal</c>
    /// there and a second run continues from it, not from a folder inside the build output).
    /// </summary>
    public static HostConfig Load(string? path)
    {
        var defaults = path is null;
        var besideBinary = Path.Combine(AppContext.BaseDirectory, "config", "engine.json");
        if (path is null && File.Exists(besideBinary))
        {
            path = besideBinary;
        }

        if (path is null)
        {
            var embedded = ConfigFiles.Embedded;
            return Parse(embedded.Read("engine.json"), embedded.Describe("engine.json"), name => InstrumentCatalogLoader.Parse(
                embedded.Read(name), embedded.Describe(name)), files: embedded, dataDirectory: Environment.CurrentDirectory);
        }

        if (!File.Exists(path))
        {
            throw new ConfigurationException($"{path}: file not found");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Parse(File.ReadAllText(path), path, name => LoadCatalog(Path.GetFullPath(name, directory)), directory, ConfigFiles.In(directory), defaults ? Environment.CurrentDirectory : null);
    }

    /// <summary>
    /// Parses configuration text; <paramref name="source"/> names it in errors, <paramref name="loadCatalog"/> loads the
    /// instruments it names, <paramref name="files"/> the other files (default: <paramref name="baseDirectory"/>);
    /// a relative journal directory is relative to <paramref name="dataDirectory"/> (default: <paramref name="baseDirectory"/>).
    /// </summary>
    public static HostConfig Parse(string json, string source, Func<string, InstrumentCatalog> loadCatalog, string? baseDirectory = null, ConfigFiles? files = null, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(loadCatalog);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{source}: not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            var reader = new JsonSectionReader(source);
            if (!reader.ExpectObject(root, "$"))
            {
                reader.ThrowIfAny();
            }

            var fingerprint = new ConfigFingerprint();
            fingerprint.AddRoot(root);
            var catalogs = loadCatalog;
            loadCatalog = name =>
            {
                var catalog = catalogs(name);
                fingerprint.Add(catalog);
                return catalog;
            };
            reader.RejectUnknown(root, string.Empty, "pipeline", "marketData", "journal", "snapshots", "accounts", "risk", "coordination", "venues", "universes", "strategies", "reportIntervalMs", "control", "orderLedger");
            var layout = root.TryGetProperty("pipeline", out var pipeline)
                ? PipelineLayoutReader.Read(pipeline, reader, "pipeline")
                : Missing(reader, "pipeline", new PipelineLayout([], [], PipelineLayout.DefaultDrainTimeout));
            var marketData = root.TryGetProperty("marketData", out var section)
                ? MarketDataConfigReader.Read(section, reader, "marketData", baseDirectory ?? Environment.CurrentDirectory, loadCatalog)
                : Missing<MarketDataConfig?>(reader, "marketData", null);
            var journal = root.TryGetProperty("journal", out var journalSection)
                ? JournalOptionsReader.Read(journalSection, reader, "journal", dataDirectory ?? baseDirectory ?? Environment.CurrentDirectory)
                : null;
            SnapshotOptions? snapshots = null;
            var snapshotSection = root.TryGetProperty("snapshots", out var snapshotElement) ? snapshotElement : (JsonElement?)null;
            if (journal is not null)
            {
                snapshots = SnapshotOptionsReader.Read(snapshotSection, reader, "snapshots", baseDirectory ?? Environment.CurrentDirectory, journal.Directory);
            }
            else if (snapshotSection is not null)
            {
                reader.Error("snapshots", "snapshots need a journal (add a \"journal\" section): a snapshot is only useful with the journal tail after it");
            }

            files ??= ConfigFiles.In(baseDirectory ?? Environment.CurrentDirectory);
            // Scenarios only feed the stress query (a read), so they are not part of the fingerprint.
            var scenarios = ReadScenarios(files, reader, marketData?.Catalog);
            files = fingerprint.Recording(files);
            var trading = TradingConfig.Read(root, reader, files, marketData?.Catalog);
            var universes = UniversesConfig.Read(root, reader, files, marketData?.Catalog);
            var strategies = root.TryGetProperty("strategies", out var strategiesSection)
                ? StrategiesConfig.Read(strategiesSection, reader, "strategies", files, marketData)
                : null;
            foreach (var strategy in strategies?.Documents ?? [])
            {
                if (trading is not null && !trading.Accounts.TryGetId(strategy.Document.Account, out _))
                {
                    reader.Error("strategies", $"{strategy.Source}: account: unknown account '{strategy.Document.Account}' (known: {string.Join(", ", trading.Accounts.Accounts.Select(a => a.Key))})");
                }
            }

            var reportMs = reader.Integer(root, string.Empty, "reportIntervalMs", 1000, 50, 3_600_000);
            var router = ReadOrderLedger(root, reader);
            reader.ThrowIfAny();
            return new HostConfig(source, layout, marketData!, TimeSpan.FromMilliseconds(reportMs), trading!, journal, strategies, snapshots, universes) { Fingerprint = fingerprint.Value, Router = router, Scenarios = scenarios };
        }
    }

    /// <summary>
    /// The stress scenarios: <c>scenarios.json</c> beside the configuration (or the embedded copy on the defaults);
    /// none when there is no such file. A file that is there but wrong is a configuration error like any other.
    /// </summary>
    private static ScenarioLibrary? ReadScenarios(ConfigFiles files, JsonSectionReader reader, InstrumentCatalog? catalog)
    {
        string json;
        try
        {
            json = files.Read(ScenariosFile);
        }
        catch (ConfigurationException)
        {
            return null;
        }

        var symbols = catalog?.Tradable.Select(i => i.Symbol).ToHashSet(StringComparer.Ordinal);
        if (ScenarioFileReader.TryParse(json, symbols, out var library, out var problems))
        {
            return library;
        }

        foreach (var problem in problems)
        {
            reader.Error(files.Describe(ScenariosFile), $"{problem.Path}: {problem.Message}");
        }

        return null;
    }

    /// <summary>
    /// <c>"orderLedger": { "retainedOrders": 8192, "children": 16384, "fills": 32768 }</c>: how much finished history the
    /// router's order ledger keeps for the order and fill queries (docs/orders.md, "Bounded memory"); null = defaults.
    /// </summary>
    private static MultiAsset.Engine.Routing.Stage.RouterOptions? ReadOrderLedger(JsonElement root, JsonSectionReader reader)
    {
        if (!root.TryGetProperty("orderLedger", out var section) || !reader.ExpectObject(section, "orderLedger"))
        {
            return null;
        }

        reader.RejectUnknown(section, "orderLedger", "retainedOrders", "children", "fills");
        var defaults = new MultiAsset.Engine.Routing.Orders.OrderLedgerOptions();
        return new MultiAsset.Engine.Routing.Stage.RouterOptions
        {
            Ledger = new MultiAsset.Engine.Routing.Orders.OrderLedgerOptions
            {
                RetainedOrders = (int)reader.Integer(section, "orderLedger", "retainedOrders", defaults.RetainedOrders, 1, 10_000_000),
                Children = (int)reader.Integer(section, "orderLedger", "children", defaults.Children, 1, 10_000_000),
                Fills = (int)reader.Integer(section, "orderLedger", "fills", defaults.Fills, 1, 10_000_000),
            },
        };
    }

    private static T Missing<T>(JsonSectionReader reader, string name, T fallback)
    {
        reader.Error(name, "required section is missing");
        return fallback;
    }

    private static InstrumentCatalog LoadCatalog(string path)
        => File.Exists(path) ? InstrumentCatalogLoader.Load(path) : throw new ConfigurationException($"{path}: file not found");
}
