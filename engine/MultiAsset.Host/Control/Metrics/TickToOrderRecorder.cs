using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Host.Control.Metrics;

/// <summary>
/// Tick → order latency, recorded on the engine thread without allocating or locking and read by the metrics side.
/// Install <see cref="Observe"/> as <c>RiskStage.OrderObserved</c>: for each new order it reads the timestamp of the
/// input event that caused it (the order's source sequence on the input ring) and stores
/// <c>clock now − that timestamp</c> (nanoseconds) in a preallocated single-writer ring of samples.
/// </summary>
/// <remarks>
/// <para>What is measured: from the source event's timestamp to the order reaching the pre-trade risk gate, on the
/// engine's clock. The live synthetic feed stamps each round with the clock just before it publishes it, and operator
/// commands are stamped when they are published, so for those this is feed/command publish → order at the gate
/// (including the queueing on the input ring). A sample above the histogram's top (10 s: a stalled engine) is recorded
/// as 10 s and counted in <see cref="Clamped"/>, never dropped and never a failure. Replay feeds carry historical times
/// and backtests a simulated clock: samples below 0 or more than a day off are not latency at all and are counted in
/// <see cref="Skipped"/>.</para>
/// <para>The hook cannot throw: it runs inside the risk stage on every new order, where an exception would refuse the
/// order (<c>StageFault</c>).</para>
/// <para>Soundness: the input slot may be reused by a producer once every consumer has passed it. The read is a
/// seqlock-style check: the timestamp is read, then (after a full fence) the ring's claim cursor; the sample is kept
/// only when the cursor is less than half a ring beyond the source sequence, so no producer can have claimed (let alone
/// written) that slot again; otherwise it is counted in <see cref="Skipped"/>.</para>
/// <para>Reader side: <see cref="Drain"/> (one reader at a time) copies the samples written since the previous drain;
/// when the writer has lapped the reader the overwritten samples are counted in <see cref="Lost"/>.</para>
/// </remarks>
public sealed class TickToOrderRecorder
{
    /// <summary>Samples kept between two drains (a power of two).</summary>
    public const int Capacity = 1 << 16;

    /// <summary>The top of the latency range (10 s): larger samples are recorded as this and counted in <see cref="Clamped"/>.</summary>
    public const long MaxNanoseconds = 10_000_000_000L;

    // Further off than a day the stamp is not live clock time (a replay's history, a simulated clock): skipped.
    private const long NotLiveNanoseconds = 86_400_000_000_000L;
    private readonly long[] samples = new long[Capacity];
    private readonly ValueRingBuffer<InputEvent> input;
    private readonly IClock clock;
    private readonly object drainLock = new();
    private long written;
    private long read;
    private long skipped;
    private long lost;
    private long clamped;

    /// <summary>Creates a recorder over the engine's input ring and the clock that stamps its events.</summary>
    public TickToOrderRecorder(ValueRingBuffer<InputEvent> input, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(clock);
        this.input = input;
        this.clock = clock;
    }

    /// <summary>Samples recorded so far.</summary>
    public long Recorded => Volatile.Read(ref written);

    /// <summary>Orders whose source timestamp was not live clock time, or whose input slot may have been reused.</summary>
    public long Skipped => Volatile.Read(ref skipped);

    /// <summary>Samples above <see cref="MaxNanoseconds"/>, recorded as <see cref="MaxNanoseconds"/>.</summary>
    public long Clamped => Volatile.Read(ref clamped);

    /// <summary>Samples overwritten before a drain read them.</summary>
    public long Lost => Volatile.Read(ref lost);

    /// <summary>The <c>RiskStage.OrderObserved</c> hook: engine thread only; no allocation, no lock.</summary>
    public void Observe(long sourceSequence)
    {
        if (sourceSequence < 0)
        {
            Volatile.Write(ref skipped, skipped + 1); // no source event (an order of no input): nothing to time
            return;
        }

        var now = clock.NowNanoseconds;
        var stamp = input[sourceSequence].Timestamp;
        Interlocked.MemoryBarrier();
        var cursor = input.Cursor;
        var latency = now - stamp;
        if (cursor - sourceSequence >= input.BufferSize / 2 || latency is < 0 or > NotLiveNanoseconds)
        {
            Volatile.Write(ref skipped, skipped + 1);
            return;
        }

        if (latency > MaxNanoseconds)
        {
            latency = MaxNanoseconds;
            Volatile.Write(ref clamped, clamped + 1);
        }

        var n = written;
        samples[n & (Capacity - 1)] = latency;
        Volatile.Write(ref written, n + 1);
    }

    /// <summary>Passes every sample (nanoseconds) written since the previous drain to <paramref name="sink"/>; returns how many.</summary>
    public int Drain(Action<long> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (drainLock)
        {
            var end = Volatile.Read(ref written);
            var start = read;
            if (end - start > Capacity)
            {
                Interlocked.Add(ref lost, end - start - Capacity);
                start = end - Capacity;
            }

            var count = 0;
            for (var i = start; i < end; i++)
            {
                var value = Volatile.Read(ref samples[i & (Capacity - 1)]);
                // The writer may have lapped this slot while we read it: keep the value only if it was not overwritten.
                if (Volatile.Read(ref written) - i >= Capacity)
                {
                    Interlocked.Increment(ref lost);
                    continue;
                }

                sink(value);
                count++;
            }

            read = end;
            return count;
        }
    }
}
