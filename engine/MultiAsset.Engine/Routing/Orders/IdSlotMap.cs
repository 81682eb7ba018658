using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Routing.Orders;

/// <summary>
/// A preallocated map from a positive long id to a table slot: open addressing with linear probing and backward-shift
/// deletion (no tombstones), so lookups stay short however many ids come and go. Capacity is a power of two at least
/// twice the most entries it will hold. Allocation-free; single-threaded; deterministic (its layout is a function of the
/// order of operations).
/// </summary>
public sealed class IdSlotMap
{
    private readonly long[] keys;
    private readonly int[] values;
    private readonly int mask;

    /// <summary>Creates a map for up to <paramref name="maxEntries"/> ids.</summary>
    public IdSlotMap(int maxEntries)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        var capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, maxEntries * 2));
        keys = new long[capacity];
        values = new int[capacity];
        mask = capacity - 1;
    }

    /// <summary>Ids held.</summary>
    public int Count { get; private set; }

    /// <summary>The slot of <paramref name="id"/>, or −1.</summary>
    public int Get(long id)
    {
        if (id <= 0)
        {
            return -1;
        }

        for (var i = Home(id); ; i = (i + 1) & mask)
        {
            var key = keys[i];
            if (key == id)
            {
                return values[i];
            }

            if (key == 0)
            {
                return -1;
            }
        }
    }

    /// <summary>Sets the slot of <paramref name="id"/> (positive); false when the map is full.</summary>
    public bool Set(long id, int slot)
    {
        if (id <= 0)
        {
            return false;
        }

        for (var i = Home(id); ; i = (i + 1) & mask)
        {
            var key = keys[i];
            if (key == id)
            {
                values[i] = slot;
                return true;
            }

            if (key == 0)
            {
                if (Count >= (mask + 1) / 2)
                {
                    return false;
                }

                keys[i] = id;
                values[i] = slot;
                Count++;
                return true;
            }
        }
    }

    /// <summary>Removes <paramref name="id"/> (no-op when absent).</summary>
    public void Remove(long id)
    {
        if (id <= 0)
        {
            return;
        }

        var i = Home(id);
        while (keys[i] != id)
        {
            if (keys[i] == 0)
            {
                return;
            }

            i = (i + 1) & mask;
        }

        // Backward shift: move later entries of the probe run into the hole when their home allows it.
        var hole = i;
        for (var j = (hole + 1) & mask; keys[j] != 0; j = (j + 1) & mask)
        {
            var home = Home(keys[j]);
            if (((j - home) & mask) >= ((j - hole) & mask))
            {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }

        keys[hole] = 0;
        values[hole] = 0;
        Count--;
    }

    /// <summary>Adds the map's content to a digest.</summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(Count);
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] != 0)
            {
                builder.Add(keys[i]).Add(values[i]);
            }
        }
    }

    private int Home(long id) => (int)((ulong)(id * unchecked((long)0x9E3779B97F4A7C15)) >> 40) & mask;
}
