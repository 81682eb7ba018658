using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MultiAsset.Host.Tests;

/// <summary>
/// The crash test: run the engine with a journal in a child process, kill it with SIGKILL at a random moment, recover
/// it from the journal, and compare every stage's recovered digest with an uninterrupted run stopped at the same
/// sequence. Equal digests mean the state was rebuilt exactly; the recovered sequence must also cover everything the
/// killed process had acknowledged. <c>MAE_CRASH_TRIALS</c> sets the number of trials (default 20).
/// </summary>
[Trait("Category", "Crash")]
public partial class CrashRecoveryTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(90);

    public static TheoryData<string> Durabilities => new() { "async", "sync" };

    [Theory]
    [MemberData(nameof(Durabilities))]
    public void KilledEngine_RecoversTheExactStateFromItsJournal(string durability)
    {
        var trials = int.TryParse(Environment.GetEnvironmentVariable("MAE_CRASH_TRIALS"), CultureInfo.InvariantCulture, out var n) ? n : 20;
        var random = new Random(durability == "sync" ? 7 : 3);
        for (var trial = 0; trial < Math.Max(1, trials / 2); trial++)
        {
            RunTrial(durability, random, trial);
        }
    }

    private static void RunTrial(string durability, Random random, int trial)
    {
        var directory = Directory.CreateTempSubdirectory("mae-crash-").FullName;
        try
        {
            var journal = Path.Combine(directory, "journal");
            var withJournal = WriteConfig(directory, "engine.json", durability, journal);
            var reference = WriteConfig(directory, "reference.json", durability, journal: null);

            // 1. Run and kill at a random moment after the journal has acknowledged something.
            var lastAck = RunAndKill(withJournal, TimeSpan.FromMilliseconds(random.Next(50, 900)));

            // 2. Recover from the journal only.
            var recovered = RunToExit(withJournal, "--recover-only");
            var records = long.Parse(RecoveredPattern().Match(recovered).Groups[1].Value, CultureInfo.InvariantCulture);
            var recoveredDigests = Digests(recovered);
            Assert.True(recoveredDigests.Count == Stages.Length, $"trial {trial}: not every stage's digest in recovery output:\n{recovered}");
            Assert.True(records - 1 >= lastAck, $"trial {trial}: acknowledged sequence {lastAck} was lost (recovered {records} records)");

            // 3. The same input, uninterrupted, digested at the same sequence.
            var sequence = records - 1;
            var expected = RunToExit(reference, "--digest-at", sequence.ToString(CultureInfo.InvariantCulture));
            var expectedDigests = Digests(expected);
            Assert.True(expectedDigests.Count == Stages.Length, $"trial {trial}: not every stage's digest in reference output:\n{expected}");
            foreach (var stage in Stages)
            {
                Assert.Equal((sequence, expectedDigests[stage].Digest), recoveredDigests[stage]);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string WriteConfig(string directory, string name, string durability, string? journal)
    {
        // Sync: the journaller gates the market-data stage, so both run fused on one thread. Async: they run beside each
        // other, so each needs a thread of its own.
        var threads = journal is null ? """{ "name": "engine", "stages": ["engine"] }"""
            : durability == "sync" ? """{ "name": "engine", "stages": ["journal", "engine"] }"""
            : """{ "name": "engine", "stages": ["engine"] }, { "name": "journal", "stages": ["journal"] }""";
        var journalSection = journal is null
            ? string.Empty
            : $$""", "journal": { "directory": "{{journal}}", "durability": "{{durability}}", "segmentSize": "4MiB" }""";
        var instruments = Path.Combine(AppContext.BaseDirectory, "config", "instruments.json");
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, $$"""
            { "pipeline": { "rings": [ { "name": "input", "size": 4096 }, { "name": "intents", "size": 65536 }, { "name": "orders", "size": 65536 } ],
                            "threads": [ {{threads}} ] },
              "marketData": { "instruments": "{{instruments}}",
                              "feeds": [ { "type": "synthetic", "seed": 11, "eventsPerSecond": 200000,
                                           "time": { "mode": "simulated", "start": "2026-03-02T14:30:00Z", "step": "250ms" } } ] },
              "accounts": "{{Shipped("accounts.json")}}", "risk": "{{Shipped("risk.json")}}", "coordination": "{{Shipped("coordination.json")}}", "venues": "{{Shipped("venues.json")}}",
              "strategies": { "directory": "{{Shipped("strategies")}}" },
              "reportIntervalMs": 50{{journalSection}} }
            """);
        return path;
    }

    private static string Shipped(string name) => Path.Combine(AppContext.BaseDirectory, "config", name);

    /// <summary>Starts the engine, lets it run for <paramref name="after"/> past its first acknowledgement, SIGKILLs it; returns the last acknowledged sequence it printed.</summary>
    private static long RunAndKill(string config, TimeSpan after)
    {
        using var process = HostProcess.Start("--config", config);
        long lastAck = -1;
        var firstAck = new ManualResetEventSlim();
        process.OutputDataReceived += (_, e) =>
        {
            var match = e.Data is null ? Match.Empty : AckPattern().Match(e.Data);
            if (match.Success)
            {
                Interlocked.Exchange(ref lastAck, long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
                firstAck.Set();
            }
        };
        process.BeginOutputReadLine();
        Assert.True(firstAck.Wait(ProcessTimeout), "the engine never acknowledged a journal record");
        Thread.Sleep(after);
        var acknowledged = Interlocked.Read(ref lastAck);
        process.Kill(); // SIGKILL: no shutdown hooks, no flush
        process.WaitForExit();
        firstAck.Dispose();
        return acknowledged;
    }

    private static string RunToExit(string config, params string[] args)
    {
        using var process = HostProcess.Start(["--config", config, .. args]);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(ProcessTimeout), $"'{string.Join(' ', args)}' did not finish");
        Assert.True(process.ExitCode == 0, $"'{string.Join(' ', args)}' exited {process.ExitCode}:\n{output.Result}\n{error.Result}");
        return output.Result;
    }

    [GeneratedRegex(@"journal ack (\d+)")]
    private static partial Regex AckPattern();

    [GeneratedRegex(@"recovered (\d+) journal records")]
    private static partial Regex RecoveredPattern();

    /// <summary>Every stage that owns state: each must come back exactly.</summary>
    private static readonly string[] Stages = ["marketdata", "accounts", "signals", "coordination", "risk", "router"];

    private static Dictionary<string, (long Sequence, string Digest)> Digests(string output)
        => DigestPattern().Matches(output).ToDictionary(
            m => m.Groups[1].Value,
            m => (long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), m.Groups[3].Value));

    [GeneratedRegex(@"digest (\w+)@(-?\d+) = ([0-9a-f]{16})")]
    private static partial Regex DigestPattern();
}
