using System.Text.Json;
using MultiAsset.Engine.Journal.Snapshots;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Tests.Journal.Snapshots;

public sealed class SnapshotOptionsReaderTests
{
    [Fact]
    public void Without_a_section_snapshots_are_on_with_the_defaults_beside_the_journal()
    {
        var options = SnapshotOptionsReader.Read(null, new JsonSectionReader("e.json"), "snapshots", "/cfg", "/data/journal")!;
        Assert.True(options.Enabled);
        Assert.Equal(Path.Combine("/data/journal", "snapshots"), options.Directory);
        Assert.Equal(SnapshotOptions.DefaultEveryEvents, options.EveryEvents);
        Assert.Equal(TimeSpan.FromSeconds(SnapshotOptions.DefaultEverySeconds), options.Every);
        Assert.Equal(SnapshotOptions.DefaultKeep, options.Keep);
        Assert.Equal(SegmentRetention.Keep, options.Segments);
        Assert.Equal(SnapshotOptions.DefaultPauseBudgetPercent, options.PauseBudgetPercent);
    }

    [Fact]
    public void Every_field_is_read()
    {
        var options = Read("""{ "directory": "snaps", "everyEvents": 5000, "everySeconds": 10, "pauseBudgetPercent": 2.5, "keep": 2, "segments": "archive", "archiveDirectory": "old" }""", out var reader)!;
        Assert.Empty(reader.Errors);
        Assert.Equal("/cfg/snaps", options.Directory);
        Assert.Equal(5000, options.EveryEvents);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Every);
        Assert.Equal(2.5, options.PauseBudgetPercent);
        Assert.Equal(2, options.Keep);
        Assert.Equal(SegmentRetention.Archive, options.Segments);
        Assert.Equal("/cfg/old", options.ArchiveDirectory);
    }

    [Theory]
    [InlineData("""{ "segments": "archive" }""", "e.json: snapshots.archiveDirectory: required when segments is \"archive\"")]
    [InlineData("""{ "everyEvents": 0, "everySeconds": 0 }""", "e.json: snapshots: everyEvents and everySeconds are both 0")]
    [InlineData("""{ "keep": 0 }""", "e.json: snapshots.keep")]
    [InlineData("""{ "pauseBudgetPercent": 0 }""", "e.json: snapshots.pauseBudgetPercent: expected a number in (0, 100] but found 0")]
    [InlineData("""{ "pauseBudgetPercent": "1%" }""", "e.json: snapshots.pauseBudgetPercent: expected a number in (0, 100]")]
    [InlineData("""{ "every": 5 }""", "e.json: snapshots.every")]
    [InlineData("""{ "segments": "shred" }""", "e.json: snapshots.segments: unknown value 'shred'")]
    public void Problems_are_reported_with_their_path(string json, string expected)
    {
        Read(json, out var reader);
        Assert.Contains(reader.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    private static SnapshotOptions? Read(string json, out JsonSectionReader reader)
    {
        reader = new JsonSectionReader("e.json");
        using var document = JsonDocument.Parse(json);
        return SnapshotOptionsReader.Read(document.RootElement.Clone(), reader, "snapshots", "/cfg", "/data/journal");
    }
}
