using System.Globalization;
using System.Text.RegularExpressions;
using MultiAsset.Engine.Journal.Snapshots;

namespace MultiAsset.Host.Tests.Snapshots;

/// <summary>
/// Recovery = newest valid snapshot + journal tail, with the real host: a journalled run with frequent snapshots is
/// killed with SIGKILL; recovering from the snapshots gives every stage the same digest as replaying the whole journal,
/// and appends nothing. Then the newest snapshot is damaged and two impostors are added (one of another configuration,
/// one ahead of the journal): all three are skipped with their reason, the previous snapshot is used, and the digests
/// are still those of the full replay.
/// </summary>
[Trait("Category", "Crash")]
public sealed partial class SnapshotRecoveryTests : IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(90);
    private static readonly string[] Stages = ["marketdata", "accounts", "signals", "coordination", "risk", "router"];
    private readonly string directory = Directory.CreateTempSubdirectory("mae-snaprec-").FullName;

    [Fact]
    public void Recovery_from_the_newest_valid_snapshot_plus_the_journal_tail_equals_a_full_replay()
    {
        var withSnapshots = Config("engine.json", """{ "everyEvents": 20000, "everySeconds": 0, "keep": 3 }""");
        var fullReplay = Config("full.json", """{ "enabled": false }""");
        var snapshots = Path.Combine(directory, "journal", SnapshotOptionsReader.DefaultFolder);
        RunUntilSnapshotsThenKill(withSnapshots, snapshots, count: 3);

        var full = RunToExit(fullReplay, "--recover-only");
        var records = Recovered(full);
        var expected = Digests(full);
        Assert.Equal(Stages.Length, expected.Count);
        Assert.DoesNotContain("restored snapshot", full, StringComparison.Ordinal);

        var newest = SnapshotStore.List(snapshots)[0];
        Assert.True(newest.Sequence < records, $"newest snapshot {newest.Sequence} should leave a journal tail before {records}");
        var fromSnapshot = RunToExit(withSnapshots, "--recover-only");
        Assert.Contains($"restored snapshot {newest.Path}", fromSnapshot, StringComparison.Ordinal);
        Assert.Equal(records, Recovered(fromSnapshot));
        Assert.Equal(expected, Digests(fromSnapshot));

        // Damage the newest, add one of another configuration and one ahead of the journal: the previous one is used.
        var list = SnapshotStore.List(snapshots);
        var (newestSequence, newestPath) = list[0];
        var previous = list[1];
        Assert.True(SnapshotFile.TryRead(newestPath, out var header, out var contents, out _));
        var body = contents.AsSpan(SnapshotHeader.Size).ToArray();
        var foreign = Path.Combine(directory, "foreign");
        var aheadPath = SnapshotFile.Write(snapshots, header.Fingerprint, records + 1000, header.CreatedNanoseconds, body);
        var foreignPath = Path.Combine(snapshots, SnapshotFile.Name(newestSequence + 1));
        File.Move(SnapshotFile.Write(foreign, header.Fingerprint ^ 1, newestSequence + 1, header.CreatedNanoseconds, body), foreignPath);
        contents[SnapshotHeader.Size + (body.Length / 2)] ^= 0x40;
        File.WriteAllBytes(newestPath, contents);
        // One written by another build of the stages (a field list in its type table differs), between the newest
        // and the previous one: skipped before any stage is touched, so the previous one still restores cleanly.
        var otherBuild = body.ToArray();
        otherBuild[^(StateTypeTable.FooterSize + 1)] ^= 0x01;
        var otherBuildPath = SnapshotFile.Write(snapshots, header.Fingerprint, (newestSequence + previous.Sequence) / 2, header.CreatedNanoseconds, otherBuild);

        var fallback = RunToExit(withSnapshots, "--recover-only");
        Assert.Matches($"Snapshot {Regex.Escape(aheadPath)} skipped: it covers {records + 1000} records but the journal holds only {records}", fallback);
        Assert.Matches($"Snapshot {Regex.Escape(foreignPath)} skipped: it was taken with another configuration", fallback);
        Assert.Matches($"Snapshot {Regex.Escape(newestPath)} skipped: the body's CRC does not match", fallback);
        Assert.Matches($"Snapshot {Regex.Escape(otherBuildPath)} skipped: it was written by another build of the stages", fallback);
        Assert.Contains($"restored snapshot {previous.Path}", fallback, StringComparison.Ordinal);
        Assert.Equal(records, Recovered(fallback));
        Assert.Equal(expected, Digests(fallback));
    }

    [Fact]
    public void With_segment_retention_the_journal_before_the_oldest_snapshot_goes_and_recovery_still_equals_an_uninterrupted_run()
    {
        var journal = Path.Combine(directory, "journal");
        var config = Config("engine.json", """{ "everyEvents": 50000, "everySeconds": 0, "keep": 2, "segments": "delete" }""", segmentSize: "1MiB");
        var reference = Config("reference.json", """{ "enabled": false }""", withJournal: false);
        RunToExit(config, "--duration", "4");

        var first = Directory.GetFiles(journal, "*.journal*").Select(f => long.Parse(Path.GetFileName(f)[..20], CultureInfo.InvariantCulture)).Min();
        Assert.True(first > 0, "the first segments should have been deleted");
        var recovered = RunToExit(config, "--recover-only");
        Assert.Contains("restored snapshot", recovered, StringComparison.Ordinal);
        var records = Recovered(recovered);
        Assert.True(SnapshotStore.List(Path.Combine(journal, SnapshotOptionsReader.DefaultFolder))[^1].Sequence >= first);

        var expected = Digests(RunToExit(reference, "--digest-at", (records - 1).ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(Stages.Length, expected.Count);
        Assert.Equal(expected, Digests(recovered));
    }

    private string Config(string name, string snapshots, string segmentSize = "4MiB", bool withJournal = true)
    {
        var journal = Path.Combine(directory, "journal");
        var path = Path.Combine(directory, name);
        var stages = withJournal ? "\"journal\", \"engine\"" : "\"engine\"";
        var journalSections = withJournal
            ? $$""", "journal": { "directory": "{{journal}}", "durability": "sync", "segmentSize": "{{segmentSize}}" }, "snapshots": {{snapshots}}"""
            : string.Empty;
        File.WriteAllText(path, $$"""
            { "pipeline": { "rings": [ { "name": "input", "size": 4096, "producer": "Multi" } ], "threads": [ { "name": "engine", "stages": [{{stages}}] } ] },
              "marketData": { "instruments": "{{SnapshotTestEngine.Shipped("instruments.json")}}",
                              "feeds": [ { "type": "synthetic", "seed": 11, "eventsPerSecond": 100000,
                                           "time": { "mode": "simulated", "start": "2026-03-02T14:30:00Z", "step": "250ms" } } ] },
              "accounts": "{{SnapshotTestEngine.Shipped("accounts.json")}}", "risk": "{{SnapshotTestEngine.Shipped("risk.json")}}",
              "coordination": "{{SnapshotTestEngine.Shipped("coordination.json")}}", "venues": "{{SnapshotTestEngine.Shipped("venues.json")}}",
              "strategies": { "directory": "{{SnapshotTestEngine.Shipped("strategies")}}" },
              "reportIntervalMs": 50{{journalSections}} }
            """);
        return path;
    }

    /// <summary>Runs the host until <paramref name="count"/> snapshots are on disk, waits a little more (a journal tail), then SIGKILLs it.</summary>
    private static void RunUntilSnapshotsThenKill(string config, string snapshots, int count)
    {
        using var process = HostProcess.Start("--config", config);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var enough = SpinWait.SpinUntil(() => SnapshotStore.List(snapshots).Count >= count || process.HasExited, ProcessTimeout);
        Thread.Sleep(150);
        var exited = process.HasExited;
        process.Kill();
        process.WaitForExit();
        Assert.True(enough && !exited, $"the engine did not write {count} snapshots (exited: {exited})");
    }

    private static string RunToExit(string config, params string[] args)
    {
        using var process = HostProcess.Start(["--config", config, .. args]);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(ProcessTimeout), $"'{string.Join(' ', args)}' did not finish");
        Assert.True(process.ExitCode == 0, $"'{string.Join(' ', args)}' exited {process.ExitCode}:\n{output.Result}\n{error.Result}");
        return output.Result + error.Result;
    }

    private static long Recovered(string output) => long.Parse(RecoveredPattern().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Digests(string output)
        => DigestPattern().Matches(output).ToDictionary(m => m.Groups[1].Value, m => $"{m.Groups[2].Value}={m.Groups[3].Value}");

    [GeneratedRegex(@"recovered (\d+) journal records")]
    private static partial Regex RecoveredPattern();

    [GeneratedRegex(@"digest (\w+)@(-?\d+) = ([0-9a-f]{16})")]
    private static partial Regex DigestPattern();

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
