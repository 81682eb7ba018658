using System.Text.Json;
using System.Text.Json.Nodes;
using MultiAsset.Cli.Journal;

namespace MultiAsset.Cli.Control;

/// <summary>
/// Makes a backtest spec self-contained before it is sent to a host: strategy files become inline documents, and
/// every other file name (data, imports' files and adjustments, instruments, accounts, venues, risk, coordination)
/// becomes an absolute path, resolved against the spec's folder as <c>./run.sh backtest</c> would. The host picks
/// the results folder, so an <c>output</c> is dropped (with a note).
/// </summary>
internal static class BacktestSpecPaths
{
    private static readonly string[] FileFields = ["instruments", "accounts", "venues", "risk", "coordination"];

    /// <summary>The spec at <paramref name="path"/>, self-contained; <paramref name="notes"/> gets what was changed for the caller's information.</summary>
    public static string Resolve(string path, TextWriter notes)
    {
        var text = ControlRunner.ReadFile(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        JsonObject root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new UsageException($"{path}: a backtest spec is a JSON object");
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{path}: not valid JSON: {ex.Message}");
        }

        string Absolute(string name) => Path.GetFullPath(name, folder);
        foreach (var field in FileFields)
        {
            if (root[field] is JsonValue value && value.TryGetValue<string>(out var name))
            {
                root[field] = Absolute(name);
            }
        }

        if (root["strategies"] is JsonArray strategies)
        {
            for (var i = 0; i < strategies.Count; i++)
            {
                if (strategies[i] is JsonValue value && value.TryGetValue<string>(out var name))
                {
                    var file = Absolute(name);
                    strategies[i] = JsonNode.Parse(ControlRunner.ReadFile(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                }
            }
        }

        if (root["data"] is JsonArray data)
        {
            for (var i = 0; i < data.Count; i++)
            {
                switch (data[i])
                {
                    case JsonValue value when value.TryGetValue<string>(out var name):
                        data[i] = Absolute(name);
                        break;
                    case JsonObject source:
                        foreach (var kind in new[] { "cache", "csv", "parquet" })
                        {
                            if (source[kind] is JsonValue file && file.TryGetValue<string>(out var name))
                            {
                                source[kind] = Absolute(name);
                            }
                        }

                        if (source["import"] is JsonValue importFile && importFile.TryGetValue<string>(out var importName))
                        {
                            // An import spec in a file: inline it, its paths relative to its own folder.
                            var specFile = Absolute(importName);
                            var import = JsonNode.Parse(ControlRunner.ReadFile(specFile)) as JsonObject ?? throw new UsageException($"{specFile}: an import spec is a JSON object");
                            source["import"] = ImportPaths(import, Path.GetDirectoryName(specFile)!);
                        }
                        else if (source["import"] is JsonObject import)
                        {
                            ImportPaths(import, folder);
                        }

                        break;
                }
            }
        }

        if (root.Remove("output"))
        {
            notes.WriteLine("maectl: note: the host writes a job's results to its own data/backtests/ID folder; the spec's \"output\" is not sent");
        }

        return root.ToJsonString();
    }

    private static JsonObject ImportPaths(JsonObject import, string folder)
    {
        if (import["files"] is JsonArray files)
        {
            for (var i = 0; i < files.Count; i++)
            {
                if (files[i] is JsonValue value && value.TryGetValue<string>(out var name))
                {
                    files[i] = Path.GetFullPath(name, folder);
                }
            }
        }

        if (import["adjustments"] is JsonValue adjustments && adjustments.TryGetValue<string>(out var file))
        {
            import["adjustments"] = Path.GetFullPath(file, folder);
        }

        return import;
    }
}
