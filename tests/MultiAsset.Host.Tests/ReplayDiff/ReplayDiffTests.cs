using System.Text.Json.Nodes;
using MultiAsset.Host.ReplayDiff;
using MultiAsset.Host.Tests.Snapshots;

namespace MultiAsset.Host.Tests.ReplayDiff;

/// <summary>
/// <c>replay-diff</c> on a real journal: a journalled run of the shipped strategies on the synthetic market (simulated
/// time, a bounded number of events) replayed with its own configuration (identical, exit 0), with a tightened risk
/// limit (the first divergence is the input at which the first order is refused; the refused orders are listed), with
/// one strategy's parameters changed (only that strategy's orders differ), and with bad input (exit 2, one line).
/// </summary>
public sealed class ReplayDiffTests(RecordedJournal recorded) : IClassFixture<RecordedJournal>
{
    [Fact]
    public async Task The_recorded_configuration_replays_identically_and_exits_0()
    {
        var (code, output, error) = await Run("--journal", recorded.Journal, "--config", recorded.Config, "--json");

        Assert.Equal("", error);
        Assert.Equal(ReplayDiffCommand.Identical, code);
        var json = JsonNode.Parse(output)!;
        Assert.True(json["identical"]!.GetValue<bool>());
        Assert.Null(json["firstDivergence"]);
        Assert.Equal(recorded.Records, json["records"]!.GetValue<long>());
        Assert.Empty(json["orders"]!.AsArray());
        Assert.Empty(json["fills"]!.AsArray());
        // The run traded: an identical result over nothing would prove nothing.
        Assert.True(json["a"]!["orders"]!.GetValue<int>() > 10, output);
        Assert.True(json["a"]!["fills"]!.GetValue<int>() > 10, output);
        Assert.Equal(json["a"]!["digests"]!.ToJsonString(), json["b"]!["digests"]!.ToJsonString());
    }

    [Fact]
    public void A_side_replays_to_the_state_recovery_rebuilds()
    {
        var result = ReplayDiffRunner.Run(new ReplayDiffRequest { Journal = recorded.Journal, ConfigA = recorded.Config });

        // Recovery's own path: a fresh engine of the configuration, the journal replayed through its input ring.
        var recoveryConfig = SnapshotTestEngine.WriteConfig(System.IO.Directory.CreateDirectory(Path.Combine(recorded.Directory, "recovery")).FullName, journal: false);
        using var engine = SnapshotTestEngine.Build(recoveryConfig);
        engine.Pipeline.Start();
        SnapshotTestEngine.Replay(engine, recorded.Journal, 0, recorded.Records);
        var recovered = SnapshotTestEngine.Digests(engine);
        engine.Pipeline.Stop();

        Assert.Equal(recovered, result.A.Digests);
    }

