using BenchmarkDotNet.Running;
using MultiAsset.Benchmarks;
using MultiAsset.Benchmarks.Latency;
using MultiAsset.Benchmarks.PeerShapes;

// ./run.sh bench [BenchmarkDotNet args, e.g. --filter '*Ring*']   ·   ./run.sh bench-ring [shape] [--wait W] [--runs N]   ·   ./run.sh latency [--round-trips N]   ·   ./run.sh latency pipeline [--rate N]   ·   ./run.sh latency reads [--rate N]
if (args.Length > 0 && args[0] == "bench-ring")
{
    return PeerShapeHarness.Run(args[1..]);
}

if (args.Length > 1 && args[0] == "latency" && args[1] == "pipeline")
{
    return PipelineLatency.Run(args[2..]);
}

if (args.Length > 1 && args[0] == "latency" && args[1] == "recovery")
{
    return RecoveryHarness.Run(args[2..]);
}

if (args.Length > 1 && args[0] == "latency" && args[1] == "reads-client")
{
    return ReadLoadHarness.RunClient(args[2..]);
}

if (args.Length > 1 && args[0] == "latency" && args[1] == "reads")
{
    return ReadLoadHarness.Run(args[2..]);
}

if (args.Length > 0 && args[0] == "latency")
{
    return LatencyHarness.Run(args[1..]);
}

var benchArgs = args.Length > 0 && args[0] == "bench" ? args[1..] : args;
if (benchArgs.Length == 0)
{
    benchArgs = ["--filter", "*"];
}
else if (!benchArgs[0].StartsWith('-'))
{
    // "./run.sh bench '*Spsc*'" is shorthand for "--filter '*Spsc*'".
    benchArgs = ["--filter", .. benchArgs];
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(benchArgs);
return 0;
