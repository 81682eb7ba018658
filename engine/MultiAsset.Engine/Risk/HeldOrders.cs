using MultiAsset.Engine.Collections;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// Orders the gate held until the open (<see cref="RiskVerdict.HeldUntilOpen"/>: the market is closed and the account's
/// <c>closedMarket</c> policy is Hold). The risk stage keeps them, with the instrument's next open as their release time;
/// on the first heartbeat at or after it the gate checks each again, on event time, and the stage hands the order with
/// its new verdict to the router (<see cref="Released"/>), which works it if accepted and refuses it otherwise — or holds
/// it again when the market is still closed. A kill switch drops the account's held orders (the router cancels them).
/// </summary>
/// <remarks>
/// Preallocated (<see cref="Capacity"/> orders) in slots, ordered by a binary min-heap on (release time, order of holding):
/// a heartbeat with nothing due costs one comparison, a release O(log n) — never a walk over the held orders. Released
/// earliest release time first, then in the order they were held. A hold beyond the capacity is refused as
/// <see cref="RiskVerdict.MarketClosed"/> and counted in <see cref="Overflow"/>. No allocation per order or heartbeat.
/// Part of the risk stage's digest and snapshot.
/// </remarks>
public sealed class HeldOrders
{
    /// <summary>Orders held at once.</summary>
    public const int Capacity = 1024;

    private readonly OrderEvent[] orders = new OrderEvent[Capacity];
    private readonly long[] releaseAt = new long[Capacity];
    private readonly long[] heldAs = new long[Capacity]; // order of holding (ties of release time)
    private readonly int[] heap = new int[Capacity];     // slots
    private readonly int[] free = new int[Capacity];
    private int count;
    private int freeCount;
    private long nextSequence;

    /// <summary>Creates an empty store; slots 0, 1, 2, … are handed out lowest first.</summary>
    public HeldOrders()
    {
        for (var i = 0; i < Capacity; i++)
        {
            free[i] = Capacity - 1 - i;
        }

        freeCount = Capacity;
    }

    /// <summary>Orders released from a hold, with the gate's new verdict, waiting for the router (same heartbeat).</summary>
    public HandOffQueue<OrderEvent> Released { get; } = new(Capacity);

    /// <summary>Orders held now.</summary>
    public int Count => count;

    /// <summary>Holds refused because <see cref="Capacity"/> orders were held already.</summary>
    public long Overflow { get; private set; }

    /// <summary>The earliest release time, or <see cref="long.MaxValue"/> when nothing is held.</summary>
    public long NextDue => count == 0 ? long.MaxValue : releaseAt[heap[0]];

    /// <summary>Holds <paramref name="order"/> until <paramref name="releaseTime"/>; false when full.</summary>
    public bool TryHold(in OrderEvent order, long releaseTime)
    {
        if (count == Capacity)
        {
            Overflow++;
            return false;
        }

        var slot = free[--freeCount];
        orders[slot] = order;
        releaseAt[slot] = releaseTime;
        heldAs[slot] = nextSequence++;
        heap[count] = slot;
        SiftUp(count++);
        return true;
    }

    /// <summary>
    /// Takes the held order due first at or before <paramref name="now"/> (earliest release, then held first), or false
    /// when none is due.
    /// </summary>
    public bool TryTakeDue(long now, out OrderEvent order)
    {
        if (count == 0 || releaseAt[heap[0]] > now)
        {
            order = default;
            return false;
        }

        var slot = heap[0];
        order = orders[slot];
        RemoveAt(0);
        return true;
    }

    /// <summary>Drops the held orders of <paramref name="account"/> (<see cref="AccountId.None"/>: every account).</summary>
    public void Drop(AccountId account)
    {
        // A kill switch (a command, not the per-event path): keep the others, then restore the heap order (Floyd).
        var kept = 0;
        for (var k = 0; k < count; k++)
        {
            var slot = heap[k];
            if (!account.IsValid || orders[slot].Account == account)
            {
                Free(slot);
            }
            else
            {
                heap[kept++] = slot;
            }
        }

        Array.Clear(heap, kept, count - kept);
        count = kept;
        for (var k = (count / 2) - 1; k >= 0; k--)
        {
            SiftDown(k);
        }
    }

    /// <summary>Adds the held orders (in heap order, which the same operations always reproduce) to a digest.</summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(count).Add(Overflow).Add(NextDue).Add(nextSequence);
        for (var k = 0; k < count; k++)
        {
            builder.Add(orders[heap[k]].OrderId).Add(releaseAt[heap[k]]).Add(heldAs[heap[k]]);
        }
    }

    private void RemoveAt(int k)
    {
        Free(heap[k]);
        var last = --count;
        if (k != last)
        {
            heap[k] = heap[last];
            heap[last] = 0;
            if (SiftDown(k) == k)
            {
                SiftUp(k);
            }
        }
        else
        {
            heap[last] = 0;
        }
    }

    private void Free(int slot)
    {
        orders[slot] = default;
        releaseAt[slot] = 0;
        heldAs[slot] = 0;
        free[freeCount++] = slot;
    }

    private void SiftUp(int k) => SlotHeap.SiftUp(heap, k, default, 0, new ReleaseOrder(releaseAt, heldAs));

    private int SiftDown(int k) => SlotHeap.SiftDown(heap, count, k, default, 0, new ReleaseOrder(releaseAt, heldAs));

    // Earlier release first; ties in the order held.
    private readonly struct ReleaseOrder(long[] releaseAt, long[] heldAs) : ISlotOrder
    {
        public bool Precedes(int a, int b) => releaseAt[a] < releaseAt[b] || (releaseAt[a] == releaseAt[b] && heldAs[a] < heldAs[b]);
    }
}
