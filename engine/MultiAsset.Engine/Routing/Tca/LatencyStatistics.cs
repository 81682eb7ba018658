namespace MultiAsset.Engine.Routing.Tca;

/// <summary>Summaries of latency samples (off the hot path).</summary>
public static class LatencyStatistics
{
    /// <summary>
    /// The nearest-rank percentile of ascending-sorted samples: the value at rank ⌈p/100 · n⌉ (1-based), so it is always
    /// an observed value; p = 0 gives the minimum.
    /// </summary>
    /// <exception cref="ArgumentException">No samples.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percentile"/> outside [0, 100].</exception>
    public static long NearestRank(ReadOnlySpan<long> sorted, double percentile)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("a percentile needs at least one sample.", nameof(sorted));
        }

        if (!(percentile >= 0 && percentile <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "percentile must be in [0, 100].");
        }

        int rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>Count, mean, p50/p95/p99 and max in microseconds of nanosecond samples (sorted in place); null when empty.</summary>
    public static LatencyStats? Summarize(List<long> nanoseconds)
    {
        ArgumentNullException.ThrowIfNull(nanoseconds);
        if (nanoseconds.Count == 0)
        {
            return null;
        }

        nanoseconds.Sort();
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(nanoseconds);
        double sum = 0;
        foreach (long v in span)
        {
            sum += v;
        }

        const double NsPerMicro = 1000;
        return new LatencyStats
        {
            Count = span.Length,
            MeanMicros = sum / span.Length / NsPerMicro,
            P50Micros = NearestRank(span, 50) / NsPerMicro,
            P95Micros = NearestRank(span, 95) / NsPerMicro,
            P99Micros = NearestRank(span, 99) / NsPerMicro,
            MaxMicros = span[^1] / NsPerMicro,
        };
    }
}
