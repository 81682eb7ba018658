using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// When the smart order router stops sending to a venue, read from <c>config/venues.json</c> (<c>latencyOptimization</c>
/// and <c>routingPolicy</c>). Health figures come from a window of each venue's most recent order outcomes.
/// </summary>
public sealed record VenueRoutingPolicy
{
    // Per asset class, indexed by AssetClass: crypto venues answer in tens of milliseconds, equity venues in hundreds of µs.
    private readonly long[] maxAckLatencyNanos = [5_000_000, 10_000_000, 100_000_000];

    /// <summary>The defaults: window 50, judged after 10 outcomes, skip above 20 % rejects or 5/10/100 ms average ack (STOCK/FOREX/CRYPTO).</summary>
    public static VenueRoutingPolicy Default { get; } = new();

    /// <summary>The seed's <c>latencyOptimization</c>: when true, venues whose average ack latency exceeds <see cref="MaxAckLatencyNanos"/> are skipped.</summary>
    public bool LatencyOptimization { get; init; } = true;

    /// <summary>How many recent outcomes (acks and rejects) per venue the health figures cover.</summary>
    public int HealthWindow { get; init; } = 50;

    /// <summary>Outcomes a venue needs in its window before it can be judged (a venue never tried is healthy).</summary>
    public int MinHealthSamples { get; init; } = 10;

    /// <summary>Skip a venue whose recent reject rate is above this fraction.</summary>
    public double MaxRejectRate { get; init; } = 0.2;

    /// <summary>Send what the displayed depth cannot fill to the best venue (to rest or be cancelled there) instead of leaving it unrouted.</summary>
    public bool RouteRemainder { get; init; } = true;

    /// <summary>Skip a venue trading <paramref name="assetClass"/> whose recent average ack latency is above this (when <see cref="LatencyOptimization"/>).</summary>
    public long MaxAckLatencyNanos(AssetClass assetClass) => maxAckLatencyNanos[(int)assetClass];

    /// <summary>This policy with the latency threshold of <paramref name="assetClass"/> (or of every class, when null) set.</summary>
    public VenueRoutingPolicy WithMaxAckLatency(AssetClass? assetClass, long nanos)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nanos);
        long[] copy = [.. maxAckLatencyNanos];
        if (assetClass is { } c)
        {
            copy[(int)c] = nanos;
        }
        else
        {
            Array.Fill(copy, nanos);
        }

        return this with { MaxAckLatencies = copy };
    }

    // Settable only through WithMaxAckLatency (which copies), so a policy never changes once built.
    private long[] MaxAckLatencies
    {
        init => maxAckLatencyNanos = value;
    }
}