    [Fact]
    public async Task A_tighter_order_rate_diverges_where_the_first_order_is_refused()
    {
        var tight = Path.Combine(recorded.Directory, "tight-risk.json");
        var risk = JsonNode.Parse(File.ReadAllText(SnapshotTestEngine.Shipped("risk.json")))!;
        risk["global"]!["orderRate"] = JsonNode.Parse("""{ "maxOrders": 3, "window": "1m" }""");
        File.WriteAllText(tight, risk.ToJsonString());

        var (code, output, error) = await Run("--journal", recorded.Journal, "--config", recorded.Config, "--risk", tight, "--json");

        Assert.Equal("", error);
        Assert.Equal(ReplayDiffCommand.Different, code);
        var result = JsonNode.Parse(output)!;
        Assert.Equal(0, result["a"]!["refused"]!.GetValue<int>());
        Assert.True(result["b"]!["refused"]!.GetValue<int>() > 0, output);
        var refusals = result["orders"]!.AsArray()
            .Where(o => o!["fields"]!.AsArray().Any(f => f!["field"]!.GetValue<string>() == "riskVerdict" && f["b"]!.GetValue<string>() == "OrderRate"))
            .ToList();
        Assert.NotEmpty(refusals);
        var first = result["firstDivergence"]!;
        Assert.Equal("verdict", first["what"]!.GetValue<string>());
        Assert.Equal(refusals.Min(o => o!["sequence"]!.GetValue<long>()), first["sequence"]!.GetValue<long>());
        Assert.Equal(refusals[0]!["key"]!.GetValue<string>(), first["key"]!.GetValue<string>());
        Assert.EndsWith("→ OrderRate", first["b"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("→ Accepted", first["a"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(first["firstStage"]!.GetValue<string>());
        // Each refused order's fills exist in A only.
        var onlyInA = result["fills"]!.AsArray().Where(f => f!["change"]!.GetValue<string>() == "onlyInA").Select(f => f!["key"]!.GetValue<string>()).ToList();
        Assert.Contains(onlyInA, k => k.StartsWith(first["key"]!.GetValue<string>() + " fill#", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_readable_report_names_the_first_divergence_and_the_tables()
    {
        var tight = Path.Combine(recorded.Directory, "tight-risk-text.json");
        var risk = JsonNode.Parse(File.ReadAllText(SnapshotTestEngine.Shipped("risk.json")))!;
        risk["global"]!["orderRate"] = JsonNode.Parse("""{ "maxOrders": 3, "window": "1m" }""");
        File.WriteAllText(tight, risk.ToJsonString());

        var (code, output, _) = await Run("--journal", recorded.Journal, "--config", recorded.Config, "--risk", tight, "--rows", "5");

        Assert.Equal(ReplayDiffCommand.Different, code);
        Assert.Contains("FIRST DIVERGENCE at input ", output, StringComparison.Ordinal);
        Assert.Contains("ORDERS: ", output, StringComparison.Ordinal);
        Assert.Contains("FILLS: ", output, StringComparison.Ordinal);
        Assert.Contains("more (--rows N, or --json for all)", output, StringComparison.Ordinal);
        Assert.EndsWith("DIFFERENT" + Environment.NewLine, output, StringComparison.Ordinal);

        var (none, summary, error) = await Run("--journal", recorded.Journal, "--config", recorded.Config, "--risk", tight, "--rows", "0");
        Assert.Equal(ReplayDiffCommand.Different, none);
        Assert.Equal("", error);
        Assert.DoesNotContain("  change  ", summary, StringComparison.Ordinal);
        Assert.Contains("more (--rows N, or --json for all)", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_strategy_document_diverges_first_in_that_strategys_orders()
    {
        var strategy = JsonNode.Parse(File.ReadAllText(SnapshotTestEngine.Shipped("strategies/currency-momentum.json")))!;
        var allocation = strategy["allocation"]!.AsArray();
        allocation[0]!["targetWeight"] = 20;
        allocation[1]!["targetWeight"] = 80;
        var path = Path.Combine(recorded.Directory, "currency-momentum-80-20.json");
        File.WriteAllText(path, strategy.ToJsonString());

        var (code, output, error) = await Run("--journal", recorded.Journal, "--config", recorded.Config, "--strategy", path, "--json");

        Assert.Equal("", error);
        Assert.Equal(ReplayDiffCommand.Different, code);
        var result = JsonNode.Parse(output)!;
        var first = result["firstDivergence"]!;
        Assert.StartsWith("currency-momentum/currency-momentum/", first["key"]!.GetValue<string>(), StringComparison.Ordinal);
        // Its own orders are sized differently (or exist on one side only). Other strategies' orders may move too: they
        // share the venues (fills land differently) and coordination (conflicts, capital) with it.
        var own = result["orders"]!.AsArray().Where(o => o!["key"]!.GetValue<string>().StartsWith("currency-momentum/", StringComparison.Ordinal)).ToList();
        Assert.Contains(own, o => o!["change"]!.GetValue<string>() != "changed" || o["fields"]!.AsArray().Any(f => f!["field"]!.GetValue<string>() == "quantity"));
    }

    [Fact]
    public void Side_A_is_checked_against_the_configuration_of_the_journals_snapshot()
    {
        var copy = System.IO.Directory.CreateDirectory(Path.Combine(recorded.Directory, "journal-copy")).FullName;
        foreach (var file in System.IO.Directory.GetFiles(recorded.Journal))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)), overwrite: true);
        }

        var request = new ReplayDiffRequest { Journal = copy, ConfigA = recorded.Config, ToSequence = 100 };
        Assert.Null(ReplayDiffRunner.Run(request).ConfigAMatchesRecording);

        var snapshots = Path.Combine(copy, MultiAsset.Engine.Journal.Snapshots.SnapshotOptionsReader.DefaultFolder);
        var fingerprint = HostConfig.Load(recorded.Config).Fingerprint;
        var older = MultiAsset.Engine.Journal.Snapshots.SnapshotFile.Write(snapshots, fingerprint, 50, 0, new byte[16]);
        Assert.True(ReplayDiffRunner.Run(request).ConfigAMatchesRecording);

        var newer = MultiAsset.Engine.Journal.Snapshots.SnapshotFile.Write(snapshots, fingerprint ^ 1, 60, 0, new byte[16]);
        var other = ReplayDiffRunner.Run(request);
        Assert.False(other.ConfigAMatchesRecording);
        Assert.Equal(newer, other.RecordingSnapshot);
        Assert.NotEqual(older, newer);
    }

    [Theory]
    [InlineData("journal")]
    [InlineData("not-a-journal")]
    [InlineData("config")]
    [InlineData("risk-missing")]
    [InlineData("risk-invalid")]
    [InlineData("strategy-unknown")]
    [InlineData("option")]
    public async Task Bad_input_exits_2_with_one_clear_line(string what)
    {
        var invalid = Path.Combine(recorded.Directory, "invalid-risk.json");
        File.WriteAllText(invalid, """{ "global": { "maxOrderNotional": -5 } }""");
        var unknown = Path.Combine(recorded.Directory, "unknown-strategy.json");
        File.WriteAllText(unknown, """{ "id": "no-such-strategy" }""");
        string[] args = what switch
        {
            "journal" => ["--journal", Path.Combine(recorded.Directory, "no-journal"), "--config", recorded.Config],
            "not-a-journal" => ["--journal", System.IO.Directory.CreateDirectory(Path.Combine(recorded.Directory, "empty")).FullName, "--config", recorded.Config],
            "config" => ["--journal", recorded.Journal, "--config", Path.Combine(recorded.Directory, "no-engine.json")],
            "risk-missing" => ["--journal", recorded.Journal, "--config", recorded.Config, "--risk", Path.Combine(recorded.Directory, "no-risk.json")],
            "risk-invalid" => ["--journal", recorded.Journal, "--config", recorded.Config, "--risk", invalid],
            "strategy-unknown" => ["--journal", recorded.Journal, "--config", recorded.Config, "--strategy", unknown],
            _ => ["--journal", recorded.Journal, "--limits", "x"],
        };

        var (code, output, error) = await Run(args);

        Assert.Equal(ReplayDiffCommand.BadInput, code);
        Assert.Equal("", output);
        var first = error.Split('\n')[0];
        Assert.StartsWith("replay diff: ", first, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        var expected = what switch
        {
            "journal" => "journal directory not found",
            "not-a-journal" => "not a journal (it holds no journal segment)",
            "config" => "no-engine.json: file not found",
            "risk-missing" => "no-risk.json: file not found (given as --risk)",
            "risk-invalid" => "invalid-risk.json",
            "strategy-unknown" => "no strategy in the journal has the id (or name) of",
            _ => "unknown option '--limits'",
        };
        Assert.Contains(expected, first, StringComparison.Ordinal);
        if (what != "option")
        {
            Assert.Single(error.TrimEnd().Split('\n'));
        }
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ReplayDiffCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

/// <summary>A journal of the shipped strategies trading 20 000 synthetic market events, written once for the class.</summary>
public sealed class RecordedJournal : IDisposable
{
    private readonly TempDirectory directory = new("mae-replaydiff-");

    public RecordedJournal()
    {
        Config = SnapshotTestEngine.WriteConfig(directory.Path, journal: true);
        Records = SnapshotTestEngine.ProduceJournal(Config, 20_000).GetAwaiter().GetResult();
    }

    public string Directory => directory.Path;

    public string Config { get; }

    public string Journal => Path.Combine(directory.Path, "journal");

    public long Records { get; }

    public void Dispose() => directory.Dispose();
}
