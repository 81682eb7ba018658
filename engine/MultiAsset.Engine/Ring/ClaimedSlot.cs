using System.Runtime.CompilerServices;

namespace MultiAsset.Engine.Ring;

/// <summary>
/// A claimed ring slot being filled in place. <see cref="Commit"/> publishes it; <see cref="Dispose"/> without a
/// commit publishes it marked invalid, so a half-written event is never processed as valid.
/// </summary>
public ref struct ClaimedSlot<T>
    where T : struct
{
    private readonly ValueRingBuffer<T> ring;
    private bool published;

    internal ClaimedSlot(ValueRingBuffer<T> ring, long sequence)
    {
        this.ring = ring;
        Sequence = sequence;
        published = false;
    }

    /// <summary>The claimed sequence.</summary>
    public long Sequence { get; }

    /// <summary>The slot to fill.</summary>
    public readonly ref T Event
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref ring[Sequence];
    }

    /// <summary>Publishes the filled slot.</summary>
    public void Commit()
    {
        if (!published)
        {
            published = true;
            ring.Publish(Sequence);
        }
    }

    /// <summary>Publishes the slot as invalid unless it was committed.</summary>
    public void Dispose()
    {
        if (!published)
        {
            published = true;
            ring.MarkInvalid(Sequence);
            ring.Publish(Sequence);
        }
    }
}
