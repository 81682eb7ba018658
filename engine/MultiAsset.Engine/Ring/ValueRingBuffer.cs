using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Ring;

/// <summary>
/// A preallocated ring of <typeparamref name="T"/> structs. Producers claim slots, fill them in place by
/// <c>ref</c> and publish; consumers read them in place by <c>ref</c>. Nothing is allocated after construction.
/// </summary>
/// <remarks>
/// <para>Publishing a half-filled event is impossible through <see cref="PublishEvent{TTranslator}"/> and
/// <see cref="Claim"/>: if filling throws, the slot is still published (a claimed sequence must be, or consumers
/// stall) but marked invalid, and event processors skip and count it instead of handing it to handlers.</para>
/// <para>The entry array is padded by <see cref="RingPadding.ArrayBytes"/> on each side so that the first and last
/// slots do not share cache lines with other objects.</para>
/// </remarks>
public sealed class ValueRingBuffer<T>
    where T : struct
{
    private static readonly int PaddingElements = Math.Max(1, (RingPadding.ArrayBytes + Unsafe.SizeOf<T>() - 1) / Unsafe.SizeOf<T>());

    private readonly T[] entries;
    private readonly long indexMask;

    // invalidSlots[i] == s means the slot's publication with sequence s failed to fill. Sequences only grow, so a
    // stale marker from an earlier lap never matches and nothing has to be cleared on the success path.
    private readonly long[] invalidSlots;
    private readonly Sequencer sequencer;

    // The sealed single-producer sequencer when there is one: claims and publishes are then direct, inlined calls
    // instead of virtual calls through the abstract sequencer.
    private readonly SingleProducerSequencer? singleProducer;

    // Likewise the sealed multi-producer sequencer.
    private readonly MultiProducerSequencer? multiProducer;

    // Set (forever) by the first MarkInvalid, before that slot is published: until then consumers skip the per-event
    // validity check.
    private volatile bool hasInvalidSlots;

    /// <summary>Creates a ring of <paramref name="bufferSize"/> slots (a power of two, ≥ 2).</summary>
    public ValueRingBuffer(int bufferSize, ProducerType producerType = ProducerType.Single)
        : this(producerType == ProducerType.Single
            ? new SingleProducerSequencer(bufferSize)
            : new MultiProducerSequencer(bufferSize))
    {
    }

    /// <summary>Creates a ring over an existing sequencer.</summary>
    public ValueRingBuffer(Sequencer sequencer)
    {
        ArgumentNullException.ThrowIfNull(sequencer);
        this.sequencer = sequencer;
        singleProducer = sequencer as SingleProducerSequencer;
        multiProducer = sequencer as MultiProducerSequencer;
        entries = new T[sequencer.BufferSize + (2 * PaddingElements)];
        indexMask = sequencer.BufferSize - 1;
        invalidSlots = new long[sequencer.BufferSize];
        invalidSlots.AsSpan().Fill(Sequence.InitialValue);
    }

    /// <summary>The sequencer that coordinates this ring's producers and consumers.</summary>
    public Sequencer Sequencer => sequencer;

    /// <summary>Number of slots.</summary>
    public int BufferSize => sequencer.BufferSize;

    /// <summary>The producer cursor's value.</summary>
    public long Cursor => sequencer.CursorValue;

    /// <summary>The slot for <paramref name="sequence"/>, by reference.</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(entries), PaddingElements + (int)(sequence & indexMask));
    }

    /// <summary>The first slot (sequence 0 of every lap), for consumers' loops: slot s is <c>Unsafe.Add(ref FirstSlot, (nint)(s &amp; IndexMask))</c>.</summary>
    internal ref T FirstSlot
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(entries), PaddingElements);
    }

    /// <summary>Size − 1: a sequence's slot index is <c>sequence &amp; IndexMask</c>.</summary>
    internal long IndexMask => indexMask;

    /// <summary>Claims the next slot, waiting while the ring is full. Fill it, then <see cref="Publish(long)"/> it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next()
        => singleProducer is { } single ? single.NextOne()
            : multiProducer is { } multi ? multi.NextOne()
            : sequencer.Next(1);

    /// <summary>Claims <paramref name="n"/> slots; returns the highest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(int n) => sequencer.Next(n);

    /// <summary>Claims the next slot if the ring has room now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(out long sequence) => sequencer.TryNext(1, out sequence);

    /// <summary>Claims <paramref name="n"/> slots if the ring has room now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(int n, out long sequence) => sequencer.TryNext(n, out sequence);

    /// <summary>Publishes a claimed slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        if (singleProducer is { } single)
        {
            single.Publish(sequence);
        }
        else if (multiProducer is { } multi)
        {
            multi.Publish(sequence);
        }
        else
        {
            sequencer.Publish(sequence);
        }
    }

    /// <summary>Publishes a claimed range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long low, long high) => sequencer.Publish(low, high);

    /// <summary>
    /// Claims a slot, fills it with <paramref name="translator"/> and publishes it. If the translator throws, the
    /// slot is published as invalid (consumers skip it) and the exception propagates.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long PublishEvent<TTranslator>(ref TTranslator translator)
        where TTranslator : struct, IEventTranslator<T>
    {
        var sequence = Next();
        FillAndPublish(ref translator, sequence);
        return sequence;
    }

    /// <summary>As <see cref="PublishEvent{TTranslator}"/>, but returns false instead of waiting when the ring is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPublishEvent<TTranslator>(ref TTranslator translator)
        where TTranslator : struct, IEventTranslator<T>
    {
        if (!sequencer.TryNext(1, out var sequence))
        {
            return false;
        }

        FillAndPublish(ref translator, sequence);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void FillAndPublish<TTranslator>(ref TTranslator translator, long sequence)
        where TTranslator : struct, IEventTranslator<T>
    {
        try
        {
            translator.Translate(ref this[sequence], sequence);
        }
        catch
        {
            MarkInvalid(sequence);
            Publish(sequence);
            throw;
        }

        Publish(sequence);
    }

    /// <summary>
    /// Claims a slot for in-place filling: <c>using var claim = ring.Claim(); claim.Event.X = ...; claim.Commit();</c>.
    /// Disposing without <see cref="ClaimedSlot{T}.Commit"/> (e.g. because filling threw) publishes the slot as invalid.
    /// </summary>
    public ClaimedSlot<T> Claim()
    {
        var sequence = Next();
        return new ClaimedSlot<T>(this, sequence);
    }

    /// <summary>Marks a claimed, unpublished slot as not to be processed; it must still be published.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void MarkInvalid(long sequence)
    {
        invalidSlots[(int)(sequence & indexMask)] = sequence;
        hasInvalidSlots = true;
    }

    /// <summary>
    /// True once any slot was marked invalid. Read after acquiring a published sequence, it is true if any slot up to
    /// that sequence is invalid, so consumers check <see cref="IsValid"/> per event only then.
    /// </summary>
    public bool HasInvalidSlots
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => hasInvalidSlots;
    }

    /// <summary>False when the publication of <paramref name="sequence"/> failed to fill its slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsValid(long sequence)
        => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(invalidSlots), (int)(sequence & indexMask)) != sequence;

    /// <summary>
    /// The last valid sequence in [<paramref name="from"/>, <paramref name="end"/>], or <c>from - 1</c> when every one is
    /// invalid. Consumers hand <c>endOfBatch</c> to this event, so a batch whose last slot is invalid still ends (the
    /// journal flushes at the end of each batch). Only called when <see cref="HasInvalidSlots"/> is set.
    /// </summary>
    public long LastValid(long from, long end)
    {
        var last = end;
        while (last >= from && !IsValid(last))
        {
            last--;
        }

        return last;
    }

    /// <summary>Creates a consumer barrier that waits with <paramref name="waitStrategy"/> after <paramref name="dependencies"/>.</summary>
    public SequenceBarrier NewBarrier(IWaitStrategy waitStrategy, params Sequence[] dependencies)
        => sequencer.NewBarrier(waitStrategy, dependencies);

    /// <summary>Adds consumer sequences the producers must not overtake.</summary>
    public void AddGatingSequences(params Sequence[] sequences) => sequencer.AddGatingSequences(sequences);
}
