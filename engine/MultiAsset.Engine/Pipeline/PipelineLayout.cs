namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// The pipeline's shape from configuration: ring sizes and which thread runs which stages. Thread layout is
/// configuration, not code, so the same stages run with a thread each or fused on one.
/// </summary>
/// <param name="Rings">Ring sizes and producer types.</param>
/// <param name="Threads">Threads and the stages each runs.</param>
/// <param name="DrainTimeout">How long <see cref="EnginePipeline.Stop"/> waits for published events to be processed.</param>
public sealed record PipelineLayout(IReadOnlyList<RingOptions> Rings, IReadOnlyList<StageThreadOptions> Threads, TimeSpan DrainTimeout)
{
    /// <summary>Default batch cap per stage when the configuration does not give one.</summary>
    public const int DefaultMaxBatchSize = 4096;

    /// <summary>Default drain timeout.</summary>
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(5);
}
