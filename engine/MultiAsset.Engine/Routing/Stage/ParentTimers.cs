using MultiAsset.Engine.Collections;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Routing.Stage;

/// <summary>
/// The router's working parents by the engine time they next need a heartbeat (their next slice, a retry, their day
/// expiry): an indexed binary min-heap over parent slots, ordered by (due time, slot), so a heartbeat visits only the
/// parents that are due — O(due · log n) — instead of every working parent. Preallocated for every slot; no allocation.
/// </summary>
internal sealed class ParentTimers
{
    private readonly long[] due;       // by slot
    private readonly int[] heap;       // slots
    private readonly int[] position;   // by slot: index in the heap + 1; 0 = not scheduled
    private int count;

    /// <summary>Creates an empty schedule for slots 0..<paramref name="capacity"/>-1.</summary>
    public ParentTimers(int capacity)
    {
        due = new long[capacity];
        heap = new int[capacity];
        position = new int[capacity];
    }

    /// <summary>Parents scheduled.</summary>
    public int Count => count;

    /// <summary>Whether <paramref name="slot"/> is scheduled.</summary>
    public bool Contains(int slot) => position[slot] != 0;

    /// <summary>When <paramref name="slot"/> is due (meaningful when <see cref="Contains"/>).</summary>
    public long DueOf(int slot) => due[slot];

    /// <summary>The earliest due time, or <see cref="long.MaxValue"/> when nothing is scheduled.</summary>
    public long NextDue => count == 0 ? long.MaxValue : due[heap[0]];

    /// <summary>Schedules <paramref name="slot"/> at <paramref name="time"/>, or moves it there; <see cref="long.MaxValue"/> unschedules it.</summary>
    public void Set(int slot, long time)
    {
        if (time == long.MaxValue)
        {
            Remove(slot);
            return;
        }

        if (position[slot] == 0)
        {
            due[slot] = time;
            int k = count++;
            heap[k] = slot;
            position[slot] = k + 1;
            SiftUp(k);
            return;
        }

        var before = due[slot];
        due[slot] = time;
        if (time < before)
        {
            SiftUp(position[slot] - 1);
        }
        else if (time > before)
        {
            SiftDown(position[slot] - 1);
        }
    }

    /// <summary>Unschedules <paramref name="slot"/> (nothing when it is not scheduled).</summary>
    public void Remove(int slot)
    {
        int k = position[slot] - 1;
        if (k < 0)
        {
            return;
        }

        position[slot] = 0;
        due[slot] = 0;
        int last = --count;
        if (k != last)
        {
            int moved = heap[last];
            heap[k] = moved;
            position[moved] = k + 1;
            SiftDown(k);
            SiftUp(position[moved] - 1);
        }

        heap[last] = 0;
    }

    /// <summary>Removes and returns the earliest slot due at or before <paramref name="now"/> (ties: lowest slot first).</summary>
    public bool TryPopDue(long now, out int slot)
    {
        if (count == 0 || due[heap[0]] > now)
        {
            slot = -1;
            return false;
        }

        slot = heap[0];
        Remove(slot);
        return true;
    }

    /// <summary>Adds the schedule (heap order, which the same operations always reproduce) to a digest.</summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        builder.Add(count);
        for (int k = 0; k < count; k++)
        {
            builder.Add(heap[k]).Add(due[heap[k]]);
        }
    }

    private void SiftUp(int k) => SlotHeap.SiftUp(heap, k, position, 1, new DueOrder(due));

    private void SiftDown(int k) => SlotHeap.SiftDown(heap, count, k, position, 1, new DueOrder(due));

    // Earlier due time first; ties by slot.
    private readonly struct DueOrder(long[] due) : ISlotOrder
    {
        public bool Precedes(int a, int b) => due[a] < due[b] || (due[a] == due[b] && a < b);
    }
}
