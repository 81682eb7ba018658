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
    private readonly Sequence cursor;

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
        cursor = ring.Sequencer.CursorSequence;
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
    /// <remarks>
    /// Inlined into the caller: when nothing was published since the last drain (the common case for the engine's
    /// downstream rings, drained after every input event) it is one cursor read and a compare, no call.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Drain()
    {
        var drainer = this.drainer;
        var available = cursor.Value;
        if (available >= drainer.Next)
        {
            drainer.Drain(available);
        }
    }
}

/// <summary>The type-erased draining loop of an <see cref="InlineRingConsumer{T, THandler}"/>.</summary>
internal abstract class InlineRingDrainer<T>
    where T : struct
{
    /// <summary>The next sequence to handle; only the draining thread moves it, so it need not be re-read from <see cref="Consumed"/>.</summary>
    internal long Next;

    /// <summary>The last sequence handled (the ring's gating sequence for this consumer).</summary>
    public Sequence Consumed { get; } = new();

    /// <summary>Events whose handler threw.</summary>
    public long Failed { get; protected set; }

    /// <summary>Handles everything up to <paramref name="available"/> (a cursor value just read) and whatever is published meanwhile.</summary>
    public abstract void Drain(long available);
}

/// <summary>The draining loop, compiled per handler type (one virtual call per drain, none per event).</summary>
internal sealed class InlineRingDrainer<T, THandler> : InlineRingDrainer<T>
    where T : struct
    where THandler : IValueEventHandler<T>
{
    private readonly ValueRingBuffer<T> ring;
    private readonly Sequence cursor;
    private readonly IEventExceptionHandler exceptionHandler;
    private readonly string name;
    private THandler handler;

    public InlineRingDrainer(ValueRingBuffer<T> ring, THandler handler, string name, IEventExceptionHandler exceptionHandler)
    {
        this.ring = ring;
        this.handler = handler;
        this.name = name;
        this.exceptionHandler = exceptionHandler;
        cursor = ring.Sequencer.CursorSequence;
        Next = Consumed.Value + 1;
    }

    // Like the batch processor, a handler that throws is reported and the event passed over — never retried, or every
    // later drain would replay the backlog behind it and fill the rings this thread itself must drain.
    public override void Drain(long available)
    {
        while (true)
        {
            try
            {
                DrainAll(available);
                return;
            }
            catch (Exception ex)
            {
                // Next is the event whose handler threw: everything before it is handled.
                var failed = Next;
                Next = failed + 1;
                Consumed.SetValue(failed);
                OnHandlerFailure(ex, failed);
                available = cursor.Value;
            }
        }
    }

    // The loop, with the handler call inlined into it. Kept apart from the exception handler so that its locals live
    // in registers (none is read by the catch block, which learns the failed event from Next, stored per event).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DrainAll(long available)
    {
        var current = Next;
        while (current <= available)
        {
            ref var first = ref ring.FirstSlot;
            var mask = ring.IndexMask;
            // Read after the cursor's acquire: a producer marks a slot invalid before publishing it.
            var checkValidity = ring.HasInvalidSlots;
            // endOfBatch goes to the last valid event, so a batch ending on an invalid slot still ends for the handler.
            var lastValid = checkValidity ? ring.LastValid(current, available) : available;
            for (; current <= available; current++)
            {
                Next = current;
                if (!checkValidity || ring.IsValid(current))
                {
                    handler.OnEvent(ref Unsafe.Add(ref first, (nint)(current & mask)), current, current == lastValid);
                }
            }

            Next = current;
            Consumed.SetValue(available);
            available = cursor.Value;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnHandlerFailure(Exception exception, long failedSequence)
    {
        Failed++;
        exceptionHandler.OnEventException(exception, failedSequence, name);
    }
}
