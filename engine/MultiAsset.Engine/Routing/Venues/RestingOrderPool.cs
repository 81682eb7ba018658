using MultiAsset.Engine.Collections;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// The working limit orders of a simulated venue: a fixed pool of slots, a free list, an id index for cancels, and one
/// price-time priority queue per instrument and side — a binary heap of slots, best limit first (highest bid, lowest
/// offer), then arrival — so a quote or bar visits only the orders it can fill, best first: O(fills · log n), never a
/// walk over the book. Sized once from <c>maxWorkingOrders</c>; when full, <see cref="TryAdd"/> fails and the venue
/// rejects instead of allocating.
/// </summary>
/// <remarks>
/// A side's heap array starts at 16 slots and doubles (up to the pool's capacity) the first time that instrument and side hold
/// more orders than it has room for: an allocation at a new high-water mark (warm-up), never per order after that.
/// </remarks>
internal sealed class RestingOrderPool
{
    private const int InitialHeap = 16;

    private readonly RestingOrder[] orders;
    private readonly int[] free;
    private readonly int[] position; // slot → index in its side's heap
    private readonly int[][] heaps;  // instrument × 2 + (0 buy, 1 sell) → slots
    private readonly int[] heapCount;
    private readonly ChildOrderIndex index;
    private int freeCount;
    private long nextSequence;

    /// <summary>Creates a pool of <paramref name="capacity"/> slots for instruments 0..<paramref name="instrumentCount"/>-1.</summary>
    public RestingOrderPool(int capacity, int instrumentCount)
    {
        orders = new RestingOrder[capacity];
        free = new int[capacity];
        position = new int[capacity];
        // Pop order 0, 1, 2, …: slots are handed out lowest first.
        for (int i = 0; i < capacity; i++)
        {
            free[i] = capacity - 1 - i;
        }

        freeCount = capacity;
        heaps = new int[instrumentCount * 2][];
        for (int h = 0; h < heaps.Length; h++)
        {
            heaps[h] = new int[Math.Min(InitialHeap, Math.Max(1, capacity))];
        }

        heapCount = new int[instrumentCount * 2];
        index = new ChildOrderIndex(capacity);
    }

    /// <summary>Orders working.</summary>
    public int Count => orders.Length - freeCount;

    /// <summary>Whether every slot is taken.</summary>
    public bool IsFull => freeCount == 0;

    /// <summary>The order in <paramref name="slot"/>.</summary>
    public ref RestingOrder this[int slot] => ref orders[slot];

    /// <summary>Orders working on one side of <paramref name="instrument"/>.</summary>
    public int CountOf(InstrumentId instrument, bool buy) => heapCount[Heap(instrument.Value, buy)];

    /// <summary>
    /// The slot of the best order on one side of <paramref name="instrument"/> (buy: highest limit; sell: lowest; then
    /// earliest), or -1 when none rests there.
    /// </summary>
    public int Best(InstrumentId instrument, bool buy)
    {
        int h = Heap(instrument.Value, buy);
        return heapCount[h] > 0 ? heaps[h][0] : -1;
    }

    /// <summary>The slot at <paramref name="k"/> in the side's heap array (0 ≤ k &lt; <see cref="CountOf"/>; heap order, not price order).</summary>
    public int At(InstrumentId instrument, bool buy, int k) => heaps[Heap(instrument.Value, buy)][k];

    /// <summary>Whether a working order has this child id.</summary>
    public bool TryFind(long childOrderId, out int slot) => index.TryGet(childOrderId, out slot);

    /// <summary>Queues an order by price, then arrival; false when the pool is full or the id is working already.</summary>
    public bool TryAdd(in RestingOrder order, out int slot)
    {
        slot = -1;
        if (freeCount == 0 || index.TryGet(order.ChildOrderId, out _))
        {
            return false;
        }

        slot = free[--freeCount];
        index.TryAdd(order.ChildOrderId, slot);
        ref var o = ref orders[slot];
        o = order;
        o.Sequence = nextSequence++;
        int h = Heap(order.Instrument.Value, order.Side == OrderSide.Buy);
        if (heapCount[h] == heaps[h].Length)
        {
            Grow(h);
        }

        int k = heapCount[h]++;
        heaps[h][k] = slot;
        position[slot] = k;
        SiftUp(h, k);
        return true;
    }

    /// <summary>Unqueues and frees <paramref name="slot"/>.</summary>
    public void Remove(int slot)
    {
        Detach(slot);
        ref var o = ref orders[slot];
        index.Remove(o.ChildOrderId);
        o = default;
        position[slot] = 0;
        free[freeCount++] = slot;
    }

    /// <summary>
    /// Takes <paramref name="slot"/> out of its side's queue but keeps it working (id, slot, arrival number): a match that
    /// must pass over it (a bar does not fill orders placed after it) puts it back with <see cref="Attach"/>.
    /// </summary>
    public void Detach(int slot)
    {
        ref var o = ref orders[slot];
        int h = Heap(o.Instrument.Value, o.Side == OrderSide.Buy);
        int k = position[slot];
        int last = --heapCount[h];
        var heap = heaps[h];
        if (k != last)
        {
            int moved = heap[last];
            heap[k] = moved;
            position[moved] = k;
            heap[last] = 0;
            SiftDown(h, k);
            SiftUp(h, position[moved]);
        }
        else
        {
            heap[last] = 0;
        }
    }

    /// <summary>Puts a detached order back in its queue, at its original priority.</summary>
    public void Attach(int slot)
    {
        int h = Heap(orders[slot].Instrument.Value, orders[slot].Side == OrderSide.Buy);
        int k = heapCount[h]++;
        heaps[h][k] = slot;
        position[slot] = k;
        SiftUp(h, k);
    }

    /// <summary>Adds the working orders, instrument by instrument and side by side in heap order (their observable state), to a digest.</summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        builder.Add(Count).Add(nextSequence);
        for (int h = 0; h < heaps.Length; h++)
        {
            for (int k = 0; k < heapCount[h]; k++)
            {
                ref readonly var o = ref orders[heaps[h][k]];
                builder.Add(o.ChildOrderId).Add(o.Account.Value).Add(o.Strategy.Value).Add(o.Instrument.Value)
                    .Add((int)o.Side).Add(o.Limit).Add(o.Remaining).Add(o.LastDue).Add(o.Placed).Add(o.Sequence);
            }
        }
    }

    private static int Heap(int instrument, bool buy) => (instrument * 2) + (buy ? 0 : 1);

    private void SiftUp(int h, int k) => SlotHeap.SiftUp(heaps[h], k, position, 0, new PriceTimeOrder(orders));

    private void SiftDown(int h, int k) => SlotHeap.SiftDown(heaps[h], heapCount[h], k, position, 0, new PriceTimeOrder(orders));

    private void Grow(int h)
    {
        var bigger = new int[Math.Min(orders.Length, Math.Max(InitialHeap, heaps[h].Length * 2))];
        Array.Copy(heaps[h], bigger, heapCount[h]);
        heaps[h] = bigger;
    }

    // Whether slot a comes before slot b in its side's queue: the better limit, then the earlier arrival.
    private readonly struct PriceTimeOrder(RestingOrder[] orders) : ISlotOrder
    {
        public bool Precedes(int a, int b)
        {
            ref readonly var x = ref orders[a];
            ref readonly var y = ref orders[b];
            if (x.Limit != y.Limit)
            {
                return x.Side == OrderSide.Buy ? x.Limit > y.Limit : x.Limit < y.Limit;
            }

            return x.Sequence < y.Sequence;
        }
    }
}
