using System.Globalization;
using HdrHistogram;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Benchmarks.PeerShapes;

/// <summary>
/// <c>./run.sh bench-ring [shape] [--wait BusySpin|Yielding|Sleeping|Blocking] [--runs N] [--iterations N]</c>: our
/// ring in the shapes, sizes, event counts and output lines of Disruptor-net's (and LMAX's) perf tests, so that ours
/// and theirs can be run side by side (<c>benchmarks/peers/lmax-java/run.sh</c> runs LMAX's in the same shapes).
/// </summary>
/// <remarks>
/// Shapes: <c>1p1c</c>, <c>1p1c-fused</c>, <c>pipeline</c>, <c>pipeline-fused</c>, <c>1p3c</c>, <c>3p1c</c>,
/// <c>pingpong</c>, or <c>all</c> (the default: every throughput shape, then ping-pong). Each run prints
/// <c>Run N, Disruptor=… ops/sec BatchPercent=…% AverageBatchSize=…</c> (batches counted at the last consumer, as the
/// peers do); each shape ends with a <c>Median</c> line over its runs. <c>--iterations</c> is for smoke tests only.
/// </remarks>
public static class PeerShapeHarness
{
    private const string Usage = "usage: bench-ring [1p1c|1p1c-fused|pipeline|pipeline-fused|1p3c|3p1c|pingpong|all] [--wait BusySpin|Yielding|Sleeping|Blocking] [--runs N] [--iterations N]";

    public static int Run(string[] args)
    {
        var shape = "all";
        WaitStrategyKind? wait = null;
        var runs = 7;
        long? iterations = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--wait" when i + 1 < args.Length && Enum.TryParse<WaitStrategyKind>(args[i + 1], ignoreCase: true, out var w):
                    wait = w;
                    i++;
                    break;
                case "--runs" when i + 1 < args.Length:
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--iterations" when i + 1 < args.Length:
                    iterations = long.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case var name when !name.StartsWith('-'):
                    shape = name;
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'; {Usage}");
                    return 2;
            }
        }

        ThroughputShape? Throughput(string name) => name switch
        {
            "1p1c" => new OneToOneShape(),
            "1p1c-fused" => new OneToOneFusedShape(),
            "pipeline" => new PipelineShape(fused: false),
            "pipeline-fused" => new PipelineShape(fused: true),
            "1p3c" => new OneToThreeShape(),
            "3p1c" => new ThreeToOneShape(),
            _ => null,
        };

        string[] names = shape == "all" ? ["1p1c", "1p1c-fused", "pipeline", "pipeline-fused", "1p3c", "3p1c", "pingpong"] : [shape];
        foreach (var name in names)
        {
            if (name == "pingpong")
            {
                RunLatency(wait ?? WaitStrategyKind.BusySpin, runs, iterations ?? PingPongShape.Iterations);
            }
            else if (Throughput(name) is { } test)
            {
                RunThroughput(test, wait ?? test.DefaultWait, runs, iterations ?? test.Iterations);
            }
            else
            {
                Console.Error.WriteLine($"unknown shape '{name}'; {Usage}");
                return 2;
            }
        }

        return 0;
    }

    private static void RunThroughput(ThroughputShape test, WaitStrategyKind wait, int runs, long iterations)
    {
        Console.WriteLine(Invariant($"Starting throughput tests: {test.TestName}, ours (PipelineBuilder, {wait}), {iterations:N0} events, {runs} runs"));
        var results = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var run = test.Run(wait, iterations);
            results.Add(run.OperationsPerSecond);
            var batchPercent = run.Batches == 0 ? 0 : 100.0 * run.Batches / run.BatchedEvents;
            var averageBatch = run.Batches == 0 ? -1 : run.BatchedEvents / run.Batches;
            Console.WriteLine(Invariant($"Run {i}, Disruptor={run.OperationsPerSecond:N0} ops/sec BatchPercent={batchPercent:F2}% AverageBatchSize={averageBatch:N0}"));
        }

        results.Sort();
        Console.WriteLine(Invariant($"Median {test.TestName} {wait}: {Median(results):N0} ops/sec (min {results[0]:N0}, max {results[^1]:N0}, {runs} runs)"));
        Console.WriteLine();
    }

    private static void RunLatency(WaitStrategyKind wait, int runs, long iterations)
    {
        Console.WriteLine(Invariant($"Starting latency tests: {PingPongShape.TestName}, ours (PipelineBuilder, {wait}), {iterations:N0} round trips, {runs} runs"));
        var p50 = new List<double>(runs);
        var p99 = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var h = PingPongShape.Run(wait, iterations);
            p50.Add(h.GetValueAtPercentile(50));
            p99.Add(h.GetValueAtPercentile(99));
            Console.WriteLine(Invariant(
                $"Run {i}, round trip (ns): mean={h.GetMean():N0} p50={h.GetValueAtPercentile(50):N0} p90={h.GetValueAtPercentile(90):N0} p99={h.GetValueAtPercentile(99):N0} p99.9={h.GetValueAtPercentile(99.9):N0} p99.99={h.GetValueAtPercentile(99.99):N0} max={h.GetMaxValue():N0} count={h.TotalCount:N0}"));
        }

        p50.Sort();
        p99.Sort();
        Console.WriteLine(Invariant($"Median {PingPongShape.TestName} {wait}: p50 {Median(p50):N0} ns (min {p50[0]:N0}, max {p50[^1]:N0}), p99 {Median(p99):N0} ns (min {p99[0]:N0}, max {p99[^1]:N0}), {runs} runs"));
        Console.WriteLine();
    }

    private static double Median(List<double> sorted)
        => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
