using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Benchmarks.Ring;

/// <summary>
/// Our ring's throughput in the shapes Disruptor-net measures: one producer to one consumer (SPSC), two producers
/// to one consumer (MPSC), and a three-stage pipeline with a thread per stage or all three fused on one thread.
/// Each operation is one event, published one at a time with <c>Next()</c>/<c>Publish()</c> as Disruptor-net's perf
/// tests do. Pipelines are built once per wait strategy through the real <see cref="PipelineBuilder"/>.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class RingThroughputBenchmarks
{
    public const int EventsPerInvoke = 1 << 20;

    private PipelineRig spsc = null!;
    private PipelineRig mpsc = null!;
    private PipelineRig dedicated = null!;
    private PipelineRig fused = null!;

    [Params(WaitStrategyKind.Yielding, WaitStrategyKind.Blocking)]
    public WaitStrategyKind Wait { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        spsc = PipelineRig.SingleStage(Wait, ProducerType.Single);
        mpsc = PipelineRig.SingleStage(Wait, ProducerType.Multi);
        dedicated = PipelineRig.ThreeStage(Wait, fused: false);
        fused = PipelineRig.ThreeStage(Wait, fused: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        spsc.Dispose();
        mpsc.Dispose();
        dedicated.Dispose();
        fused.Dispose();
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvoke, Description = "SPSC")]
    public long Spsc() => spsc.PublishAndWait(EventsPerInvoke, producers: 1);

    [Benchmark(OperationsPerInvoke = EventsPerInvoke, Description = "MPSC, 2 producers")]
    public long Mpsc() => mpsc.PublishAndWait(EventsPerInvoke, producers: 2);

    [Benchmark(OperationsPerInvoke = EventsPerInvoke, Description = "3-stage, thread per stage")]
    public long ThreeStageDedicated() => dedicated.PublishAndWait(EventsPerInvoke, producers: 1);

    [Benchmark(OperationsPerInvoke = EventsPerInvoke, Description = "3-stage, fused on one thread")]
    public long ThreeStageFused() => fused.PublishAndWait(EventsPerInvoke, producers: 1);
}
