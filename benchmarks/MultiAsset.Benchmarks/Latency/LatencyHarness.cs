using System.Globalization;
using HdrHistogram;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Benchmarks.Latency;

/// <summary>
/// <c>./run.sh latency [--round-trips N] [--idle-seconds S]</c>: ping-pong round-trip percentiles per wait strategy
/// (and over Channels), then idle CPU per wait strategy. Prints a Markdown table ready for the README.
/// </summary>
public static class LatencyHarness
{
    public static int Run(string[] args)
    {
        var roundTrips = 1_000_000;
        var idleSeconds = 3.0;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--round-trips" when i + 1 < args.Length:
                    roundTrips = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--idle-seconds" when i + 1 < args.Length:
                    idleSeconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: latency [--round-trips N] [--idle-seconds S]");
                    return 2;
            }
        }

        Console.WriteLine($"Ping-pong round trip, {roundTrips:N0} round trips after as many warm-up ones (ns)");
        Console.WriteLine();
        Console.WriteLine("| transport | wait | p50 | p99 | p99.9 | max |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var wait in new[] { WaitStrategyKind.Yielding, WaitStrategyKind.BusySpin, WaitStrategyKind.Sleeping, WaitStrategyKind.Blocking })
        {
            Row("ring", wait.ToString(), PingPongLatency.MeasureRing(wait, roundTrips));
        }

        Row("Channels", "async", PingPongLatency.MeasureChannels(Math.Min(roundTrips, 200_000)));

        Console.WriteLine();
        Console.WriteLine($"Idle CPU of a started 3-stage pipeline with no events, over {idleSeconds:0.#} s (% of one core)");
        Console.WriteLine();
        Console.WriteLine("| wait | fused (1 thread) | thread per stage (3 threads) |");
        Console.WriteLine("|---|---|---|");
        var window = TimeSpan.FromSeconds(idleSeconds);
        foreach (var wait in new[] { WaitStrategyKind.Blocking, WaitStrategyKind.Sleeping, WaitStrategyKind.Yielding })
        {
            var fused = IdleCpu.Measure(wait, fused: true, window);
            var dedicated = IdleCpu.Measure(wait, fused: false, window);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {wait} | {fused:0.0} % | {dedicated:0.0} % |"));
        }

        return 0;
    }

    private static void Row(string transport, string wait, LongHistogram histogram)
        => Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {transport} | {wait} | {histogram.GetValueAtPercentile(50):N0} | {histogram.GetValueAtPercentile(99):N0} | {histogram.GetValueAtPercentile(99.9):N0} | {histogram.GetMaxValue():N0} |"));
}
