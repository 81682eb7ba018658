using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// Consumes a ring on the thread that produces into it, synchronously: <see cref="Drain"/> hands every published,
/// unconsumed slot to the handler, in order, then releases the slots to the producer. This is how a chain of stages
/// runs each input event to the end of the pipeline before the next one (<see cref="EngineChain{TInput, THead}"/>): a downstream stage
/// reading an upstream stage's state in place then sees it exactly as of the event that caused its input.
/// </summary>
/// <remarks>
/// The producer must never publish more than the ring's size between two drains (it would wait on itself); the
/// engine's stages publish a handful of events per input event into rings of tens of thousands of slots.
/// </remarks>
public sealed class InlineRingConsumer<T, THandler>
    where T : struct
    where THandler : IValueEventHandler<T>
{
    private readonly ValueRingBuffer<T> ring;
    private readonly THandler handler;
    private readonly IEventExceptionHandler exceptionHandler;
    private readonly string name;
    private readonly Sequence consumed = new();

    /// <summary>Creates the consumer and registers it as the ring's gating sequence.</summary>
    public InlineRingConsumer(ValueRingBuffer<T> ring, THandler handler, string name, IEventExceptionHandler exceptionHandler)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(exceptionHandler);
        this.ring = ring;
        this.handler = handler;
        this.name = name;
        this.exceptionHandler = exceptionHandler;
        ring.AddGatingSequences(consumed);
    }

    /// <summary>Events handled so far.</summary>
    public long Consumed => consumed.Value + 1;

    /// <summary>Events whose handler threw (reported, then passed over).</summary>
    public long Failed { get; private set; }

    /// <summary>
    /// Handles everything published since the last drain; <c>endOfBatch</c> is true for the last event available. A
    /// handler that publishes into this same ring would be drained in the same call.
    /// </summary>
    public void Drain()
    {
        var next = consumed.Value + 1;
        var available = ring.Cursor;
        while (next <= available)
        {
            for (; next <= available; next++)
            {
                if (ring.IsValid(next))
                {
                    Handle(next, available);
                }
            }

            consumed.SetValue(available);
            available = ring.Cursor;
        }
    }

    // Like the batch processor: a handler that throws is reported and the event passed over — never retried, or every
    // later drain would replay the backlog behind it and fill the rings this thread itself must drain.
    private void Handle(long sequence, long available)
    {
        try
        {
            handler.OnEvent(ref ring[sequence], sequence, sequence == available);
        }
        catch (Exception ex)
        {
            Failed++;
            exceptionHandler.OnEventException(ex, sequence, name);
        }
    }
}
