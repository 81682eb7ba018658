using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Ring;

/// <summary>
/// Sequencer for a ring that several threads publish into. Because producers publish out of order, each slot records
/// the lap it was published in, and consumers only see the contiguous published prefix.
/// </summary>
/// <remarks>
/// <para><see cref="Next(int)"/> claims with one atomic add on the cursor, which always succeeds: under contention a
/// compare-and-swap loop makes the losers re-read and retry (each retry another round trip of the cursor's cache
/// line between cores), an add never does. The claim is made before capacity is known, so a producer that finds its
/// slots still held by the slowest consumer waits for them (they are its own; nobody else can take them).
/// <see cref="TryNext(int, out long)"/>, which must not claim what it cannot use, keeps the compare-and-swap.</para>
/// <para>The slowest consumer's position is cached in a padded field shared by the producers, refreshed only when the
/// cached value no longer proves the claim fits.</para>
/// </remarks>
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Next(int n)
    {
        ValidateClaimSize(n);
        return Claim(n);
    }

    /// <summary>Claims one slot (<see cref="Next(int)"/> with n = 1, without the claim-size check).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long NextOne() => Claim(1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long Claim(int n)
    {
        var next = Cursor.AddAndGet(n);
        var wrapPoint = next - BufferSize;
        var cached = gatingSequenceCache.Value;
        if (wrapPoint > cached || cached > next)
        {
            WaitForCapacity(next - n, wrapPoint);
        }

        return next;
    }

    /// <summary>Waits until the slowest consumer has released <paramref name="wrapPoint"/>; refreshes the cache.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForCapacity(long current, long wrapPoint)
    {
        long gating;
        var backoff = IdleBackoff.FullRing;
        var counted = false;
        while (wrapPoint > (gating = Sequence.GetMinimum(GatingSequences, current)))
        {
            if (!counted)
            {
                CountFullRingWait();
                counted = true;
            }

            backoff.Idle();
        }

        // Another producer may have refreshed it further meanwhile (a stale value only costs an early refresh).
        if (gating > gatingSequenceCache.Value)
        {
            gatingSequenceCache.SetValue(gating);
        }
    }

    /// <inheritdoc />
    public override bool TryNext(int n, out long sequence)
    {
        ValidateClaimSize(n);
        while (true)
        {
            var current = Cursor.Value;
            var next = current + n;
            var wrapPoint = next - BufferSize;
            var cached = gatingSequenceCache.Value;
            if (wrapPoint > cached || cached > current)
            {
                var gating = Sequence.GetMinimum(GatingSequences, current);
                gatingSequenceCache.SetValue(gating);
                if (wrapPoint > gating)
                {
                    CountFullRingWait();
                    sequence = Sequence.InitialValue;
                    return false;
                }
            }

            if (Cursor.CompareAndSet(current, next))
            {
                sequence = next;
                return true;
            }
        }
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
