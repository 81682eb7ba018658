using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using HdrHistogram;

namespace MultiAsset.Benchmarks.Latency;

/// <summary>
/// <c>./run.sh latency reads [--rate 1000] [--seconds 20] [--rounds 3] [--config config/engine.fast.json]</c>: what reads
/// through the control API cost the engine. Runs the real host (the built binary) for a fixed time, alternating a run
/// with no client and a run with a client reading at a steady rate (status, strategies, accounts, risk, conflicts,
/// execution quality, metrics in turn), and compares the engine's average events/s (the host's own "Engine stopped"
/// line). Also reports the reads' round-trip percentiles (HdrHistogram) and their status codes. <c>--path</c> (repeatable)
/// reads only the given paths, to find which read costs what; <c>--host</c> measures another build of the host (before/after).
/// </summary>
internal static partial class ReadLoadHarness
{
    private static readonly string[] AllPaths =
    [
        "/api/multi-asset/status", "/api/multi-asset/strategies", "/api/multi-asset/accounts", "/api/multi-asset/risk/analysis",
        "/api/multi-asset/conflicts", "/api/multi-asset/execution/quality", "/metrics",
    ];

    private static string[] Paths = AllPaths;

    public static int Run(string[] args)
    {
        var rate = 1000;
        var seconds = 20;
        var rounds = 3;
        var config = RepoFiles.PathOf("config/engine.fast.json");
        var paths = new List<string>();
        var host = RepoFiles.PathOf("engine/MultiAsset.Host/bin/Release/net10.0/MultiAsset.Host.dll");
        int? clientNice = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rate" when i + 1 < args.Length:
                    rate = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--seconds" when i + 1 < args.Length:
                    seconds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--rounds" when i + 1 < args.Length:
                    rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--path" when i + 1 < args.Length:
                    paths.Add(args[++i]);
                    break;
                case "--client-nice" when i + 1 < args.Length:
                    clientNice = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--host" when i + 1 < args.Length:
                    host = Path.GetFullPath(args[++i]);
                    break;
                case "--config" when i + 1 < args.Length:
                    config = Path.GetFullPath(args[++i]);
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: latency reads [--rate N] [--seconds S] [--rounds R] [--config FILE] [--path /api/multi-asset/accounts ...] [--host MultiAsset.Host.dll] [--client-nice 19]");
                    return 2;
            }
        }

        Paths = paths.Count > 0 ? [.. paths] : AllPaths;
        var quiet = new List<double>();
        var loaded = new List<double>();
        var histogram = new LongHistogram(TimeSpan.TicksPerSecond * 10, 3);
        var statuses = new SortedDictionary<int, long>();
        for (var round = 0; round < rounds; round++)
        {
            quiet.Add(RunHost(host, config, seconds, 0, histogram, statuses, clientNice));
            loaded.Add(RunHost(host, config, seconds, rate, histogram, statuses, clientNice));
            Console.WriteLine($"round {round + 1}: no reads {quiet[^1]:N0} events/s, {rate} reads/s {loaded[^1]:N0} events/s");
        }

        var q = Median(quiet);
        var l = Median(loaded);
        Console.WriteLine();
        Console.WriteLine($"| reads/s | engine events/s (median of {rounds}) | change | read p50 | read p99 | read p99.9 | statuses |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine($"| 0 | {q:N0} | | | | | |");
        Console.WriteLine($"| {rate} | {l:N0} | {(l / q - 1) * 100:+0.0;-0.0} % | {Ms(histogram, 50)} ms | {Ms(histogram, 99)} ms | {Ms(histogram, 99.9)} ms | {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))} |");
        return 0;
    }

    /// <summary>Runs the host for <paramref name="seconds"/> with <paramref name="rate"/> reads/s (0: none); returns its average events/s.</summary>
    private static double RunHost(string host, string config, int seconds, int rate, LongHistogram histogram, SortedDictionary<int, long> statuses, int? clientNice)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        foreach (var arg in new[] { host, "--config", config, "--duration", $"{seconds}s" })
        {
            info.ArgumentList.Add(arg);
        }

        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        double average = double.NaN;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            if (ListeningPattern().Match(e.Data) is { Success: true } m)
            {
                listening.TrySetResult(new Uri(m.Groups[1].Value));
            }

            if (QueriesPattern().Match(e.Data) is { Success: true } q)
            {
                Console.WriteLine($"  host: {q.Value}");
            }

            if (StoppedPattern().Match(e.Data) is { Success: true } s)
            {
                average = double.Parse(s.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var stop = new CancellationTokenSource();
        Task? load = null;
        Process? client = null;
        if (rate > 0 && listening.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            if (clientNice is { } nice)
            {
                client = StartNiceClient(nice, listening.Task.Result, rate);
            }
            else
            {
                load = Task.Run(() => ReadAsync(listening.Task.Result, rate, histogram, statuses, stop.Token));
            }
        }

        process.WaitForExit();
        stop.Cancel();
        load?.Wait();
        if (client is not null)
        {
            client.StandardInput.Close(); // the client stops when its input closes
            Console.WriteLine($"  nice {clientNice} client: {client.StandardOutput.ReadToEnd().Trim()}");
            client.WaitForExit();
            client.Dispose();
        }
        else if (rate > 0)
        {
            // The load client shares the machine with the engine: what it burns is not the engine's own cost of reads.
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalSeconds;
            Console.WriteLine($"  client (this process) CPU: {cpu / Stopwatch.GetElapsedTime(started).TotalSeconds * 100:F0} % of one core");
        }

        return average;
    }

    /// <summary>
    /// <c>latency reads-client URL RATE PATH...</c>, run by <c>--client-nice</c> under <c>nice</c>: the same paced reads
    /// in a process of its own at a low priority, so its wake-ups do not preempt the engine's threads (as a client on
    /// another machine would not); reads until its standard input closes, then prints its percentiles and statuses.
    /// </summary>
    public static int RunClient(string[] args)
    {
        var api = new Uri(args[0]);
        var rate = int.Parse(args[1], CultureInfo.InvariantCulture);
        Paths = args.Length > 2 ? args[2..] : AllPaths;
        var histogram = new LongHistogram(TimeSpan.TicksPerSecond * 10, 3);
        var statuses = new SortedDictionary<int, long>();
        using var stop = new CancellationTokenSource();
        var load = Task.Run(() => ReadAsync(api, rate, histogram, statuses, stop.Token));
        Console.In.ReadToEnd();
        stop.Cancel();
        load.Wait();
        Console.WriteLine($"read p50 {Ms(histogram, 50)} ms, p99 {Ms(histogram, 99)} ms; {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}");
        return 0;
    }

    private static Process StartNiceClient(int nice, Uri api, int rate)
    {
        var info = new ProcessStartInfo("nice") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-n", nice.ToString(CultureInfo.InvariantCulture), "dotnet", typeof(ReadLoadHarness).Assembly.Location, "latency", "reads-client", api.ToString(), rate.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var path in Paths)
        {
            info.ArgumentList.Add(path);
        }

        return Process.Start(info)!;
    }

    // Paced: request i is sent at start + i/rate (several in flight at once when answers are slow), so the rate is the
    // offered load, not whatever the server manages.
    private static async Task ReadAsync(Uri api, int rate, LongHistogram histogram, SortedDictionary<int, long> statuses, CancellationToken token)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", "mae-dev-viewer-key");
        var inFlight = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        for (long i = 0; !token.IsCancellationRequested; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            inFlight.Add(OneAsync(http, new Uri(api, Paths[i % Paths.Length]), histogram, statuses));
            inFlight.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private static async Task OneAsync(HttpClient http, Uri uri, LongHistogram histogram, SortedDictionary<int, long> statuses)
    {
        var sent = Stopwatch.GetTimestamp();
        int status;
        try
        {
            using var response = await http.GetAsync(uri).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            status = 0;
        }
        catch (TaskCanceledException)
        {
            status = 0;
        }

        lock (statuses)
        {
            histogram.RecordValue(Stopwatch.GetElapsedTime(sent).Ticks);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    // Empty when the reads ran in a --client-nice process (it prints its own percentiles).
    private static string Ms(LongHistogram h, double percentile) => h.TotalCount == 0 ? "(client lines)"
        : (h.GetValueAtPercentile(percentile) / (double)TimeSpan.TicksPerMillisecond).ToString("F2", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"REST (http://[0-9.:]+)/api/multi-asset")]
    private static partial Regex ListeningPattern();

    [GeneratedRegex(@"queries answered [0-9,]+, engine thread time answering them [0-9.,]+ ms")]
    private static partial Regex QueriesPattern();

    [GeneratedRegex(@"avg ([0-9,]+) events/s")]
    private static partial Regex StoppedPattern();
}
