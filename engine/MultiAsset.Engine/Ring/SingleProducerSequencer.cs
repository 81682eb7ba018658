using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Ring;

/// <summary>Sequencer for a ring with exactly one producing thread: claims are plain field writes.</summary>
public sealed class SingleProducerSequencer : Sequencer
{
    /// <summary>Producer-private state, padded away from the cursor that consumers read.</summary>
    [StructLayout(LayoutKind.Explicit, Size = RingPadding.Bytes * 2 + 16)]
    private struct ProducerState
    {
        /// <summary>Highest claimed sequence.</summary>
        [FieldOffset(RingPadding.Bytes)]
        public long NextValue;

        /// <summary>Last seen minimum of the gating sequences (saves re-reading them on every claim).</summary>
        [FieldOffset(RingPadding.Bytes + 8)]
        public long CachedGatingValue;
    }

    private ProducerState state;

    /// <summary>Creates a single-producer sequencer for <paramref name="bufferSize"/> slots.</summary>
    public SingleProducerSequencer(int bufferSize)
        : base(bufferSize)
    {
        state.NextValue = Sequence.InitialValue;
        state.CachedGatingValue = Sequence.InitialValue;
    }

    /// <inheritdoc />
    protected override long ClaimedValue => state.NextValue;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Next(int n)
    {
        ValidateClaimSize(n);
        var current = state.NextValue;
        var next = current + n;
        var wrapPoint = next - BufferSize;
        if (MayLackCapacity(current, wrapPoint))
        {
            WaitForCapacity(current, wrapPoint);
        }

        state.NextValue = next;
        return next;
    }

    /// <summary>Claims one slot (<see cref="Next(int)"/> with n = 1, without the claim-size check).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long NextOne()
    {
        var current = state.NextValue;
        var next = current + 1;
        var wrapPoint = next - BufferSize;
        if (MayLackCapacity(current, wrapPoint))
        {
            WaitForCapacity(current, wrapPoint);
        }

        state.NextValue = next;
        return next;
    }

    /// <summary>
    /// True unless the cached slowest-consumer position already proves the claim fits (the cache being ahead of
    /// <paramref name="current"/> means it is stale from before a reset, so it proves nothing).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool MayLackCapacity(long current, long wrapPoint)
    {
        var cached = state.CachedGatingValue;
        return wrapPoint > cached || cached > current;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForCapacity(long current, long wrapPoint)
    {
        // Store-load fence: the consumers' progress must be read after our last publish is visible.
        Interlocked.MemoryBarrier();
        long minSequence;
        var backoff = IdleBackoff.SingleProducerFullRing;
        var counted = false;
        while (wrapPoint > (minSequence = Sequence.GetMinimum(GatingSequences, current)))
        {
            if (!counted)
            {
                CountFullRingWait();
                counted = true;
            }

            backoff.Idle();
        }

        state.CachedGatingValue = minSequence;
    }

    /// <inheritdoc />
    public override bool TryNext(int n, out long sequence)
    {
        ValidateClaimSize(n);
        var current = state.NextValue;
        var next = current + n;
        var wrapPoint = next - BufferSize;
        if (MayLackCapacity(current, wrapPoint))
        {
            Interlocked.MemoryBarrier();
            var minSequence = Sequence.GetMinimum(GatingSequences, current);
            state.CachedGatingValue = minSequence;
            if (wrapPoint > minSequence)
            {
                CountFullRingWait();
                sequence = Sequence.InitialValue;
                return false;
            }
        }

        state.NextValue = next;
        sequence = next;
        return true;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long sequence)
    {
        Cursor.SetValue(sequence);
        SignalConsumers();
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long low, long high) => Publish(high);

    /// <inheritdoc />
    public override bool IsAvailable(long sequence)
    {
        var cursor = Cursor.Value;
        return sequence <= cursor && sequence > cursor - BufferSize;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long GetHighestPublishedSequence(long low, long available) => available;
}
