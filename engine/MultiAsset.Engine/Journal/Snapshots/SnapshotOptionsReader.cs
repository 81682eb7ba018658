using System.Text.Json;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>
/// Reads the <c>snapshots</c> section of engine.json:
/// <code>
/// "snapshots": { "enabled": true, "directory": "data/journal/snapshots", "everyEvents": 1000000, "everySeconds": 60,
///                "pauseBudgetPercent": 1, "keep": 3, "segments": "keep" | "delete" | "archive", "archiveDirectory": "data/journal-archive" }
/// </code>
/// Every field is optional; with a journal and no section, snapshots are on with the defaults. Relative directories
/// are relative to <c>baseDirectory</c>. Every problem is recorded with its path.
/// </summary>
public static class SnapshotOptionsReader
{
    /// <summary>Name of the snapshot folder inside the journal directory (the default location).</summary>
    public const string DefaultFolder = "snapshots";

    /// <summary>Reads <paramref name="section"/> (null: the defaults) for a journal in <paramref name="journalDirectory"/>.</summary>
    public static SnapshotOptions? Read(JsonElement? section, JsonSectionReader reader, string path, string baseDirectory, string journalDirectory)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(journalDirectory);
        var fallback = Path.Combine(journalDirectory, DefaultFolder);
        if (section is not { } obj)
        {
            return new SnapshotOptions { Directory = fallback };
        }

        if (!reader.ExpectObject(obj, path))
        {
            return null;
        }

        reader.RejectUnknown(obj, path, "enabled", "directory", "everyEvents", "everySeconds", "pauseBudgetPercent", "keep", "segments", "archiveDirectory");
        var enabled = reader.Boolean(obj, path, "enabled", fallback: true);

        var directory = reader.String(obj, path, "directory", required: false);
        var everyEvents = reader.Integer(obj, path, "everyEvents", SnapshotOptions.DefaultEveryEvents, 0, long.MaxValue);
        var everySeconds = reader.Integer(obj, path, "everySeconds", SnapshotOptions.DefaultEverySeconds, 0, 7 * 24 * 3600);
        if (enabled && everyEvents == 0 && everySeconds == 0)
        {
            reader.Error(path, "everyEvents and everySeconds are both 0: no snapshot would ever be taken (set \"enabled\": false to turn snapshots off)");
        }

        var budget = SnapshotOptions.DefaultPauseBudgetPercent;
        if (obj.TryGetProperty("pauseBudgetPercent", out var budgetElement))
        {
            if (budgetElement.ValueKind == JsonValueKind.Number && budgetElement.TryGetDouble(out var value) && value > 0 && value <= 100)
            {
                budget = value;
            }
            else
            {
                reader.Error(JsonSectionReader.Join(path, "pauseBudgetPercent"), $"expected a number in (0, 100] but found {budgetElement.GetRawText()}");
            }
        }

        var keep = (int)reader.Integer(obj, path, "keep", SnapshotOptions.DefaultKeep, 1, 1000);
        var segments = reader.Enum(obj, path, "segments", SegmentRetention.Keep);
        var archive = reader.String(obj, path, "archiveDirectory", required: false);
        if (segments == SegmentRetention.Archive && archive is null)
        {
            reader.Error(JsonSectionReader.Join(path, "archiveDirectory"), "required when segments is \"archive\"");
        }

        return new SnapshotOptions
        {
            Enabled = enabled,
            Directory = directory is null ? fallback : Path.GetFullPath(directory, baseDirectory),
            EveryEvents = everyEvents,
            Every = TimeSpan.FromSeconds(everySeconds),
            PauseBudgetPercent = budget,
            Keep = keep,
            Segments = segments,
            ArchiveDirectory = archive is null ? null : Path.GetFullPath(archive, baseDirectory),
        };
    }
}
