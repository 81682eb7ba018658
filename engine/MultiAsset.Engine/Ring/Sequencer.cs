using System.Numerics;
using System.Runtime.CompilerServices;

namespace MultiAsset.Engine.Ring;

/// <summary>
/// Hands out ring slots to producers and tracks what is published, never letting producers wrap past the slowest
/// consumer (the gating sequences).
/// </summary>
/// <remarks>
/// Producers either block in <see cref="Next(int)"/> (with <see cref="IdleBackoff"/>, counted in
/// <see cref="FullRingWaits"/>) or use <see cref="TryNext(int, out long)"/>, which never waits.
/// </remarks>
public abstract class Sequencer
{
    private readonly Sequence cursor = new();

    private Sequence[] gatingSequences = [];
    private IWaitStrategy[]? blockingStrategies;
    private long fullRingWaits;

    /// <summary>Creates a sequencer for a ring of <paramref name="bufferSize"/> slots (a power of two, ≥ 2).</summary>
    protected Sequencer(int bufferSize)
    {
        ValidateBufferSize(bufferSize);
        BufferSize = bufferSize;
    }

    /// <summary>Number of slots in the ring.</summary>
    public int BufferSize { get; }

    /// <summary>Producer cursor: for single-producer rings the last published slot, for multi-producer the last claimed.</summary>
    protected Sequence Cursor => cursor;

    /// <summary>The cursor's current value.</summary>
    public long CursorValue => Cursor.Value;

    /// <summary>The cursor itself (consumers with no upstream handler depend on it).</summary>
    public Sequence CursorSequence => Cursor;

    /// <summary>How many times a producer found the ring full and had to wait (or, for TryNext, was refused).</summary>
    public long FullRingWaits => Volatile.Read(ref fullRingWaits);

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="bufferSize"/> is a power of two ≥ 2.</summary>
    public static void ValidateBufferSize(int bufferSize)
    {
        if (bufferSize < 2 || !BitOperations.IsPow2(bufferSize))
        {
            throw new ArgumentException(
                $"Ring size must be a power of two and at least 2, but was {bufferSize}.", nameof(bufferSize));
        }
    }

    /// <summary>Claims the next slot, waiting while the ring is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next() => Next(1);

    /// <summary>Claims <paramref name="n"/> consecutive slots, waiting while the ring is full; returns the highest.</summary>
    public abstract long Next(int n);

    /// <summary>Claims the next slot if there is room now; never waits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(out long sequence) => TryNext(1, out sequence);

    /// <summary>Claims <paramref name="n"/> slots if there is room now; never waits. <paramref name="sequence"/> is the highest.</summary>
    public abstract bool TryNext(int n, out long sequence);

    /// <summary>Makes <paramref name="sequence"/> visible to consumers.</summary>
    public abstract void Publish(long sequence);

    /// <summary>Makes <paramref name="low"/>..<paramref name="high"/> visible to consumers.</summary>
    public abstract void Publish(long low, long high);

    /// <summary>True when <paramref name="sequence"/> is published and not yet overwritten.</summary>
    public abstract bool IsAvailable(long sequence);

    /// <summary>The highest contiguous published sequence in [<paramref name="low"/>, <paramref name="available"/>], or low − 1.</summary>
    public abstract long GetHighestPublishedSequence(long low, long available);

    /// <summary>Free slots right now (a snapshot).</summary>
    public long RemainingCapacity
    {
        get
        {
            var consumed = Sequence.GetMinimum(Volatile.Read(ref gatingSequences), ClaimedValue);
            return BufferSize - (ClaimedValue - consumed);
        }
    }

    /// <summary>The highest claimed sequence (what producers have taken, published or not).</summary>
    protected abstract long ClaimedValue { get; }

    /// <summary>The current gating sequences (consumers at the end of the ring's handler graph).</summary>
    protected Sequence[] GatingSequences
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => gatingSequences;
    }

    /// <summary>Adds consumers that producers must not overtake. Call before producers start.</summary>
    public void AddGatingSequences(params Sequence[] sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var current = Volatile.Read(ref gatingSequences);
        Volatile.Write(ref gatingSequences, [.. current, .. sequences]);
    }

    /// <summary>Creates a barrier for a consumer that waits with <paramref name="waitStrategy"/> after <paramref name="dependencies"/>.</summary>
    public SequenceBarrier NewBarrier(IWaitStrategy waitStrategy, params Sequence[] dependencies)
    {
        ArgumentNullException.ThrowIfNull(waitStrategy);
        if (waitStrategy.IsBlockingStrategy)
        {
            var current = blockingStrategies ?? [];
            if (Array.IndexOf(current, waitStrategy) < 0)
            {
                Volatile.Write(ref blockingStrategies, [.. current, waitStrategy]);
            }
        }

        return new SequenceBarrier(this, waitStrategy, dependencies);
    }

    /// <summary>Wakes consumers that sleep in a blocking wait strategy (after a publish).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void SignalConsumers()
    {
        var strategies = blockingStrategies;
        if (strategies is not null)
        {
            SignalBlocking(strategies);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SignalBlocking(IWaitStrategy[] strategies)
    {
        foreach (var strategy in strategies)
        {
            strategy.SignalAllWhenBlocking();
        }
    }

    /// <summary>Counts one producer wait (or refusal) on a full ring.</summary>
    protected void CountFullRingWait() => Interlocked.Increment(ref fullRingWaits);

    /// <summary>Throws unless 1 ≤ <paramref name="n"/> ≤ <see cref="BufferSize"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void ValidateClaimSize(int n)
    {
        if ((uint)(n - 1) >= (uint)BufferSize)
        {
            ThrowClaimSize(n);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowClaimSize(int n)
        => throw new ArgumentOutOfRangeException(nameof(n), n, $"Claim size must be between 1 and the ring size {BufferSize}.");
}
