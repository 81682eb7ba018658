using System.Runtime.CompilerServices;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// Consumes a ring on the thread that produces into it, synchronously: <see cref="Drain"/> hands every published,
/// unconsumed slot to the handler, in order, then releases the slots to the producer. This is how a chain of stages
/// runs each input event to the end of the pipeline before the next one (<see cref="EngineChain{TInput, THead}"/>): a downstream stage
/// reading an upstream stage's state in place then sees it exactly as of the event that caused its input.
/// </summary>
/// <remarks>
/// <para>The producer must never publish more than the ring's size between two drains (it would wait on itself); the
/// engine's stages publish a handful of events per input event into rings of tens of thousands of slots.</para>
/// <para>The draining loop is compiled for the handler alone (a class handler is wrapped in a generated struct, see
/// <see cref="ValueEventHandlerProxy"/>), so the per-event call is direct.</para>
/// </remarks>
public sealed class InlineRingConsumer<T, THandler>
    where T : struct
    where THandler : IValueEventHandler<T>
{
    private readonly InlineRingDrainer<T> drainer;

    /// <summary>Creates the consumer and registers it as the ring's gating sequence.</summary>
    public InlineRingConsumer(ValueRingBuffer<T> ring, THandler handler, string name, IEventExceptionHandler exceptionHandler)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(exceptionHandler);
        drainer = ValueEventHandlerProxy.ProxyTypeFor<T>(handler.GetType()) is null
            ? new InlineRingDrainer<T, THandler>(ring, handler, name, exceptionHandler)
            : (InlineRingDrainer<T>)ValueEventHandlerProxy.Instantiate<T, THandler>(
                typeof(InlineRingDrainer<,>), handler, 1, ring, null, name, exceptionHandler);
        ring.AddGatingSequences(drainer.Consumed);
    }

    /// <summary>Events handled so far.</summary>
    public long Consumed => drainer.Consumed.Value + 1;

    /// <summary>Events whose handler threw (reported, then passed over).</summary>
    public long Failed => drainer.Failed;

    /// <summary>
    /// Handles everything published since the last drain; <c>endOfBatch</c> is true for the last event available. A
    /// handler that publishes into this same ring would be drained in the same call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Drain() => drainer.Drain();
}

/// <summary>The type-erased draining loop of an <see cref="InlineRingConsumer{T, THandler}"/>.</summary>
internal abstract class InlineRingDrainer<T>
    where T : struct
{
    /// <summary>The last sequence handled (the ring's gating sequence for this consumer).</summary>
    public Sequence Consumed { get; } = new();

    /// <summary>Events whose handler threw.</summary>
    public long Failed { get; protected set; }

    public abstract void Drain();
}

/// <summary>The draining loop, compiled per handler type.</summary>
internal sealed class InlineRingDrainer<T, THandler> : InlineRingDrainer<T>
    where T : struct
    where THandler : IValueEventHandler<T>
{
    private readonly ValueRingBuffer<T> ring;
    private readonly IEventExceptionHandler exceptionHandler;
    private readonly string name;
    private THandler handler;

    // The next sequence to handle; only this thread moves it, so it need not be re-read from the gating sequence.
    private long next;
    private long inFlight;

    public InlineRingDrainer(ValueRingBuffer<T> ring, THandler handler, string name, IEventExceptionHandler exceptionHandler)
    {
        this.ring = ring;
        this.handler = handler;
        this.name = name;
        this.exceptionHandler = exceptionHandler;
        next = Consumed.Value + 1;
    }

    public override void Drain()
    {
        var available = ring.Cursor;
        while (next <= available)
        {
            HandleRange(available);
            Consumed.SetValue(available);
            available = ring.Cursor;
        }
    }

    // Like the batch processor: a handler that throws is reported and the event passed over — never retried, or every
    // later drain would replay the backlog behind it and fill the rings this thread itself must drain.
    private void HandleRange(long available)
    {
        var from = next;
        while (true)
        {
            try
            {
                HandleEvents(from, available);
                break;
            }
            catch (Exception ex)
            {
                Failed++;
                exceptionHandler.OnEventException(ex, inFlight, name);
                from = inFlight + 1;
            }
        }

        next = available + 1;
    }

    // The per-event loop, apart from the exception handler so that its locals stay in registers; inFlight tells the
    // catch block which event failed.
    private void HandleEvents(long from, long available)
    {
        var ring = this.ring;
        ref var first = ref ring.FirstSlot;
        var mask = ring.IndexMask;
        var checkValidity = ring.HasInvalidSlots;
        for (var current = from; current <= available; current++)
        {
            inFlight = current;
            if (!checkValidity || ring.IsValid(current))
            {
                handler.OnEvent(ref Unsafe.Add(ref first, (nint)(current & mask)), current, current == available);
            }
        }
    }
}
