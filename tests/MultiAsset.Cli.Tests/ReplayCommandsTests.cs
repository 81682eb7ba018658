using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Cli.Tests;

/// <summary>
/// <c>maectl replay diff</c> runs the host's <c>replay-diff</c> verb and passes its arguments, output and exit code
/// through (the replay itself is tested in the host's ReplayDiffTests).
/// </summary>
public sealed class ReplayCommandsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("maectl-replay-").FullName;

    public ReplayCommandsTests()
    {
        using var writer = JournalWriter.Open(new JournalOptions { Directory = Journal, Durability = JournalDurability.Sync });
        for (var i = 0; i < 10; i++)
        {
            var evt = default(InputEvent);
            evt.SetQuote(new InstrumentId(i % 2), 1_772_461_800_000_000_000 + (i * 1_000_000_000L), Price.Parse("100.25"), Price.Parse("100.50"), Quantity.Parse("1"), Quantity.Parse("2"));
            writer.Append(i, evt.Timestamp, in evt);
        }

        writer.Flush();
    }

    private string Journal => Path.Combine(directory, "journal");

    [Fact]
    public async Task The_same_configuration_on_both_sides_is_identical_exit_0()
    {
        var (code, output, error) = await MaectlRunner.RunAsync("replay", "diff", "--journal", Journal, "--config", RepositoryConfig());

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains(": 10 records from record 0", output, StringComparison.Ordinal);
        Assert.EndsWith("IDENTICAL" + Environment.NewLine, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_reaches_the_replay()
    {
        var (code, output, _) = await MaectlRunner.RunAsync("replay", "diff", "--journal", Journal, "--config", RepositoryConfig(), "--json");

        Assert.Equal(0, code);
        var json = System.Text.Json.Nodes.JsonNode.Parse(output)!;
        Assert.True(json["identical"]!.GetValue<bool>());
        Assert.Equal(10, json["records"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_missing_journal_is_bad_input_exit_2_in_one_line()
    {
        var (code, output, error) = await MaectlRunner.RunAsync("replay", "diff", "--journal", Path.Combine(directory, "none"), "--config", RepositoryConfig());

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"replay diff: {Path.Combine(directory, "none")}: journal directory not found", error.TrimEnd());
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string RepositoryConfig()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "MultiAsset.Engine.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("repository not found"), "config", "engine.json");
    }
}
