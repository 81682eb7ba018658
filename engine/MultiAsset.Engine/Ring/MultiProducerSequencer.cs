using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Ring;

/// <summary>
/// Sequencer for a ring that several threads publish into. Slots are claimed with a CAS on the cursor; because
/// producers publish out of order, each slot records the lap it was published in, and consumers only see the
/// contiguous published prefix.
/// </summary>
public sealed class MultiProducerSequencer : Sequencer
{
    private readonly Sequence gatingSequenceCache = new();

    // One int per slot: the lap number (sequence >> indexShift) of the last publish into it.
    private readonly int[] availableBuffer;
    private readonly int indexMask;
    private readonly int indexShift;

    /// <summary>Creates a multi-producer sequencer for <paramref name="bufferSize"/> slots.</summary>
    public MultiProducerSequencer(int bufferSize)
        : base(bufferSize)
    {
        availableBuffer = new int[bufferSize];
        availableBuffer.AsSpan().Fill(-1);
        indexMask = bufferSize - 1;
        indexShift = BitOperations.Log2((uint)bufferSize);
    }

    /// <inheritdoc />
    protected override long ClaimedValue => Cursor.Value;

    /// <inheritdoc />
    public override long Next(int n)
    {
        ValidateClaimSize(n);
        var backoff = IdleBackoff.Default;
        var counted = false;
        long sequence;
        ClaimAttempt attempt;
        while ((attempt = TryClaimOnce(n, out sequence)) != ClaimAttempt.Claimed)
        {
            if (attempt == ClaimAttempt.RingFull)
            {
                if (!counted)
                {
                    CountFullRingWait();
                    counted = true;
                }

                backoff.Idle();
            }
        }

        return sequence;
    }

    /// <inheritdoc />
    public override bool TryNext(int n, out long sequence)
    {
        ValidateClaimSize(n);
        ClaimAttempt attempt;
        while ((attempt = TryClaimOnce(n, out sequence)) != ClaimAttempt.Claimed)
        {
            if (attempt == ClaimAttempt.RingFull)
            {
                CountFullRingWait();
                return false;
            }
        }

        return true;
    }

    private enum ClaimAttempt
    {
        Claimed,
        RingFull,
        Contended,
    }

    /// <summary>One attempt to claim <paramref name="n"/> slots: succeeds, finds the ring full, or loses a CAS race.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ClaimAttempt TryClaimOnce(int n, out long sequence)
    {
        var current = Cursor.Value;
        var next = current + n;
        var wrapPoint = next - BufferSize;
        var cachedGating = gatingSequenceCache.Value;
        sequence = Sequence.InitialValue;
        if (wrapPoint > cachedGating || cachedGating > current)
        {
            var gating = Sequence.GetMinimum(GatingSequences, current);
            gatingSequenceCache.SetValue(gating);
            if (wrapPoint > gating)
            {
                return ClaimAttempt.RingFull;
            }
        }

        if (!Cursor.CompareAndSet(current, next))
        {
            return ClaimAttempt.Contended;
        }

        sequence = next;
        return ClaimAttempt.Claimed;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long sequence)
    {
        SetAvailable(sequence);
        SignalConsumers();
    }

    /// <inheritdoc />
    public override void Publish(long low, long high)
    {
        for (var s = low; s <= high; s++)
        {
            SetAvailable(s);
        }

        SignalConsumers();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetAvailable(long sequence)
    {
        ref var slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(availableBuffer), (int)sequence & indexMask);
        Volatile.Write(ref slot, (int)(sequence >> indexShift));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override bool IsAvailable(long sequence)
    {
        ref var slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(availableBuffer), (int)sequence & indexMask);
        return Volatile.Read(ref slot) == (int)(sequence >> indexShift);
    }

    /// <inheritdoc />
    public override long GetHighestPublishedSequence(long low, long available)
    {
        for (var sequence = low; sequence <= available; sequence++)
        {
            if (!IsAvailable(sequence))
            {
                return sequence - 1;
            }
        }

        return available;
    }
}
