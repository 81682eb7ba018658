using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MultiAsset.Benchmarks.Latency;

/// <summary>
/// <c>./run.sh latency recovery [--records 50000000] [--snapshot-every 1000000] [--keep DIR]</c>: recovery time against
/// journal length. Runs the real host (the built binary) on the shipped trading configuration at full speed with an
/// async journal until it holds the requested number of records (<c>--digest-at</c> stops it there), then times
/// <c>--recover-only</c> twice over the same journal: from the newest snapshot plus the journal tail, and with snapshots
/// off (the whole journal replayed). Prints the host's own recovery line and the whole process's wall time.
/// </summary>
internal static partial class RecoveryHarness
{
    public static int Run(string[] args)
    {
        long records = 50_000_000;
        long snapshotEvery = 1_000_000;
        string? keep = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--records" when i + 1 < args.Length:
                    records = long.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--snapshot-every" when i + 1 < args.Length:
                    snapshotEvery = long.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--keep" when i + 1 < args.Length:
                    keep = Path.GetFullPath(args[++i]);
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: latency recovery [--records N] [--snapshot-every N] [--keep DIR]");
                    return 2;
            }
        }

        var directory = keep ?? Directory.CreateTempSubdirectory("mae-recovery-").FullName;
        Directory.CreateDirectory(directory);
        try
        {
            var journal = Path.Combine(directory, "journal");
            var withSnapshots = WriteConfig(directory, "snapshots.json", journal, snapshotEvery);
            var withoutSnapshots = WriteConfig(directory, "no-snapshots.json", journal, snapshotEvery: 0);
            if (!Directory.Exists(journal))
            {
                Console.WriteLine($"writing a journal of {records:N0} records (full speed, async journal, snapshot every {snapshotEvery:N0} events) ...");
                var (_, produced, output) = Host(withSnapshots, "--digest-at", (records - 1).ToString(CultureInfo.InvariantCulture));
                Console.WriteLine($"  done in {produced.TotalSeconds:F1} s; {Line(output, "Engine stopped")}");
            }

            var bytes = Directory.EnumerateFiles(journal, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"journal: {bytes / 1e9:F2} GB in {journal}");
            Console.WriteLine();
            Console.WriteLine("| recovery | host's own line | process wall time (start to exit) |");
            Console.WriteLine("|---|---|---|");
            Recover("after a clean stop: the final snapshot, no tail", withSnapshots);

            // As after a crash: the stop's final snapshot is not there, so the previous periodic one is restored and the
            // records after it (fewer than the snapshot interval) are replayed.
            var snapshots = Path.Combine(journal, "snapshots");
            var newest = Directory.GetFiles(snapshots, "*.snap").Order(StringComparer.Ordinal).Last();
            var aside = Path.Combine(directory, Path.GetFileName(newest));
            File.Move(newest, aside);
            try
            {
                Recover("as after a crash: the previous snapshot + the journal tail", withSnapshots);
            }
            finally
            {
                File.Move(aside, newest);
            }

            Recover("whole journal replayed (snapshots off)", withoutSnapshots);

            return 0;
        }
        finally
        {
            if (keep is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static void Recover(string name, string config)
    {
        var (code, elapsed, output) = Host(config, "--recover-only");
        Console.WriteLine($"| {name} | {RecoveryLines(output)} | {elapsed.TotalSeconds:F2} s{(code == 0 ? string.Empty : $" (exit {code})")} |");
    }

    private static string WriteConfig(string directory, string name, string journal, long snapshotEvery)
    {
        var config = JsonNode.Parse(File.ReadAllText(RepoFiles.PathOf("config/engine.fast.json")))!.AsObject();
        string Absolute(string file) => RepoFiles.PathOf(Path.Combine("config", file));
        config["marketData"]!["instruments"] = Absolute(config["marketData"]!["instruments"]!.GetValue<string>());
        foreach (var key in new[] { "accounts", "risk", "coordination", "venues" })
        {
            config[key] = Absolute(config[key]!.GetValue<string>());
        }

        config["strategies"]!["directory"] = Absolute(config["strategies"]!["directory"]!.GetValue<string>());
        config["pipeline"]!["threads"] = JsonNode.Parse("""[ { "name": "engine", "stages": ["engine"] }, { "name": "journal", "stages": ["journal"] } ]""");
        config["journal"] = new JsonObject { ["directory"] = journal, ["durability"] = "async", ["segmentSize"] = "256MiB", ["compress"] = false };
        config["snapshots"] = snapshotEvery > 0
            ? new JsonObject { ["everyEvents"] = snapshotEvery, ["everySeconds"] = 0, ["keep"] = 3 }
            : new JsonObject { ["enabled"] = false };
        config["control"] = new JsonObject { ["enabled"] = false };
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    private static (int Code, TimeSpan Elapsed, string Output) Host(string config, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(RepoFiles.PathOf("engine/MultiAsset.Host/bin/Release/net10.0/MultiAsset.Host.dll"));
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(config);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, Stopwatch.GetElapsedTime(started), output.Result + error.Result);
    }

    private static string Line(string output, string marker)
        => output.Split('\n').LastOrDefault(l => l.Contains(marker, StringComparison.Ordinal))?.Trim() ?? "(no line)";

    private static string RecoveryLines(string output)
        => string.Join("; ", RecoveryPattern().Matches(output).Select(m => m.Groups[1].Value.Trim()));

    [GeneratedRegex(@"(?:info|warn): MultiAsset\.[A-Za-z.]+\[\d+\] ((?:[Rr]ecovered|[Rr]estored|[Ss]napshot)[^\n]*)")]
    private static partial Regex RecoveryPattern();
}
