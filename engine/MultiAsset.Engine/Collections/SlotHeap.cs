namespace MultiAsset.Engine.Collections;

/// <summary>
/// Binary min-heap steps over an array of slots whose keys live in the owner's own arrays (the router's parent timers,
/// a venue's price-time queues, the risk stage's held orders). Optionally keeps an index slot → heap position, stored
/// with an offset (so that an owner can use 0 for "not in the heap"). No allocation.
/// </summary>
/// <remarks>
/// The steps are deterministic — ties in <see cref="ISlotOrder.Precedes"/> never move a slot — so the same operations
/// always give the same heap order, which the owners' digests and snapshots include.
/// </remarks>
internal static class SlotHeap
{
    /// <summary>
    /// Moves the slot at <paramref name="k"/> up until its parent precedes it; returns its final index. When
    /// <paramref name="position"/> is not empty, every slot moved gets <c>index + positionOffset</c> there.
    /// </summary>
    public static int SiftUp<TOrder>(Span<int> heap, int k, Span<int> position, int positionOffset, in TOrder order)
        where TOrder : struct, ISlotOrder
    {
        int slot = heap[k];
        bool track = !position.IsEmpty;
        while (k > 0)
        {
            int parent = (k - 1) >> 1;
            if (!order.Precedes(slot, heap[parent]))
            {
                break;
            }

            heap[k] = heap[parent];
            if (track)
            {
                position[heap[k]] = k + positionOffset;
            }

            k = parent;
        }

        heap[k] = slot;
        if (track)
        {
            position[slot] = k + positionOffset;
        }

        return k;
    }

    /// <summary>
    /// Moves the slot at <paramref name="k"/> down (among the first <paramref name="count"/>) until no child precedes it;
    /// returns its final index. Positions as in <see cref="SiftUp{TOrder}"/>.
    /// </summary>
    public static int SiftDown<TOrder>(Span<int> heap, int count, int k, Span<int> position, int positionOffset, in TOrder order)
        where TOrder : struct, ISlotOrder
    {
        int slot = heap[k];
        bool track = !position.IsEmpty;
        while (true)
        {
            int left = (2 * k) + 1;
            if (left >= count)
            {
                break;
            }

            int best = left + 1 < count && order.Precedes(heap[left + 1], heap[left]) ? left + 1 : left;
            if (!order.Precedes(heap[best], slot))
            {
                break;
            }

            heap[k] = heap[best];
            if (track)
            {
                position[heap[k]] = k + positionOffset;
            }

            k = best;
        }

        heap[k] = slot;
        if (track)
        {
            position[slot] = k + positionOffset;
        }

        return k;
    }
}
