using System.Reflection;
using System.Text.Json;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Host.Foundation;

namespace MultiAsset.Host;

/// <summary>
/// Everything the host reads from <c>config/engine.json</c>, validated at start: a bad value stops the process with
/// a message naming the file, the field and the reason (all of them at once).
/// </summary>
/// <param name="Source">Where the configuration came from (a path, or "embedded defaults").</param>
/// <param name="Pipeline">Rings and thread layout.</param>
/// <param name="Feed">The demo feed.</param>
/// <param name="ReportInterval">How often the status line is printed.</param>
public sealed record HostConfig(string Source, PipelineLayout Pipeline, SyntheticFeedOptions Feed, TimeSpan ReportInterval)
{
    private const string EmbeddedName = "MultiAsset.Host.engine.json";

    /// <summary>Loads <paramref name="path"/>, or the defaults built into the binary when it is null and no file exists.</summary>
    public static HostConfig Load(string? path)
    {
        if (path is null && File.Exists(Path.Combine(AppContext.BaseDirectory, "config", "engine.json")))
        {
            path = Path.Combine(AppContext.BaseDirectory, "config", "engine.json");
        }

        if (path is null)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(EmbeddedName)
                ?? throw new InvalidOperationException($"embedded resource {EmbeddedName} is missing");
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd(), "embedded defaults (config/engine.json)");
        }

        if (!File.Exists(path))
        {
            throw new ConfigurationException($"{path}: file not found");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses configuration text; <paramref name="source"/> names it in errors.</summary>
    public static HostConfig Parse(string json, string source)
    {
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

            reader.RejectUnknown(root, string.Empty, "pipeline", "feed", "reportIntervalMs");
            PipelineLayout layout;
            if (root.TryGetProperty("pipeline", out var pipeline))
            {
                layout = PipelineLayoutReader.Read(pipeline, reader, "pipeline");
            }
            else
            {
                reader.Error("pipeline", "required section is missing");
                layout = new PipelineLayout([], [], PipelineLayout.DefaultDrainTimeout);
            }

            var feed = ReadFeed(root, reader);
            var reportMs = reader.Integer(root, string.Empty, "reportIntervalMs", 1000, 50, 3_600_000);
            reader.ThrowIfAny();
            return new HostConfig(source, layout, feed, TimeSpan.FromMilliseconds(reportMs));
        }
    }

    private static SyntheticFeedOptions ReadFeed(JsonElement root, JsonSectionReader reader)
    {
        var defaults = new SyntheticFeedOptions(64, 42, 0, 256);
        if (!root.TryGetProperty("feed", out var feed) || !reader.ExpectObject(feed, "feed"))
        {
            return defaults;
        }

        reader.RejectUnknown(feed, "feed", "kind", "instruments", "seed", "eventsPerSecond", "batchSize");
        var kind = reader.String(feed, "feed", "kind", required: false) ?? "synthetic";
        if (kind != "synthetic")
        {
            reader.Error("feed.kind", $"unknown feed kind '{kind}' (expected: synthetic)");
        }

        return new SyntheticFeedOptions(
            (int)reader.Integer(feed, "feed", "instruments", defaults.Instruments, 1, 1_000_000),
            (ulong)reader.Integer(feed, "feed", "seed", (long)defaults.Seed, 0, long.MaxValue),
            reader.Integer(feed, "feed", "eventsPerSecond", defaults.EventsPerSecond, 0, 1_000_000_000),
            (int)reader.Integer(feed, "feed", "batchSize", defaults.BatchSize, 1, 65_536));
    }
}
