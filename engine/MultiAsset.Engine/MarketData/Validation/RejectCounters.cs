using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.MarketData.Validation;

/// <summary>
/// Accepted and rejected event counts by reason. Written only by the market-data stage's thread; read by the
/// reporter and metrics from any thread (64-bit reads are atomic, and <see cref="Volatile"/> keeps them fresh).
/// </summary>
public sealed class RejectCounters
{
    private static readonly MarketDataRejectReason[] Reasons = Enum.GetValues<MarketDataRejectReason>();

    private readonly long[] counts = new long[256];
    private long accepted;

    /// <summary>Events accepted.</summary>
    public long Accepted => Volatile.Read(ref accepted);

    /// <summary>Events rejected, all reasons.</summary>
    public long Rejected
    {
        get
        {
            long total = 0;
            foreach (var reason in Reasons)
            {
                total += reason == MarketDataRejectReason.None ? 0 : Volatile.Read(ref counts[(int)reason]);
            }

            return total;
        }
    }

    /// <summary>Events rejected for <paramref name="reason"/>.</summary>
    public long this[MarketDataRejectReason reason] => Volatile.Read(ref counts[(int)reason]);

    /// <summary>Counts one accepted event.</summary>
    public void CountAccepted() => Volatile.Write(ref accepted, accepted + 1);

    /// <summary>Counts one rejected event.</summary>
    public void CountRejected(MarketDataRejectReason reason)
    {
        ref var slot = ref counts[(int)reason];
        Volatile.Write(ref slot, slot + 1);
    }

    /// <summary>Non-zero reject counts by reason (allocates: for reports, not the hot path).</summary>
    public IReadOnlyDictionary<MarketDataRejectReason, long> Snapshot()
        => Reasons.Where(r => r != MarketDataRejectReason.None && this[r] > 0).ToDictionary(r => r, r => this[r]);

    /// <summary>Adds the counts to a digest.</summary>
    public void AppendDigest(Pipeline.StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(Accepted);
        foreach (var reason in Reasons)
        {
            builder.Add(this[reason]);
        }
    }
}
