using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// The most recent conflict records in a fixed ring, and counters of every conflict ever recorded by condition and
/// resolution. Written by the coordination stage only; read it from that thread or once the pipeline has stopped.
/// </summary>
public sealed class ConflictLog
{
    private const int Conditions = 4;
    private const int Resolutions = 5;

    private readonly ConflictRecord[] ring;
    private readonly long[] counts = new long[Conditions * Resolutions];

    /// <summary>Creates a log keeping the last <paramref name="capacity"/> records.</summary>
    public ConflictLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ring = new ConflictRecord[capacity];
    }

    /// <summary>Records kept at most.</summary>
    public int Capacity => ring.Length;

    /// <summary>Conflicts recorded since the start (also the id of the latest).</summary>
    public long Total { get; private set; }

    /// <summary>Conflicts recorded with <paramref name="condition"/>.</summary>
    public long Count(ConflictCondition condition)
    {
        long sum = 0;
        for (var r = 0; r < Resolutions; r++)
        {
            sum += counts[((int)condition * Resolutions) + r];
        }

        return sum;
    }

    /// <summary>Conflicts resolved with <paramref name="resolution"/>.</summary>
    public long Count(ConflictResolution resolution)
    {
        long sum = 0;
        for (var c = 0; c < Conditions; c++)
        {
            sum += counts[(c * Resolutions) + (int)resolution];
        }

        return sum;
    }

    /// <summary>Conflicts with <paramref name="condition"/> resolved with <paramref name="resolution"/>.</summary>
    public long Count(ConflictCondition condition, ConflictResolution resolution) => counts[((int)condition * Resolutions) + (int)resolution];

    /// <summary>Copies the last <paramref name="max"/> records still kept, oldest first (allocates: control path).</summary>
    public ConflictRecord[] Recent(int max = int.MaxValue)
    {
        var kept = (int)Math.Min(Total, ring.Length);
        var n = Math.Clamp(max, 0, kept);
        var result = new ConflictRecord[n];
        for (var i = 0; i < n; i++)
        {
            var id = Total - n + 1 + i;
            result[i] = ring[(id - 1) % ring.Length];
        }

        return result;
    }

    /// <summary>Appends <paramref name="record"/>, numbering it; overwrites the oldest kept record when full.</summary>
    internal void Add(ConflictRecord record)
    {
        Total++;
        counts[((int)record.Condition * Resolutions) + (int)record.Resolution]++;
        ring[(Total - 1) % ring.Length] = record with { Id = Total };
    }

    internal void AppendDigest(StateDigestBuilder digest)
    {
        digest.Add(Total).Add(counts);
        var kept = (int)Math.Min(Total, ring.Length);
        for (var i = 0; i < kept; i++)
        {
            ref readonly var r = ref ring[(Total - kept + i) % ring.Length];
            digest.Add(r.Id).Add(r.Timestamp).Add(r.SourceSequence).Add(r.Account.Value).Add(r.Instrument.Value).Add((int)r.AssetClass)
                .Add((int)r.Condition).Add((int)r.Resolution).Add(r.Attempt).Add(r.StrategyCount).Add(r.Strategy.Value).Add(r.Other.Value)
                .Add(r.StrategyBefore.Raw).Add(r.StrategyAfter.Raw).Add(r.OtherBefore.Raw).Add(r.OtherAfter.Raw)
                .Add(r.NetBefore.Raw).Add(r.NetAfter.Raw).Add(r.WeightRequested).Add(r.WeightApplied);
        }
    }
}
