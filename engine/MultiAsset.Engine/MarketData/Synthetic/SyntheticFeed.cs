using System.Diagnostics;
using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// Publishes a <see cref="SyntheticMarket"/> into the input ring on its own thread: each round's events are claimed
/// as one batch, copied into the slots in place and published together, paced to a target event rate or flat out.
/// </summary>
/// <remarks>
/// <para>The market first computes the round, then the feed claims exactly that many slots, so no slot is claimed
/// and left empty in normal operation. If copying fails part-way, the unfilled slots of the batch are marked invalid
/// before the batch is published (a claimed sequence must always be published, or consumers stall).</para>
/// <para>Waiting for room uses <see cref="ValueRingBuffer{T}.TryNext(int, out long)"/> with a cancellation check, so a
/// stopped pipeline never leaves the feed thread blocked. Counters are written by the feed thread only and can be read
/// from any thread.</para>
/// </remarks>
public sealed class SyntheticFeed : IMarketDataFeed
{
    private readonly SyntheticMarket market;
    private readonly ValueRingBuffer<InputEvent> ring;
    private readonly long eventsPerSecond;
    private long eventsPublished;
    private long rounds;
    private long fullRingWaits;
    private int regime;
    private int started;
    private readonly long endNanoseconds;
    private int completed;

    /// <summary>Creates the feed.</summary>
    /// <param name="market">The model to publish.</param>
    /// <param name="ring">The input ring (claimed with batches of up to <see cref="SyntheticMarket.MaxEventsPerRound"/>).</param>
    /// <param name="eventsPerSecond">Target rate; 0 publishes as fast as the ring takes events.</param>
    /// <param name="endNanoseconds">
    /// The feed stops (and is <see cref="Completed"/>) once the market's clock has passed this instant: the round that
    /// crosses it is the last one published, so every event up to the instant is in.
    /// </param>
    /// <exception cref="ArgumentException">The ring is smaller than one round can be.</exception>
    public SyntheticFeed(SyntheticMarket market, ValueRingBuffer<InputEvent> ring, long eventsPerSecond = 0, long endNanoseconds = long.MaxValue)
    {
        this.endNanoseconds = endNanoseconds;
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentOutOfRangeException.ThrowIfNegative(eventsPerSecond);
        if (market.MaxEventsPerRound > ring.BufferSize)
        {
            throw new ArgumentException(
                $"The ring has {ring.BufferSize} slots but one synthetic round can produce {market.MaxEventsPerRound} events; use a larger ring.", nameof(ring));
        }

        this.market = market;
        this.ring = ring;
        this.eventsPerSecond = eventsPerSecond;
    }

    /// <inheritdoc />
    public string Name => "synthetic";

    /// <summary>True once the clock has passed the end instant given at construction (never, without one).</summary>
    public bool Completed => Volatile.Read(ref completed) != 0;

    /// <summary>Events published so far.</summary>
    public long EventsPublished => Volatile.Read(ref eventsPublished);

    /// <summary>Rounds run so far.</summary>
    public long Rounds => Volatile.Read(ref rounds);

    /// <summary>Times the feed found the ring full and had to wait (back-pressure from the consumers).</summary>
    public long FullRingWaits => Volatile.Read(ref fullRingWaits);

    /// <summary>The market's regime after the last round.</summary>
    public MarketRegime Regime => (MarketRegime)Volatile.Read(ref regime);

    /// <summary>The model being published.</summary>
    public SyntheticMarket Market => market;

    /// <summary>
    /// Publishes rounds until <paramref name="cancellationToken"/> is cancelled, paced to the target rate. Blocks the
    /// calling thread: run it on a dedicated one (<see cref="Start"/>).
    /// </summary>
    public void Run(CancellationToken cancellationToken)
    {
        Volatile.Write(ref started, 1);
        long start = Stopwatch.GetTimestamp();
        double ticksPerEvent = eventsPerSecond > 0 ? Stopwatch.Frequency / (double)eventsPerSecond : 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (PublishRound(cancellationToken) < 0)
            {
                return;
            }

            if (market.NowNanoseconds >= endNanoseconds)
            {
                Volatile.Write(ref completed, 1);
                return;
            }

            if (ticksPerEvent > 0)
            {
                Pace(start, ticksPerEvent, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>See <see cref="SyntheticMarket.ResumeAfter"/>: simulated time continues after the point, prices from its last mids.</remarks>
    public void ResumeAfter(FeedResumePoint point)
    {
        if (Volatile.Read(ref started) != 0 || market.Round != 0)
        {
            throw new InvalidOperationException("The synthetic feed has already started; resume it before it runs.");
        }

        market.ResumeAfter(point);
    }

    /// <summary>Starts <see cref="Run"/> on a new background thread named <c>synthetic-feed</c> and returns it.</summary>
    public Thread Start(CancellationToken cancellationToken)
    {
        var thread = new Thread(() => Run(cancellationToken)) { IsBackground = true, Name = "synthetic-feed" };
        thread.Start();
        return thread;
    }

    /// <summary>
    /// Runs one round and publishes its events as one batch. Returns the number published, or −1 when cancelled while
    /// waiting for room in the ring (the round is then lost; the feed is stopping anyway).
    /// </summary>
    public int PublishRound(CancellationToken cancellationToken = default)
    {
        int count = market.Advance();
        Volatile.Write(ref regime, (int)market.Regime);
        if (count > 0)
        {
            long high;
            if (!ring.TryNext(count, out high))
            {
                Interlocked.Increment(ref fullRingWaits);
                var spinner = default(SpinWait);
                while (!ring.TryNext(count, out high))
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return -1;
                    }

                    spinner.SpinOnce(sleep1Threshold: -1);
                }
            }

            long low = high - count + 1;
            var events = market.Events;
            int filled = 0;
            try
            {
                for (; filled < count; filled++)
                {
                    ring[low + filled] = events[filled];
                }
            }
            finally
            {
                // Only reached with filled < count if the copy threw: the rest of the batch must not be processed.
                for (int i = filled; i < count; i++)
                {
                    ring.MarkInvalid(low + i);
                }

                ring.Publish(low, high);
            }

            Volatile.Write(ref eventsPublished, eventsPublished + count);
        }

        Volatile.Write(ref rounds, rounds + 1);
        return count;
    }

    /// <summary>Nothing to release: the feed owns no unmanaged resources (the thread ends with <see cref="Run"/>).</summary>
    public void Dispose()
    {
    }

    private void Pace(long start, double ticksPerEvent, CancellationToken cancellationToken)
    {
        // The schedule is absolute (event k is due at start + k/rate), so short stalls are caught up, not accumulated.
        long due = start + (long)(eventsPublished * ticksPerEvent);
        while (!cancellationToken.IsCancellationRequested)
        {
            long ahead = due - Stopwatch.GetTimestamp();
            if (ahead <= 0)
            {
                return;
            }

            if (ahead > Stopwatch.Frequency / 500)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.Yield();
            }
        }
    }
}
