namespace MultiAsset.Engine.Ring;

/// <summary>
/// One stage's consumer of one ring: waits on its barrier and hands batches of events to its handler. Threads are
/// owned by the pipeline, which drives one or more processors (fused) per thread.
/// </summary>
public interface IEventProcessor
{
    /// <summary>The stage name (for logs, metrics and errors).</summary>
    string Name { get; }

    /// <summary>The last sequence this processor finished; downstream consumers and producers gate on it.</summary>
    Sequence Sequence { get; }

    /// <summary>The barrier it waits on.</summary>
    SequenceBarrier Barrier { get; }

    /// <summary>The ring's producer cursor (to measure backlog and to drain).</summary>
    long RingCursor { get; }

    /// <summary>Events handed to the handler so far.</summary>
    long EventsProcessed { get; }

    /// <summary>Events whose handler call threw (counted, then skipped).</summary>
    long HandlerFailures { get; }

    /// <summary>Slots published as invalid (their producer failed to fill them), skipped without calling the handler.</summary>
    long InvalidEventsSkipped { get; }

    /// <summary>Waits for the next batch and processes it; returns the count, or −1 when the barrier was alerted.</summary>
    int ProcessNextBatch();

    /// <summary>Processes whatever is available now without waiting; returns the count (0 when nothing was ready).</summary>
    int Poll();

    /// <summary>Calls the handler's start hook, if it has one (on the stage thread).</summary>
    void NotifyStart();

    /// <summary>Calls the handler's shutdown hook, if it has one (on the stage thread).</summary>
    void NotifyShutdown();
}
