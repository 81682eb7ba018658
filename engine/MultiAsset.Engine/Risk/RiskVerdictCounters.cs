using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Risk;

/// <summary>How many orders got each verdict, per account: a fixed [account × verdict] table, never resized.</summary>
internal sealed class RiskVerdictCounters
{
    private readonly long[] counts;

    /// <summary>Creates zeroed counters for <paramref name="accountCount"/> accounts.</summary>
    public RiskVerdictCounters(int accountCount) => counts = new long[accountCount * RiskLimits.VerdictCount];

    /// <summary>Counts one verdict for an account.</summary>
    public void Increment(int account, RiskVerdict verdict) => counts[(account * RiskLimits.VerdictCount) + (int)verdict]++;

    /// <summary>Takes back one verdict counted for an account (the order's handling failed after it was judged).</summary>
    public void Decrement(int account, RiskVerdict verdict) => counts[(account * RiskLimits.VerdictCount) + (int)verdict]--;

    /// <summary>Orders of <paramref name="account"/> that got <paramref name="verdict"/>.</summary>
    public long Get(int account, RiskVerdict verdict) => counts[(account * RiskLimits.VerdictCount) + (int)verdict];

    /// <summary>Orders of every account that got <paramref name="verdict"/>.</summary>
    public long Total(RiskVerdict verdict)
    {
        long total = 0;
        for (int k = (int)verdict; k < counts.Length; k += RiskLimits.VerdictCount)
        {
            total += counts[k];
        }

        return total;
    }

    /// <summary>Adds every counter.</summary>
    public void AppendDigest(StateDigestBuilder builder) => builder.Add(counts);
}
