namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// A bounded single-producer single-consumer queue of structs between two stages on the same ring, the later gated on
/// the earlier (the risk stage hands orders it released from a hold to the router when both see the same heartbeat).
/// Chained, both run on one thread and the consumer takes what the producer put in while handling the same event, so the
/// hand-off is a function of the input order. Staged, the consumer reads behind the producer's published sequence, so
/// what the producer wrote before it published the slot is visible (<see cref="Volatile"/> head and tail). Preallocated;
/// no allocation, no lock.
/// </summary>
/// <typeparam name="T">The item (copied in and out).</typeparam>
public sealed class HandOffQueue<T>
    where T : struct
{
    private readonly T[] items;
    private long head;
    private long tail;

    /// <summary>Creates a queue of <paramref name="capacity"/> items (rounded up to a power of two).</summary>
    public HandOffQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        items = new T[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity)];
    }

    /// <summary>Items waiting.</summary>
    public long Count => Volatile.Read(ref tail) - Volatile.Read(ref head);

    /// <summary>Adds <paramref name="item"/> (producer only); false when full.</summary>
    public bool TryAdd(in T item)
    {
        var t = tail;
        if (t - Volatile.Read(ref head) >= items.Length)
        {
            return false;
        }

        items[t & (items.Length - 1)] = item;
        Volatile.Write(ref tail, t + 1);
        return true;
    }

    /// <summary>Takes the oldest item (consumer only).</summary>
    public bool TryTake(out T item)
    {
        var h = head;
        if (h == Volatile.Read(ref tail))
        {
            item = default;
            return false;
        }

        item = items[h & (items.Length - 1)];
        Volatile.Write(ref head, h + 1);
        return true;
    }
}
