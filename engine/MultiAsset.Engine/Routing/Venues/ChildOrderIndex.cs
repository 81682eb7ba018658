using System.Numerics;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// Child order id → pool slot, for cancels: open addressing with linear probing over preallocated arrays (at most half
/// full), deletion by backward shift so no tombstones build up. No allocation after construction.
/// </summary>
internal sealed class ChildOrderIndex
{
    private readonly long[] keys;
    private readonly int[] slots; // slot + 1; 0 marks an empty bucket
    private readonly int mask;

    /// <summary>Creates an index for at most <paramref name="capacity"/> live entries.</summary>
    public ChildOrderIndex(int capacity)
    {
        int buckets = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, capacity * 2));
        keys = new long[buckets];
        slots = new int[buckets];
        mask = buckets - 1;
    }

    /// <summary>The slot of <paramref name="childOrderId"/>, if present.</summary>
    public bool TryGet(long childOrderId, out int slot)
    {
        for (int b = Home(childOrderId); slots[b] != 0; b = (b + 1) & mask)
        {
            if (keys[b] == childOrderId)
            {
                slot = slots[b] - 1;
                return true;
            }
        }

        slot = -1;
        return false;
    }

    /// <summary>Adds an id; false when it is already present (a duplicate child id).</summary>
    public bool TryAdd(long childOrderId, int slot)
    {
        int b = Home(childOrderId);
        for (; slots[b] != 0; b = (b + 1) & mask)
        {
            if (keys[b] == childOrderId)
            {
                return false;
            }
        }

        keys[b] = childOrderId;
        slots[b] = slot + 1;
        return true;
    }

    /// <summary>Removes an id if present.</summary>
    public void Remove(long childOrderId)
    {
        int b = Home(childOrderId);
        while (slots[b] != 0 && keys[b] != childOrderId)
        {
            b = (b + 1) & mask;
        }

        if (slots[b] == 0)
        {
            return;
        }

        // Backward-shift: pull later entries of the probe run into the hole when their home is not after it.
        int hole = b;
        for (int next = (hole + 1) & mask; slots[next] != 0; next = (next + 1) & mask)
        {
            int home = Home(keys[next]);
            bool movable = hole <= next ? home <= hole || home > next : home <= hole && home > next;
            if (movable)
            {
                keys[hole] = keys[next];
                slots[hole] = slots[next];
                hole = next;
            }
        }

        keys[hole] = 0;
        slots[hole] = 0;
    }

    // Fibonacci hashing: child ids are often sequential, and the multiply spreads them over the table.
    private int Home(long key) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15UL)) >> 40) & mask;
}
