using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace MultiAsset.Host.Tests.Durability;

/// <summary>
/// A real host process with the control API on ephemeral ports: the configuration it runs, where its REST API
/// listens (read from its log), its output lines, and an HTTP client with the dev admin key.
/// </summary>
internal sealed partial class ControlledHost : IDisposable
{
    /// <summary>The dev admin key (its SHA-256 is in <see cref="WriteConfig"/>).</summary>
    public const string AdminKey = "mae-dev-admin-key";

    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();

    private ControlledHost(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        Http.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Process Process { get; }

    public HttpClient Http { get; }

    /// <summary>Everything the host printed so far (stdout and stderr).</summary>
    public string Output => string.Join('\n', lines);

    /// <summary>Starts the host with <paramref name="args"/>.</summary>
    public static ControlledHost Start(params string[] args) => new(HostProcess.Start(args));

    /// <summary>The REST base address once the control API logged it (null if it did not within the timeout).</summary>
    public Uri? WaitForApi(TimeSpan timeout) => listening.Task.Wait(timeout) ? listening.Task.Result : null;

    /// <summary>Waits for the process to end; returns its exit code.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        Assert.True(Process.WaitForExit(timeout), $"the host did not exit within {timeout}:\n{Output}");
        Process.WaitForExit();
        return Process.ExitCode;
    }

    /// <summary>
    /// An engine configuration in <paramref name="directory"/>: the shipped accounts, limits, venues and strategies, a
    /// simulated-time synthetic feed (deterministic), optionally a journal and the control API on ports 0.
    /// </summary>
    public static string WriteConfig(string directory, string name, string? journal, bool control, string durability = "sync", int eventsPerSecond = 200_000)
    {
        var threads = journal is null ? """{ "name": "engine", "stages": ["engine"] }"""
            : durability == "sync" ? """{ "name": "engine", "stages": ["journal", "engine"] }"""
            : """{ "name": "engine", "stages": ["engine"] }, { "name": "journal", "stages": ["journal"] }""";
        var journalSection = journal is null
            ? string.Empty
            : $$""", "journal": { "directory": "{{journal}}", "durability": "{{durability}}", "segmentSize": "4MiB" }""";
        var controlSection = $$"""
            , "control": { "enabled": {{(control ? "true" : "false")}}, "listen": "127.0.0.1:0", "grpcListen": "127.0.0.1:0", "commandTimeoutMs": 10000,
                           "apiKeys": [ { "name": "dev-admin", "role": "admin", "sha256": "1151ed2b21a1f4163f9ee78dbf5ccac22b8afb5399d694e13e38dd9f3970a345" } ] }
            """;
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, $$"""
            { "pipeline": { "rings": [ { "name": "input", "size": 4096 }, { "name": "intents", "size": 65536 }, { "name": "orders", "size": 65536 } ],
                            "threads": [ {{threads}} ] },
              "marketData": { "instruments": "{{Shipped("instruments.json")}}",
                              "feeds": [ { "type": "synthetic", "seed": 11, "eventsPerSecond": {{eventsPerSecond.ToString(CultureInfo.InvariantCulture)}},
                                           "time": { "mode": "simulated", "start": "2026-03-02T14:30:00Z", "step": "250ms" } } ] },
              "accounts": "{{Shipped("accounts.json")}}", "risk": "{{Shipped("risk.json")}}", "coordination": "{{Shipped("coordination.json")}}", "venues": "{{Shipped("venues.json")}}",
              "strategies": { "directory": "{{Shipped("strategies")}}" },
              "reportIntervalMs": 50{{journalSection}}{{controlSection}} }
            """);
        return path;
    }

    /// <summary>Every <c>digest stage@N = …</c> line of <paramref name="output"/>, by stage.</summary>
    public static Dictionary<string, (long Sequence, string Digest)> Digests(string output)
        => DigestPattern().Matches(output).ToDictionary(
            m => m.Groups[1].Value,
            m => (long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), m.Groups[3].Value));

    /// <summary>The record count a recovery logged (-1 when none).</summary>
    public static long RecoveredRecords(string output)
        => RecoveredPattern().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    /// <summary>The last journal acknowledgement the status line printed (-1 when none).</summary>
    public long LastAcknowledged()
        => lines.Select(l => AckPattern().Match(l)).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max();

    /// <summary>SIGKILL: no shutdown hooks, no flush.</summary>
    public void Kill()
    {
        Process.Kill();
        Process.WaitForExit();
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Kill();
        }

        Http.Dispose();
        Process.Dispose();
    }

    private static string Shipped(string name) => Path.Combine(AppContext.BaseDirectory, "config", name);

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lines.Enqueue(line);
        if (ListeningPattern().Match(line) is { Success: true } m)
        {
            listening.TrySetResult(new Uri(m.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"REST (http://[0-9.:]+)/api/multi-asset")]
    private static partial Regex ListeningPattern();

    [GeneratedRegex(@"digest (\w+)@(-?\d+) = ([0-9a-f]{16})")]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"recovered (\d+) journal records")]
    private static partial Regex RecoveredPattern();

    [GeneratedRegex(@"journal ack (\d+)")]
    private static partial Regex AckPattern();
}
