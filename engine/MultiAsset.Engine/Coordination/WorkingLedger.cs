using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Per account and instrument, what coordination knows of the account's book from the orders it published and the
/// reports that came back: the filled position (Σ fills) and the unfilled quantity of working buy and sell orders
/// (published, not yet filled nor handed back by a parent-level cancel). An order the gate has not judged yet counts as
/// working, so the ledger never under-states what may still fill (the gate's post-trade checks assume the same).
/// </summary>
internal sealed class WorkingLedger(int accountCount, int instrumentCount, Model.AssetClass[] classOf)
{
    private readonly long[] filled = new long[accountCount * instrumentCount];
    private readonly long[] buy = new long[accountCount * instrumentCount];
    private readonly long[] sell = new long[accountCount * instrumentCount];

    // Per account and class: instruments with a working quantity, so the working-exposure sum is skipped when none.
    private readonly int[] workingInstruments = new int[accountCount * StrategyBook.AssetClasses];

    public long Filled(int account, int instrument) => filled[(account * instrumentCount) + instrument];

    public long WorkingBuy(int account, int instrument) => buy[(account * instrumentCount) + instrument];

    public long WorkingSell(int account, int instrument) => sell[(account * instrumentCount) + instrument];

    public bool HasWorking(int account, int assetClass) => workingInstruments[(account * StrategyBook.AssetClasses) + assetClass] > 0;

    /// <summary>An order of <paramref name="quantity"/> (raw, &gt; 0) was published.</summary>
    public void Published(int account, int instrument, bool isBuy, long quantity) => AddWorking(account, instrument, isBuy, quantity);

    /// <summary>A fill of <paramref name="quantity"/> came back: the position moves and the working quantity drops.</summary>
    public void Filled(int account, int instrument, bool isBuy, long quantity)
    {
        var cell = (account * instrumentCount) + instrument;
        filled[cell] += isBuy ? quantity : -quantity;
        AddWorking(account, instrument, isBuy, -quantity);
    }

    /// <summary>A parent-level cancel handed <paramref name="quantity"/> back: it will not fill.</summary>
    public void Released(int account, int instrument, bool isBuy, long quantity) => AddWorking(account, instrument, isBuy, -quantity);

    public void AppendDigest(StateDigestBuilder digest) => digest.Add(filled).Add(buy).Add(sell);

    private void AddWorking(int account, int instrument, bool isBuy, long change)
    {
        var cell = (account * instrumentCount) + instrument;
        var wasWorking = buy[cell] != 0 || sell[cell] != 0;
        ref var side = ref isBuy ? ref buy[cell] : ref sell[cell];
        side = Math.Max(0, side + change);
        var isWorking = buy[cell] != 0 || sell[cell] != 0;
        if (wasWorking != isWorking)
        {
            workingInstruments[(account * StrategyBook.AssetClasses) + (int)classOf[instrument]] += isWorking ? 1 : -1;
        }
    }
}
