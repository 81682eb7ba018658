using System.Diagnostics;
using MultiAsset.Benchmarks.Ring;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Benchmarks.Latency;

/// <summary>
/// CPU used by an engine with nothing to do: a started three-stage pipeline with no events, measured as process CPU
/// time over wall time (100 % = one core busy). Disruptor-net users report idle engines burning cores; this is the
/// number that shows whether ours does.
/// </summary>
public static class IdleCpu
{
    /// <summary>Percent of one core the idle pipeline uses with <paramref name="wait"/> over <paramref name="window"/>.</summary>
    public static double Measure(WaitStrategyKind wait, bool fused, TimeSpan window)
    {
        using var rig = PipelineRig.ThreeStage(wait, fused);
        rig.PublishAndWait(10_000, producers: 1); // run once, then go idle: the wait strategy ends up in its idle phase
        Thread.Sleep(200);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        Thread.Sleep(window);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        return 100.0 * cpu.TotalMilliseconds / wall.Elapsed.TotalMilliseconds;
    }
}
