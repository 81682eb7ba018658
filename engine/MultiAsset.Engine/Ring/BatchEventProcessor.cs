using System.Runtime.CompilerServices;

namespace MultiAsset.Engine.Ring;

/// <summary>
/// Hands each available event of a ring to <typeparamref name="THandler"/> in sequence order, in batches, and then
/// advances its sequence so downstream stages and producers can move on.
/// </summary>
/// <remarks>
/// <para>Generic over the handler so that a struct or sealed handler's <c>OnEvent</c> is a direct call.</para>
/// <para>A throwing handler does not stall the ring: the failure is counted, reported to the
/// <see cref="IEventExceptionHandler"/> and processing continues with the next event. Slots that a producer failed to
/// fill are skipped and counted.</para>
/// <para>Batches are capped at <c>maxBatchSize</c> so that a fused downstream stage gets to run (and a downstream
/// ring cannot be overfilled) even under a flood.</para>
/// </remarks>
public sealed class BatchEventProcessor<T, THandler> : IEventProcessor
    where T : struct
    where THandler : IValueEventHandler<T>
{
    private readonly ValueRingBuffer<T> ring;
    private readonly SequenceBarrier barrier;
    private readonly IEventExceptionHandler exceptionHandler;
    private readonly int maxBatchSize;
    private readonly Sequence sequence = new();
    private readonly IStageLifecycle? lifecycle;
    private THandler handler;
    private long nextSequence;
    private long eventsProcessed;
    private long handlerFailures;
    private long invalidEventsSkipped;
    private long inFlight;

    /// <summary>Creates a processor for <paramref name="handler"/> reading <paramref name="ring"/> through <paramref name="barrier"/>.</summary>
    public BatchEventProcessor(
        string name,
        ValueRingBuffer<T> ring,
        SequenceBarrier barrier,
        THandler handler,
        IEventExceptionHandler exceptionHandler,
        int maxBatchSize = int.MaxValue)
        : this(name, ring, barrier, handler, exceptionHandler, maxBatchSize, handler as IStageLifecycle)
    {
    }

    /// <summary>As the public constructor, with the lifecycle hooks given apart (when the handler is a proxy).</summary>
    internal BatchEventProcessor(
        string name,
        ValueRingBuffer<T> ring,
        SequenceBarrier barrier,
        THandler handler,
        IEventExceptionHandler exceptionHandler,
        int maxBatchSize,
        IStageLifecycle? lifecycle)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(barrier);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(exceptionHandler);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        Name = name;
        this.ring = ring;
        this.barrier = barrier;
        this.handler = handler;
        this.exceptionHandler = exceptionHandler;
        this.maxBatchSize = maxBatchSize;
        this.lifecycle = lifecycle;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public Sequence Sequence => sequence;

    /// <inheritdoc />
    public SequenceBarrier Barrier => barrier;

    /// <inheritdoc />
    public long RingCursor => ring.Cursor;

    /// <summary>The handler (for a struct handler, the processor's own copy).</summary>
    public ref THandler Handler => ref handler;

    /// <inheritdoc />
    public long EventsProcessed => Volatile.Read(ref eventsProcessed);

    /// <inheritdoc />
    public long HandlerFailures => Volatile.Read(ref handlerFailures);

    /// <inheritdoc />
    public long InvalidEventsSkipped => Volatile.Read(ref invalidEventsSkipped);

    /// <inheritdoc />
    public int ProcessNextBatch()
    {
        var next = nextSequence;
        var available = barrier.WaitFor(next, maxBatchSize);
        if (available < next)
        {
            return available == SequenceBarrier.AlertedSequence ? -1 : 0;
        }

        return ProcessRange(next, available);
    }

    /// <inheritdoc />
    public int Poll()
    {
        var next = nextSequence;
        var available = barrier.TryGetAvailable(next, maxBatchSize);
        return available < next ? 0 : ProcessRange(next, available);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ProcessRange(long next, long available)
    {
        var end = available - next >= maxBatchSize ? next + maxBatchSize - 1 : available;
        var from = next;
        while (true)
        {
            try
            {
                HandleRange(from, end);
                break;
            }
            catch (Exception ex)
            {
                // inFlight is the event whose handler threw: report it and go on with the next one.
                OnHandlerFailure(ex, inFlight);
                from = inFlight + 1;
            }
        }

        var count = (int)(end - next + 1);
        nextSequence = end + 1;
        Volatile.Write(ref eventsProcessed, eventsProcessed + count);
        sequence.SetValue(end);
        return count;
    }

    /// <summary>
    /// The per-event loop, kept out of the method with the exception handler so that its locals live in registers
    /// (locals that a catch block reads are kept on the stack). It records the sequence in hand in
    /// <see cref="inFlight"/> — one store per event — for the catch block to know which event failed.
    /// </summary>
    private void HandleRange(long from, long end)
    {
        var ring = this.ring;
        ref var first = ref ring.FirstSlot;
        var mask = ring.IndexMask;
        // Read after the barrier's acquire of `end`: a producer marks a slot invalid before publishing it.
        if (ring.HasInvalidSlots)
        {
            // endOfBatch goes to the last valid event: a batch ending on an invalid slot must still end for the handler.
            var lastValid = ring.LastValid(from, end);
            for (var current = from; current <= end; current++)
            {
                inFlight = current;
                if (ring.IsValid(current))
                {
                    handler.OnEvent(ref Unsafe.Add(ref first, (nint)(current & mask)), current, current == lastValid);
                }
                else
                {
                    invalidEventsSkipped++;
                }
            }

            return;
        }

        for (var current = from; current <= end; current++)
        {
            inFlight = current;
            handler.OnEvent(ref Unsafe.Add(ref first, (nint)(current & mask)), current, current == end);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnHandlerFailure(Exception exception, long failedSequence)
    {
        Volatile.Write(ref handlerFailures, handlerFailures + 1);
        try
        {
            exceptionHandler.OnEventException(exception, failedSequence, Name);
        }
        catch (Exception)
        {
            // The policy is "never stall the ring": a failing exception handler must not stop the stage either.
        }
    }

    /// <inheritdoc />
    public void NotifyStart() => NotifyLifecycle(start: true);

    /// <inheritdoc />
    public void NotifyShutdown() => NotifyLifecycle(start: false);

    private void NotifyLifecycle(bool start)
    {
        if (lifecycle is null)
        {
            return;
        }

        try
        {
            if (start)
            {
                lifecycle.OnStart();
            }
            else
            {
                lifecycle.OnShutdown();
            }
        }
        catch (Exception ex)
        {
            exceptionHandler.OnLifecycleException(ex, Name, start ? "start" : "shutdown");
        }
    }
}
