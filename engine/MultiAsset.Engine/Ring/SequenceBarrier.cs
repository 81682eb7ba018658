using System.Runtime.CompilerServices;

namespace MultiAsset.Engine.Ring;

/// <summary>
/// A consumer's view of a ring: which sequences are published and done by every upstream handler. Alerting it
/// wakes the consumer for shutdown.
/// </summary>
public sealed class SequenceBarrier
{
    /// <summary>Returned by waits when the barrier was alerted (shutdown); never a valid sequence.</summary>
    public const long AlertedSequence = long.MinValue;

    private readonly Sequencer sequencer;
    private readonly IWaitStrategy waitStrategy;
    private readonly DependentSequenceGroup dependents;

    // Single-producer rings publish contiguously: the highest published sequence is the cursor itself, no virtual call.
    private readonly bool singleProducer;

    // The sealed multi-producer sequencer when there is one: its availability scan is then a direct call.
    private readonly MultiProducerSequencer? multiProducer;
    private volatile bool alerted;

    internal SequenceBarrier(Sequencer sequencer, IWaitStrategy waitStrategy, Sequence[] dependencies)
    {
        this.sequencer = sequencer;
        this.waitStrategy = waitStrategy;
        dependents = new DependentSequenceGroup(sequencer.CursorSequence, dependencies);
        singleProducer = sequencer is SingleProducerSequencer;
        multiProducer = sequencer as MultiProducerSequencer;
    }

    /// <summary>The wait strategy this barrier's consumer uses.</summary>
    public IWaitStrategy WaitStrategy => waitStrategy;

    /// <summary>The upstream sequences this barrier waits on.</summary>
    public DependentSequenceGroup Dependents => dependents;

    /// <summary>True after <see cref="Alert"/> until <see cref="ClearAlert"/>.</summary>
    public bool IsAlerted => alerted;

    /// <summary>
    /// Waits until <paramref name="sequence"/> is published and processed upstream; returns the highest sequence
    /// that is (≥ <paramref name="sequence"/>), or <see cref="AlertedSequence"/> on alert.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long WaitFor(long sequence) => WaitFor(sequence, long.MaxValue);

    /// <summary>
    /// As <see cref="WaitFor(long)"/>, but looks at no more than <paramref name="maxCount"/> sequences from
    /// <paramref name="sequence"/> on: a consumer that handles at most that many per batch need not have a
    /// multi-producer ring's publication flags scanned beyond them (they would be scanned again next batch).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long WaitFor(long sequence, long maxCount)
    {
        if (alerted)
        {
            return AlertedSequence;
        }

        var available = dependents.Value;
        if (available < sequence)
        {
            available = InvokeWaitStrategy(sequence);
            if (available < sequence)
            {
                return available;
            }
        }

        return singleProducer ? available : HighestPublished(sequence, Limit(sequence, available, maxCount));
    }

    /// <summary>
    /// Non-blocking <see cref="WaitFor(long)"/>: the highest sequence ready for this consumer, or
    /// <paramref name="sequence"/> − 1 when none is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long TryGetAvailable(long sequence) => TryGetAvailable(sequence, long.MaxValue);

    /// <summary>As <see cref="TryGetAvailable(long)"/>, looking at no more than <paramref name="maxCount"/> sequences.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long TryGetAvailable(long sequence, long maxCount)
    {
        var available = dependents.Value;
        return available < sequence ? sequence - 1
            : singleProducer ? available
            : HighestPublished(sequence, Limit(sequence, available, maxCount));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Limit(long sequence, long available, long maxCount)
        => available - sequence >= maxCount ? sequence + maxCount - 1 : available;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long HighestPublished(long sequence, long available)
        => multiProducer is { } multi
            ? multi.GetHighestPublishedSequence(sequence, available)
            : sequencer.GetHighestPublishedSequence(sequence, available);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long InvokeWaitStrategy(long sequence) => waitStrategy.WaitFor(sequence, dependents, this);

    /// <summary>Wakes the consumer: its waits return <see cref="AlertedSequence"/> until cleared.</summary>
    public void Alert()
    {
        alerted = true;
        waitStrategy.SignalAllWhenBlocking();
    }

    /// <summary>Clears a previous alert.</summary>
    public void ClearAlert() => alerted = false;
}
