using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// The most recent <see cref="OrderAllocation"/>s in a fixed ring (which strategy got how much of which order), for
/// attribution queries. Written by the coordination stage only.
/// </summary>
public sealed class OrderAllocationLog
{
    private readonly OrderAllocation[] ring;

    /// <summary>Creates a log keeping the last <paramref name="capacity"/> allocations.</summary>
    public OrderAllocationLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ring = new OrderAllocation[capacity];
    }

    /// <summary>Allocations recorded since the start.</summary>
    public long Total { get; private set; }

    /// <summary>Copies the last <paramref name="max"/> allocations still kept, oldest first (allocates: control path).</summary>
    public OrderAllocation[] Recent(int max = int.MaxValue)
    {
        var kept = (int)Math.Min(Total, ring.Length);
        var n = Math.Clamp(max, 0, kept);
        var result = new OrderAllocation[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = ring[(Total - n + i) % ring.Length];
        }

        return result;
    }

    internal void Add(in OrderAllocation allocation)
    {
        ring[Total % ring.Length] = allocation;
        Total++;
    }

    internal void AppendDigest(StateDigestBuilder digest)
    {
        digest.Add(Total);
        var kept = (int)Math.Min(Total, ring.Length);
        for (var i = 0; i < kept; i++)
        {
            ref readonly var a = ref ring[(Total - kept + i) % ring.Length];
            digest.Add(a.OrderId).Add(a.Strategy.Value).Add(a.Account.Value).Add(a.Instrument.Value).Add(a.Delta.Raw).Add(a.Timestamp);
        }
    }
}
