using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Per account and instrument: the sum of what the account's strategies have ordered, and how many of them hold a
/// non-zero position. The exposure-overlap check reads these instead of walking every strategy.
/// </summary>
internal sealed class AccountPositions(int accountCount, int instrumentCount)
{
    private readonly long[] net = new long[accountCount * instrumentCount];
    private readonly int[] holders = new int[accountCount * instrumentCount];

    public long Net(int account, int instrument) => net[(account * instrumentCount) + instrument];

    public int Holders(int account, int instrument) => holders[(account * instrumentCount) + instrument];

    /// <summary>Records that one strategy's position went from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public void Apply(int account, int instrument, long before, long after)
    {
        var i = (account * instrumentCount) + instrument;
        net[i] = checked(net[i] + (after - before));
        holders[i] += (after != 0 ? 1 : 0) - (before != 0 ? 1 : 0);
    }

    public void AppendDigest(StateDigestBuilder digest)
    {
        digest.Add(net);
        foreach (var h in holders)
        {
            digest.Add(h);
        }
    }
}
