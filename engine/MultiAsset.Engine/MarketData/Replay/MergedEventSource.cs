using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// Merges several sources into one stream ordered by timestamp (a k-way merge over the sources' next events), e.g. a
/// quotes file per instrument or per asset class replayed together. Each event's <see cref="InputEvent.Source"/> is
/// set to the index of the source it came from.
/// </summary>
/// <remarks>
/// <para>A min-heap of source indices, keyed by (timestamp, source index), holds each source's next event in a
/// preallocated head slot: reading is O(log k) per event with no allocation. Equal timestamps come out in source
/// order, so the merge is deterministic.</para>
/// <para>The merge assumes each source is in timestamp order and does not re-sort inside a source: an out-of-order
/// row is emitted when its source reaches it (possibly after later rows of other sources) and the validation stage
/// rejects it as out of order. Rejected rows with an unknown timestamp (0) therefore come out as soon as their source
/// reaches them.</para>
/// <para>The merged source owns its sources and disposes them. Its <see cref="Stats"/> count the events it emitted;
/// the per-row error details stay with each source (<see cref="Sources"/>).</para>
/// </remarks>
public sealed class MergedEventSource : IEventSource
{
    private readonly IEventSource[] sources;
    private readonly InputEvent[] heads;
    private readonly int[] heap;
    private readonly EventSourceStats stats = new();
    private int heapSize;
    private bool primed;
    private bool disposed;

    /// <summary>Merges <paramref name="sources"/>; event <see cref="InputEvent.Source"/> becomes the index in this list.</summary>
    public MergedEventSource(IReadOnlyList<IEventSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0 || sources.Count > ushort.MaxValue + 1)
        {
            throw new ArgumentException($"A merge needs 1 to {ushort.MaxValue + 1} sources, got {sources.Count}.", nameof(sources));
        }

        this.sources = new IEventSource[sources.Count];
        for (int i = 0; i < sources.Count; i++)
        {
            this.sources[i] = sources[i] ?? throw new ArgumentException($"Source #{i} is null.", nameof(sources));
        }

        heads = new InputEvent[sources.Count];
        heap = new int[sources.Count];
    }

    /// <summary>The merged sources, by index.</summary>
    public IReadOnlyList<IEventSource> Sources => sources;

    /// <inheritdoc />
    public EventSourceStats Stats => stats;

    /// <inheritdoc />
    public bool TryRead(ref InputEvent evt)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!primed)
        {
            Prime();
        }

        if (heapSize == 0)
        {
            return false;
        }

        int top = heap[0];
        evt = heads[top];
        evt.Source = (ushort)top;
        stats.CountRow();
        if (evt.IsRejectedAtSource)
        {
            stats.CountReject(evt.Reject);
        }

        if (sources[top].TryRead(ref heads[top]))
        {
            SiftDown(0);
        }
        else
        {
            heap[0] = heap[--heapSize];
            if (heapSize > 0)
            {
                SiftDown(0);
            }
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var source in sources)
        {
            source.Dispose();
        }
    }

    private void Prime()
    {
        primed = true;
        for (int i = 0; i < sources.Length; i++)
        {
            if (sources[i].TryRead(ref heads[i]))
            {
                heap[heapSize] = i;
                SiftUp(heapSize++);
            }
        }
    }

    // Strict order on (timestamp, source index): no two heads compare equal, so the output order is fully determined.
    private bool Less(int a, int b)
    {
        long ta = heads[a].Timestamp;
        long tb = heads[b].Timestamp;
        return ta < tb || (ta == tb && a < b);
    }

    private void SiftUp(int position)
    {
        int item = heap[position];
        while (position > 0)
        {
            int parent = (position - 1) / 2;
            if (!Less(item, heap[parent]))
            {
                break;
            }

            heap[position] = heap[parent];
            position = parent;
        }

        heap[position] = item;
    }

    private void SiftDown(int position)
    {
        int item = heap[position];
        while (true)
        {
            int child = (2 * position) + 1;
            if (child >= heapSize)
            {
                break;
            }

            if (child + 1 < heapSize && Less(heap[child + 1], heap[child]))
            {
                child++;
            }

            if (!Less(heap[child], item))
            {
                break;
            }

            heap[position] = heap[child];
            position = child;
        }

        heap[position] = item;
    }
}
