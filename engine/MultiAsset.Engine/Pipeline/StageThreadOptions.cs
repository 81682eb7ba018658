using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// One thread of the pipeline (<c>pipeline.threads[]</c>): the stages it runs, fused in dependency order, and how it
/// waits when idle.
/// </summary>
/// <param name="Name">Thread name (shown in stack dumps as <c>mae-{Name}</c>).</param>
/// <param name="Stages">Stage names. The first (in dependency order) waits on its ring; the others run inline after each of its batches.</param>
/// <param name="WaitStrategy">How the thread waits for events.</param>
/// <param name="MaxBatchSize">Most events a stage of this thread takes from its ring at once.</param>
public sealed record StageThreadOptions(string Name, IReadOnlyList<string> Stages, WaitStrategyKind WaitStrategy, int MaxBatchSize);
