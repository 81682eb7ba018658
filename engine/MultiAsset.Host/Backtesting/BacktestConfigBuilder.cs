using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// Turns a <see cref="BacktestSpec"/> into the engine configuration the host runs live — the same reader, stages and
/// simulated venues — with: the chained layout on one thread, no journal and no control API, one replay feed of the
/// data (merged by time, as fast as possible), the accounts and strategies of the spec, and every venue set to the
/// spec's fill model, costs and latency.
/// </summary>
public static class BacktestConfigBuilder
{
    private const string AccountsName = "backtest/accounts.json";
    private const string VenuesName = "backtest/venues.json";
    private const string RiskName = "backtest/risk.json";
    private const string DefaultRisk = """{ "global": { "closedMarket": "Hold" } }""";

    /// <summary>
    /// The configuration; <paramref name="dataFiles"/> are the replay files (caches after import), <paramref name="dataFormat"/>
    /// their one format (<c>cache</c>, <c>csv</c> or <c>parquet</c>), <paramref name="dataSymbols"/> the symbols the data
    /// holds when known (the live correlation matrix then follows only those). Also the configuration's text and every
    /// file it names by a relative name (generated or shipped), so a journalled run can write them beside its results.
    /// </summary>
    public static (HostConfig Config, string EngineJson, IReadOnlyDictionary<string, string> Files) Build(BacktestSpec spec, IReadOnlyList<string> dataFiles, string dataFormat, IReadOnlySet<string>? dataSymbols = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var shipped = BacktestConfigFiles.Shipped;
        var generated = new Dictionary<string, string>
        {
            [VenuesName] = Venues(spec, spec.Venues is { } venues ? File.ReadAllText(venues) : shipped.Read("venues.json")),
        };
        // No limits unless the spec names a risk file, and orders that reach the gate while the market is closed wait
        // for the open (a stop-loss at a weekend's quote, an order decided on a bar after hours).
        generated[RiskName] = spec.Risk is { } riskFile ? File.ReadAllText(riskFile) : DefaultRisk;
        if (spec.AccountsFile is null)
        {
            generated[AccountsName] = spec.AccountsJson is { } inline ? $"{{ \"accounts\": {inline} }}" : DefaultAccounts(spec);
        }

        var files = new BacktestConfigFiles(generated, shipped);
        var shippedEngine = JsonNode.Parse(shipped.Read("engine.json"), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var instruments = spec.Instruments ?? "instruments.json";
        var catalog = LoadCatalog(files, instruments);
        var engine = new JsonObject
        {
            ["pipeline"] = new JsonObject
            {
                ["rings"] = new JsonArray(
                    new JsonObject { ["name"] = "input", ["size"] = 16384, ["producer"] = "Multi" },
                    new JsonObject { ["name"] = "intents", ["size"] = 16384, ["producer"] = "Single" },
                    new JsonObject { ["name"] = "orders", ["size"] = 16384, ["producer"] = "Single" }),
                // With a journal it is fused in front of the stages on the same thread, as the shipped desk runs it.
                ["threads"] = new JsonArray(new JsonObject { ["name"] = "engine", ["stages"] = spec.Journal ? new JsonArray("journal", "engine") : new JsonArray("engine"), ["waitStrategy"] = "Blocking", ["maxBatchSize"] = 4096 }),
                ["drainTimeoutMs"] = 600_000,
            },
            ["marketData"] = new JsonObject
            {
                ["instruments"] = instruments,
                ["analytics"] = Analytics(shippedEngine["marketData"]?["analytics"], catalog, dataSymbols),
                ["feeds"] = new JsonArray(new JsonObject
                {
                    ["type"] = dataFormat,
                    ["files"] = new JsonArray([.. dataFiles.Select(f => (JsonNode)f)]),
                    ["pacing"] = "AsFastAsPossible",
                }),
            },
            ["accounts"] = spec.AccountsFile ?? AccountsName,
            ["venues"] = VenuesName,
            ["universes"] = "universes.json",
            ["reportIntervalMs"] = 1000,
            // Every finished order stays in the ledger for orders.csv (live, the ledger keeps the newest few thousand).
            ["orderLedger"] = new JsonObject { ["retainedOrders"] = spec.MaxOrders, ["children"] = 1024, ["fills"] = 1024 },
        };
        // Coordination rules are the desk's (they name its accounts and strategies): a backtest uses the file its spec
        // names, else coordination's defaults.
        engine["risk"] = RiskName;

        if (spec.Coordination is { } coordination)
        {
            engine["coordination"] = coordination;
        }

        if (spec.Journal)
        {
            // The run's input, journalled as the live host journals it (async: the replay does not wait on the disk).
            engine["journal"] = new JsonObject { ["directory"] = Path.Combine(spec.Output, "journal"), ["durability"] = "async" };
            engine["snapshots"] = new JsonObject { ["enabled"] = false };
        }

        var text = engine.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var config = HostConfig.Parse(text, $"{spec.Source} (backtest engine configuration)", name => LoadCatalog(files, name), spec.BaseDirectory, files);
        var named = new Dictionary<string, string>(generated);
        foreach (var name in new[] { instruments, "universes.json" }.Where(n => !Path.IsPathRooted(n)))
        {
            named[name] = files.Read(name);
        }

        return (config, text, named);
    }

    private static InstrumentCatalog LoadCatalog(ConfigFiles files, string name) => InstrumentCatalogLoader.Parse(files.Read(name), files.Describe(name));

    /// <summary>
    /// The shipped analytics, with the correlation universe cut to the instruments of this catalogue that the data has
    /// (an instrument without data only costs the matrix time every interval).
    /// </summary>
    private static JsonObject? Analytics(JsonNode? shipped, InstrumentCatalog catalog, IReadOnlySet<string>? dataSymbols)
    {
        if (shipped?.DeepClone() is not JsonObject analytics)
        {
            return null;
        }

        if (analytics["correlation"] is JsonObject correlation && correlation["universe"] is JsonArray universe)
        {
            var kept = universe.Select(s => s!.GetValue<string>()).Where(s => catalog.TryGet(s, out _) && (dataSymbols is null || dataSymbols.Contains(s))).ToList();
            if (kept.Count < 2)
            {
                analytics.Remove("correlation");
            }
            else
            {
                correlation["universe"] = new JsonArray([.. kept.Select(s => (JsonNode)s)]);
            }
        }

        return analytics;
    }

    /// <summary>One account per account the strategies name: <see cref="BacktestSpec.InitialCash"/> in <see cref="BacktestSpec.BaseCurrency"/>, margin, leverage up to 2.</summary>
    private static string DefaultAccounts(BacktestSpec spec)
    {
        var names = new List<string>();
        foreach (var (_, json) in spec.Strategies)
        {
            using var document = JsonDocument.Parse(json);
            var name = document.RootElement.TryGetProperty("account", out var account) && account.ValueKind == JsonValueKind.String ? account.GetString()! : "default";
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        var accounts = new JsonArray([.. names.Select(name => (JsonNode)new JsonObject
        {
            ["id"] = name,
            ["name"] = name,
            ["baseCurrency"] = spec.BaseCurrency,
            ["type"] = "Margin",
            ["maxLeverage"] = 2,
            ["initialCash"] = new JsonObject { [spec.BaseCurrency] = spec.InitialCash },
        })]);
        return new JsonObject { ["accounts"] = accounts }.ToJsonString();
    }

    /// <summary>The venues file with every venue on the spec's fill model, costs, latency and reject rate.</summary>
    private static string Venues(BacktestSpec spec, string text)
    {
        var root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var nextBar = spec.FillModel != "close";
        foreach (var venue in root["venues"]?.AsArray() ?? [])
        {
            if (venue is not JsonObject v)
            {
                continue;
            }

            v["barFill"] = spec.FillModel;
            if (nextBar)
            {
                v["barSpreadBps"] = spec.SlippageBps;
                v["barParticipation"] = spec.Participation;
            }

            if (spec.Fees is { } fees)
            {
                var schedule = new JsonObject { ["makerBps"] = fees.MakerBps, ["takerBps"] = fees.TakerBps };
                // A per-unit fee is a stock venue's (per share); the venues reader refuses it elsewhere.
                if (fees.PerUnit != 0 && v["assetClasses"] is JsonArray classes && classes.Any(c => c?.GetValue<string>() == "STOCK"))
                {
                    schedule["perShare"] = fees.PerUnit;
                }

                v["fees"] = schedule;
            }

            if (nextBar || spec.Latency > TimeSpan.Zero)
            {
                var latency = spec.Latency == TimeSpan.Zero ? "0" : $"{(spec.Latency.Ticks / 10).ToString(CultureInfo.InvariantCulture)}us";
                v["latency"] = new JsonObject { ["ack"] = latency, ["fill"] = latency, ["jitter"] = "0" };
            }

            v["rejectProbability"] = spec.RejectProbability;
        }

        return root.ToJsonString();
    }
}
