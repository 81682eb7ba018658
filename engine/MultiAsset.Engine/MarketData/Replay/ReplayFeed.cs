using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// Publishes an <see cref="IEventSource"/> into the input ring: claims a batch of slots, has the source fill each
/// slot in place, publishes the batch. Rejected rows are published like any other event (the market-data stage counts
/// them); nothing is dropped.
/// </summary>
/// <remarks>
/// <para>At the end of the data the last batch is usually only partly filled: the unfilled slots are marked invalid
/// (<see cref="ValueRingBuffer{T}.MarkInvalid"/>) before the batch is published, so consumers skip them and never see
/// a half-filled event. The same happens if the source throws (the exception then propagates).</para>
/// <para>Paced replay (<see cref="ReplayPacing.RecordedTimestamps"/>) reads each event into a staging slot and
/// claims a ring slot only once the event is due, so a waiting feed never holds a claimed slot that would stall the
/// other producers of a multi-producer ring. Events without a timestamp (0: malformed rows) and events older than
/// the first one are not delayed.</para>
/// <para><see cref="Run"/> runs on the caller's thread. Cancellation is checked between batches and while pacing; a
/// full ring blocks the claim (back-pressure) until the consumers move on.</para>
/// </remarks>
public sealed class ReplayFeed
{
    private const long SleepThresholdNanos = 2_000_000;
    private const long YieldThresholdNanos = 50_000;

    private readonly IEventSource source;
    private readonly ValueRingBuffer<InputEvent> ring;
    private readonly ReplayFeedOptions options;
    private readonly IClock clock;
    private InputEvent pending;
    private long eventsPublished;
    private long rejectedPublished;
    private long invalidSlots;
    private long batches;
    private int completed;
    private int cancelled;

    /// <summary>Creates a feed of <paramref name="source"/> into <paramref name="ring"/>.</summary>
    /// <param name="source">The events to publish (the feed does not dispose it).</param>
    /// <param name="ring">The input ring.</param>
    /// <param name="options">Batching and pacing; <see cref="ReplayFeedOptions.Default"/> when null.</param>
    /// <param name="clock">The clock pacing is measured on; <see cref="SystemClock.Instance"/> when null.</param>
    public ReplayFeed(IEventSource source, ValueRingBuffer<InputEvent> ring, ReplayFeedOptions? options = null, IClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(ring);
        options ??= ReplayFeedOptions.Default;
        options.Validate();
        this.source = source;
        this.ring = ring;
        this.options = options;
        this.clock = clock ?? SystemClock.Instance;
    }

    /// <summary>Events published (accepted and rejected; invalidated slots not included).</summary>
    public long EventsPublished => Volatile.Read(ref eventsPublished);

    /// <summary>Published events that the source had already rejected (malformed, unknown symbol, non-finite).</summary>
    public long RejectedEventsPublished => Volatile.Read(ref rejectedPublished);

    /// <summary>Claimed slots published as invalid because the data ended (or the source failed) before they were filled.</summary>
    public long InvalidSlotsPublished => Volatile.Read(ref invalidSlots);

    /// <summary>Claims published (batches, or single events when paced).</summary>
    public long Batches => Volatile.Read(ref batches);

    /// <summary>Whether the source was read to its end.</summary>
    public bool Completed => Volatile.Read(ref completed) != 0;

    /// <summary>Whether <see cref="Run"/> stopped because of its cancellation token.</summary>
    public bool Cancelled => Volatile.Read(ref cancelled) != 0;

    /// <summary>The source's own statistics (rows, rejects by reason, first errors).</summary>
    public EventSourceStats SourceStats => source.Stats;

    /// <summary>
    /// Publishes the source until its end or until <paramref name="cancellationToken"/> is cancelled; returns the
    /// number of events this call published.
    /// </summary>
    public long Run(CancellationToken cancellationToken = default)
    {
        long before = EventsPublished;
        if (options.Pacing == ReplayPacing.RecordedTimestamps)
        {
            RunPaced(cancellationToken);
        }
        else
        {
            RunFast(cancellationToken);
        }

        if (cancellationToken.IsCancellationRequested && !Completed)
        {
            Volatile.Write(ref cancelled, 1);
        }

        return EventsPublished - before;
    }

    private void RunFast(CancellationToken cancellationToken)
    {
        int batch = Math.Min(options.BatchSize, ring.BufferSize);
        while (!cancellationToken.IsCancellationRequested)
        {
            long high = ring.Next(batch);
            long low = high - batch + 1;
            long next = low;
            long rejected = 0;
            try
            {
                for (; next <= high; next++)
                {
                    ref var slot = ref ring[next];
                    if (!source.TryRead(ref slot))
                    {
                        break;
                    }

                    if (slot.Reject != MarketDataRejectReason.None)
                    {
                        rejected++;
                    }
                }
            }
            finally
            {
                // Whatever happened, every claimed slot is published (or consumers stall); unfilled ones as invalid.
                for (long unfilled = next; unfilled <= high; unfilled++)
                {
                    ring.MarkInvalid(unfilled);
                }

                ring.Publish(low, high);
                Volatile.Write(ref eventsPublished, eventsPublished + (next - low));
                Volatile.Write(ref rejectedPublished, rejectedPublished + rejected);
                Volatile.Write(ref invalidSlots, invalidSlots + (high - next + 1));
                Volatile.Write(ref batches, batches + 1);
            }

            if (next <= high)
            {
                Volatile.Write(ref completed, 1);
                return;
            }
        }
    }

    private void RunPaced(CancellationToken cancellationToken)
    {
        bool anchored = false;
        long firstTimestamp = 0;
        long startNanos = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!source.TryRead(ref pending))
            {
                Volatile.Write(ref completed, 1);
                return;
            }

            if (pending.Timestamp != 0)
            {
                if (!anchored)
                {
                    anchored = true;
                    firstTimestamp = pending.Timestamp;
                    startNanos = clock.NowNanoseconds;
                }
                else if (pending.Timestamp > firstTimestamp)
                {
                    long due = startNanos + (long)((pending.Timestamp - firstTimestamp) / options.SpeedMultiple);
                    if (!WaitUntil(due, cancellationToken))
                    {
                        return;
                    }
                }
            }

            long sequence = ring.Next();
            ring[sequence] = pending;
            ring.Publish(sequence);
            Volatile.Write(ref eventsPublished, eventsPublished + 1);
            if (pending.Reject != MarketDataRejectReason.None)
            {
                Volatile.Write(ref rejectedPublished, rejectedPublished + 1);
            }

            Volatile.Write(ref batches, batches + 1);
        }
    }

    // Sleeps while far from the due time, yields when close, spins at the end: precise without burning a core.
    private bool WaitUntil(long dueNanos, CancellationToken cancellationToken)
    {
        while (true)
        {
            long remaining = dueNanos - clock.NowNanoseconds;
            if (remaining <= 0)
            {
                return true;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            if (remaining > SleepThresholdNanos)
            {
                Thread.Sleep(1);
            }
            else if (remaining > YieldThresholdNanos)
            {
                Thread.Yield();
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }
}
