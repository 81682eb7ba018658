using System.Text.Json;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.MarketData.Synthetic;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.MarketData;

/// <summary>
/// Reads the <c>marketData</c> section:
/// <code>
/// "marketData": {
///   "instruments": "instruments.json",
///   "analytics": { ... },
///   "feeds": [ { "type": "synthetic", ... },
///              { "type": "csv", "files": ["data/quotes.csv", "data/trades.csv"], "pacing": "AsFastAsPossible", "speed": 1, "batchSize": 256 } ]
/// }
/// </code>
/// Relative file names are relative to the directory of the configuration file. Every problem is recorded with its
/// path; the instrument file's own errors are included. Replay files are opened here and their header (CSV) or
/// columns (Parquet) checked, so a wrong layout is a configuration error at start (<c>file:line: ...</c>), not a
/// failure of the feed thread later. Replay feeds also take <c>"logBadRows"</c> (how many bad rows are logged one by
/// one, default 20) and <c>"warnGap"</c> (a jump in event time between two rows that is worth a warning, default 7d).
/// </summary>
public static class MarketDataConfigReader
{
    /// <summary>
    /// Reads <paramref name="section"/>. <paramref name="loadCatalog"/> loads the instrument file named in the section
    /// (the host decides where relative names point, and can serve the embedded defaults).
    /// </summary>
    public static MarketDataConfig? Read(
        JsonElement section, JsonSectionReader reader, string path, string baseDirectory, Func<string, InstrumentCatalog> loadCatalog)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(loadCatalog);
        if (!reader.ExpectObject(section, path))
        {
            return null;
        }

        reader.RejectUnknown(section, path, "instruments", "analytics", "feeds");
        var instruments = reader.String(section, path, "instruments", required: false) ?? "instruments.json";
        InstrumentCatalog catalog;
        try
        {
            catalog = loadCatalog(instruments);
        }
        catch (ConfigurationException ex)
        {
            foreach (var error in ex.Errors)
            {
                reader.Error(JsonSectionReader.Join(path, "instruments"), error);
            }

            return null;
        }

        var analytics = AnalyticsOptionsReader.Read(
            section.TryGetProperty("analytics", out var a) ? a : null, reader, JsonSectionReader.Join(path, "analytics"), catalog, catalog.Count);
        var feeds = new List<FeedDefinition>();
        ushort index = 0;
        foreach (var (feed, feedPath) in reader.Array(section, path, "feeds", required: true))
        {
            if (reader.ExpectObject(feed, feedPath) && ReadFeed(feed, feedPath, reader, baseDirectory, catalog, index) is { } definition)
            {
                feeds.Add(definition);
            }

            index++;
        }

        // A listed feed that is wrong has its own error; this one is for an empty list.
        if (index == 0 && section.TryGetProperty("feeds", out _))
        {
            reader.Error(JsonSectionReader.Join(path, "feeds"), "at least one feed is required");
        }

        return new MarketDataConfig(catalog, analytics, feeds);
    }

    private static FeedDefinition? ReadFeed(JsonElement feed, string path, JsonSectionReader reader, string baseDirectory, InstrumentCatalog catalog, ushort index)
    {
        var type = reader.String(feed, path, "type", required: true);
        switch (type)
        {
            case SyntheticFeedOptionsReader.TypeName:
                var options = SyntheticFeedOptionsReader.Read(feed, path, reader, reader.Source);
                return SyntheticMarket.Validate(catalog, options, reader) ? new SyntheticFeedDefinition(options, index) : null;
            case "csv":
            case "parquet":
            case "cache":
                return ReadReplay(feed, path, reader, baseDirectory, type switch { "csv" => ReplayFileFormat.Csv, "parquet" => ReplayFileFormat.Parquet, _ => ReplayFileFormat.Cache }, catalog);
            case null:
                return null;
            default:
                reader.Error(JsonSectionReader.Join(path, "type"), $"unknown feed type '{type}' (expected one of: synthetic, csv, parquet, cache)");
                return null;
        }
    }

    private static ReplayFeedDefinition? ReadReplay(JsonElement feed, string path, JsonSectionReader reader, string baseDirectory, ReplayFileFormat format, InstrumentCatalog catalog)
    {
        reader.RejectUnknown(feed, path, "type", "files", "pacing", "speed", "batchSize", "logBadRows", "warnGap");
        var files = new List<string>();
        var listed = 0;
        foreach (var (file, filePath) in reader.Array(feed, path, "files", required: true))
        {
            listed++;
            if (file.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(file.GetString()))
            {
                reader.Error(filePath, "expected a file name");
                continue;
            }

            var full = Path.GetFullPath(file.GetString()!, baseDirectory);
            if (!File.Exists(full))
            {
                reader.Error(filePath, $"file not found: {full}");
                continue;
            }

            if (ReplayFileFeed.CheckLayout(format, full, catalog) is { } problem)
            {
                reader.Error(filePath, problem);
                continue;
            }

            files.Add(full);
        }

        if (listed == 0)
        {
            reader.Error(JsonSectionReader.Join(path, "files"), "at least one file is required");
        }

        var speed = 1.0;
        if (feed.TryGetProperty("speed", out var speedValue))
        {
            if (speedValue.ValueKind == JsonValueKind.Number && speedValue.GetDouble() is > 0 and var given && double.IsFinite(given))
            {
                speed = given;
            }
            else
            {
                reader.Error(JsonSectionReader.Join(path, "speed"), $"expected a positive number but found {speedValue.GetRawText()}");
            }
        }

        var options = new ReplayFeedOptions
        {
            Pacing = reader.Enum(feed, path, "pacing", ReplayPacing.AsFastAsPossible),
            SpeedMultiple = speed,
            BatchSize = (int)reader.Integer(feed, path, "batchSize", 256, 1, 65_536),
            LoggedBadRows = (int)reader.Integer(feed, path, "logBadRows", ReplayDiagnostics.DefaultLoggedBadRows, 0, 1_000_000),
            GapWarning = reader.Duration(feed, path, "warnGap", ReplayDiagnostics.DefaultGapWarning),
        };
        if (options.GapWarning <= TimeSpan.Zero)
        {
            reader.Error(JsonSectionReader.Join(path, "warnGap"), "must be positive");
        }

        return files.Count == 0 ? null : new ReplayFeedDefinition(format, files, options);
    }
}
