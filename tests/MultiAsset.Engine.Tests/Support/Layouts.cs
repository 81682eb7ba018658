using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Tests.Support;

/// <summary>Short-hands for building pipeline layouts in tests.</summary>
public static class Layouts
{
    public static RingOptions Ring(string name, int size, ProducerType producer = ProducerType.Multi) => new(name, size, producer);

    public static StageThreadOptions Thread(string name, WaitStrategyKind wait, params string[] stages)
        => new(name, stages, wait, PipelineLayout.DefaultMaxBatchSize);

    public static PipelineLayout Of(IReadOnlyList<RingOptions> rings, params StageThreadOptions[] threads)
        => new(rings, threads, TimeSpan.FromSeconds(10));
}
