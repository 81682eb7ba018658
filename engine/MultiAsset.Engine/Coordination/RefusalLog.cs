using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Coordination;

/// <summary>Where a refusal was decided.</summary>
public enum RefusalSource : byte
{
    /// <summary>Not set.</summary>
    None = 0,

    /// <summary>The pre-trade gate refused an order coordination sent (the router's parent-level cancel, <c>RiskRefused</c>).</summary>
    Gate = 1,

    /// <summary>Coordination itself: the limits left no room for the strategy's target (nothing was sent).</summary>
    Sizing = 2,

    /// <summary>Coordination failed while handling the strategy's intent (an exception): refused with <c>StageFault</c>.</summary>
    Stage = 3,
}

/// <summary>
/// One recorded refusal: a target that could not be (fully) ordered, and why. Recorded once per (strategy, instrument)
/// and cause — repeats of the same intent are counted as suppressed, not logged again.
/// </summary>
public readonly record struct RefusalRecord
{
    /// <summary>Dense number of the record (1 = first).</summary>
    public long Id { get; init; }

    /// <summary>Engine time (ns since the Unix epoch).</summary>
    public long Timestamp { get; init; }

    /// <summary>The account.</summary>
    public AccountId Account { get; init; }

    /// <summary>The strategy.</summary>
    public StrategyId Strategy { get; init; }

    /// <summary>The instrument.</summary>
    public InstrumentId Instrument { get; init; }

    /// <summary>Gate or sizing.</summary>
    public RefusalSource Source { get; init; }

    /// <summary>The limit (the gate's verdict, or the limit that left no room).</summary>
    public RiskVerdict Reason { get; init; }

    /// <summary>The refused order's signed quantity (gate), or the unreachable rest of the target (sizing).</summary>
    public Quantity Quantity { get; init; }

    /// <summary>The strategy's target position when it happened.</summary>
    public Quantity Target { get; init; }

    /// <summary>Gate refusals: engine time until which the strategy is backed off on the instrument; 0 otherwise.</summary>
    public long BlockedUntil { get; init; }

    /// <summary>Gate refusals: refusals since the last fill (the back-off doubles with each).</summary>
    public int Level { get; init; }
}

/// <summary>The last refusals in a fixed ring, with running counts. Stage thread only; copies for queries.</summary>
public sealed class RefusalLog
{
    private readonly RefusalRecord[] ring;
    private readonly long[] byReason = new long[32];

    /// <summary>Creates a log keeping the last <paramref name="capacity"/> records.</summary>
    public RefusalLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ring = new RefusalRecord[capacity];
    }

    /// <summary>Refusals recorded since the start.</summary>
    public long Total { get; private set; }

    /// <summary>Refusals recorded with <paramref name="reason"/>.</summary>
    public long Count(RiskVerdict reason) => byReason[(int)reason & 31];

    /// <summary>Records <paramref name="record"/> (its id is assigned here). Allocates nothing.</summary>
    public void Add(in RefusalRecord record)
    {
        Total++;
        byReason[(int)record.Reason & 31]++;
        ring[(int)((Total - 1) % ring.Length)] = record with { Id = Total };
    }

    /// <summary>The last <paramref name="max"/> records still kept, oldest first (allocates: control path).</summary>
    public RefusalRecord[] Recent(int max = int.MaxValue)
    {
        var kept = (int)Math.Min(Total, ring.Length);
        var n = Math.Clamp(max, 0, kept);
        var result = new RefusalRecord[n];
        for (var k = 0; k < n; k++)
        {
            var id = Total - n + k + 1;
            result[k] = ring[(int)((id - 1) % ring.Length)];
        }

        return result;
    }

    internal void AppendDigest(StateDigestBuilder digest)
    {
        digest.Add(Total).Add(byReason);
        var kept = (int)Math.Min(Total, ring.Length);
        for (var k = 0; k < kept; k++)
        {
            ref readonly var r = ref ring[k];
            digest.Add(r.Id).Add(r.Timestamp).Add(r.Account.Value).Add(r.Strategy.Value).Add(r.Instrument.Value).Add((int)r.Source).Add((int)r.Reason)
                .Add(r.Quantity.Raw).Add(r.Target.Raw).Add(r.BlockedUntil).Add(r.Level);
        }
    }
}
