namespace MultiAsset.Engine.Pipeline;

/// <summary>Counters of one stage at a moment.</summary>
/// <param name="Name">Stage name.</param>
/// <param name="Thread">Name of the thread running it.</param>
/// <param name="Sequence">Last sequence it finished.</param>
/// <param name="Backlog">Published events on its ring it has not finished yet.</param>
/// <param name="EventsProcessed">Events handed to its handler.</param>
/// <param name="HandlerFailures">Events on which its handler threw (skipped).</param>
/// <param name="InvalidEventsSkipped">Slots skipped because their producer failed to fill them.</param>
public sealed record StageSnapshot(
    string Name, string Thread, long Sequence, long Backlog, long EventsProcessed, long HandlerFailures, long InvalidEventsSkipped);

/// <summary>Counters of one ring at a moment.</summary>
/// <param name="Name">Ring name.</param>
/// <param name="Size">Slots.</param>
/// <param name="Cursor">Producer cursor.</param>
/// <param name="Occupancy">Slots claimed and not yet released by every consumer.</param>
/// <param name="FullRingWaits">Times a producer found the ring full.</param>
public sealed record RingSnapshot(string Name, int Size, long Cursor, long Occupancy, long FullRingWaits);

/// <summary>Counters of the whole pipeline at a moment (for the host's status line and metrics).</summary>
/// <param name="Stages">Per stage, in dependency order.</param>
/// <param name="Rings">Per ring.</param>
public sealed record PipelineSnapshot(IReadOnlyList<StageSnapshot> Stages, IReadOnlyList<RingSnapshot> Rings)
{
    /// <summary>The counters of stage <paramref name="name"/>.</summary>
    public StageSnapshot Stage(string name) => Stages.First(s => s.Name == name);
}

/// <summary>The outcome of stopping the pipeline.</summary>
/// <param name="Drained">True when every published event was processed before the threads halted.</param>
/// <param name="Undrained">Stages that still had a backlog when the drain timed out.</param>
/// <param name="ThreadsStillRunning">Threads that did not exit after the halt (a handler stuck in a call).</param>
public sealed record StopResult(bool Drained, IReadOnlyList<string> Undrained, IReadOnlyList<string> ThreadsStillRunning);
