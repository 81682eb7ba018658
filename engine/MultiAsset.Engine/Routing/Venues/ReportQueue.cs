using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// The reports a simulated venue has decided but not yet delivered, as a binary min-heap on (due time, scheduling
/// sequence) over a preallocated array: O(log n) per report, no allocation, and delivery order independent of how often
/// the owner polls.
/// </summary>
internal sealed class ReportQueue
{
    private readonly PendingReport[] heap;
    private int count;
    private long nextSequence;

    /// <summary>Creates a queue holding at most <paramref name="capacity"/> reports.</summary>
    public ReportQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        heap = new PendingReport[capacity];
    }

    /// <summary>Reports waiting.</summary>
    public int Count => count;

    /// <summary>Room left.</summary>
    public int Free => heap.Length - count;

    /// <summary>Due time of the next report, or <see cref="long.MaxValue"/> when none is waiting.</summary>
    public long NextDue => count == 0 ? long.MaxValue : heap[0].Due;

    /// <summary>Queues a report (the caller checked <see cref="Free"/>); its sequence is assigned here.</summary>
    public void Push(in PendingReport report)
    {
        int i = count++;
        heap[i] = report;
        heap[i].Sequence = nextSequence++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!heap[i].Precedes(heap[parent]))
            {
                break;
            }

            (heap[i], heap[parent]) = (heap[parent], heap[i]);
            i = parent;
        }
    }

    /// <summary>Removes and returns the first report if it is due at or before <paramref name="now"/>.</summary>
    public bool TryPopDue(long now, out PendingReport report)
    {
        if (count == 0 || heap[0].Due > now)
        {
            report = default;
            return false;
        }

        report = heap[0];
        heap[0] = heap[--count];
        heap[count] = default;
        int i = 0;
        while (true)
        {
            int left = (2 * i) + 1;
            if (left >= count)
            {
                break;
            }

            int best = left + 1 < count && heap[left + 1].Precedes(heap[left]) ? left + 1 : left;
            if (!heap[best].Precedes(heap[i]))
            {
                break;
            }

            (heap[i], heap[best]) = (heap[best], heap[i]);
            i = best;
        }

        return true;
    }

    /// <summary>Adds the waiting reports (in heap order, which the same operations always reproduce) to a digest.</summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        builder.Add(count).Add(nextSequence);
        for (int i = 0; i < count; i++)
        {
            ref readonly var r = ref heap[i];
            builder.Add(r.Due).Add(r.Sequence).Add(r.Instrument.Value);
            VenueDigest.Add(builder, r.Data);
        }
    }
}
