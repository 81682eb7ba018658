using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// The working limit orders of a simulated venue: a fixed pool of slots, a free list, one time-priority (FIFO) list per
/// instrument so a quote only visits its own instrument's orders, and an id index for cancels. Sized once from
/// <c>maxWorkingOrders</c>; when full, <see cref="TryAdd"/> fails and the venue rejects instead of allocating.
/// </summary>
internal sealed class RestingOrderPool
{
    private readonly RestingOrder[] orders;
    private readonly int[] free;
    private readonly int[] head;
    private readonly int[] tail;
    private readonly ChildOrderIndex index;
    private int freeCount;

    /// <summary>Creates a pool of <paramref name="capacity"/> slots for instruments 0..<paramref name="instrumentCount"/>-1.</summary>
    public RestingOrderPool(int capacity, int instrumentCount)
    {
        orders = new RestingOrder[capacity];
        free = new int[capacity];
        // Pop order 0, 1, 2, …: slots are handed out lowest first.
        for (int i = 0; i < capacity; i++)
        {
            free[i] = capacity - 1 - i;
        }

        freeCount = capacity;
        head = new int[instrumentCount];
        tail = new int[instrumentCount];
        Array.Fill(head, -1);
        Array.Fill(tail, -1);
        index = new ChildOrderIndex(capacity);
    }

    /// <summary>Orders working.</summary>
    public int Count => orders.Length - freeCount;

    /// <summary>Whether every slot is taken.</summary>
    public bool IsFull => freeCount == 0;

    /// <summary>The order in <paramref name="slot"/>.</summary>
    public ref RestingOrder this[int slot] => ref orders[slot];

    /// <summary>First slot of <paramref name="instrument"/>'s time-priority list, or -1.</summary>
    public int First(InstrumentId instrument) => head[instrument.Value];

    /// <summary>Whether a working order has this child id.</summary>
    public bool TryFind(long childOrderId, out int slot) => index.TryGet(childOrderId, out slot);

    /// <summary>Appends an order at the back of its instrument's queue; false when the pool is full or the id is working already.</summary>
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
        int i = order.Instrument.Value;
        o.Previous = tail[i];
        o.Next = -1;
        if (tail[i] >= 0)
        {
            orders[tail[i]].Next = slot;
        }
        else
        {
            head[i] = slot;
        }

        tail[i] = slot;
        return true;
    }

    /// <summary>Unlinks and frees <paramref name="slot"/>.</summary>
    public void Remove(int slot)
    {
        ref var o = ref orders[slot];
        int i = o.Instrument.Value;
        if (o.Previous >= 0)
        {
            orders[o.Previous].Next = o.Next;
        }
        else
        {
            head[i] = o.Next;
        }

        if (o.Next >= 0)
        {
            orders[o.Next].Previous = o.Previous;
        }
        else
        {
            tail[i] = o.Previous;
        }

        index.Remove(o.ChildOrderId);
        o = default;
        free[freeCount++] = slot;
    }

    /// <summary>Adds the working orders, instrument by instrument in time priority (their observable state), to a digest.</summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        builder.Add(Count);
        for (int i = 0; i < head.Length; i++)
        {
            for (int s = head[i]; s >= 0; s = orders[s].Next)
            {
                ref readonly var o = ref orders[s];
                builder.Add(o.ChildOrderId).Add(o.Account.Value).Add(o.Strategy.Value).Add(o.Instrument.Value)
                    .Add((int)o.Side).Add(o.Limit).Add(o.Remaining).Add(o.LastDue);
            }
        }
    }
}
