using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Risk.Strategies;

namespace MultiAsset.Engine.Risk;

/// <summary>Per-strategy stop-loss: a strategy document's <c>stopLossThreshold</c> per asset class.</summary>
public sealed partial class StopLossMonitor
{
    private StrategyRiskBook? strategies;
    private bool[] strategyLatched = [];

    /// <summary>
    /// Also evaluates every strategy's document <c>stopLossThreshold</c> (per class), reading its positions from
    /// <paramref name="book"/> (the risk stage's; read in place, as the gate reads the account book). Call once, when wiring.
    /// </summary>
    public void AttachStrategies(StrategyRiskBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        strategies = book;
        strategyLatched = new bool[book.Capacity * RiskLimits.AssetClassCount];
    }

    /// <summary>Whether the stop of a strategy's class is latched (false for untracked strategies).</summary>
    public bool IsLatched(StrategyId strategy, AssetClass assetClass)
        => strategies?.SlotOf(strategy) is { } slot && slot >= 0 && strategyLatched[(slot * RiskLimits.AssetClassCount) + (int)assetClass];

    /// <summary>
    /// The per-strategy stops of <paramref name="account"/>: for each of its strategies and each class whose document
    /// sets a <c>stopLossThreshold</c>, the loss of the strategy's open positions in the class from entry (−unrealised
    /// P&amp;L ÷ cost basis, base currency at current marks) at or beyond the threshold writes one closing intent per open
    /// position of that strategy in the class (<c>Strategy</c> = the strategy, so coordination closes that strategy's
    /// share only) and latches until the strategy is flat in the class. A class whose intents do not all fit in
    /// <paramref name="closing"/> is left for the next evaluation (never half-closed, never thrown). Returns how many it
    /// wrote. Allocates nothing.
    /// </summary>
    private int EvaluateStrategies<TView>(AccountId account, long now, long sourceSequence, in TView view, Span<IntentEvent> closing)
        where TView : IRiskAccountView
    {
        var book = strategies;
        if (book is null)
        {
            return 0;
        }

        int written = 0;
        for (var slot = 0; slot < book.Count; slot++)
        {
            if (book.AccountAt(slot) != account)
            {
                continue;
            }

            for (var c = 0; c < RiskLimits.AssetClassCount; c++)
            {
                var assetClass = (AssetClass)c;
                var latch = (slot * RiskLimits.AssetClassCount) + c;
                double threshold = book.Limit(slot, assetClass, StrategyRiskBook.StopLossField);
                if (double.IsPositiveInfinity(threshold) || !book.TryClassOpen(slot, assetClass, in view, out var cost, out var unrealised))
                {
                    continue;
                }

                if (cost <= 0)
                {
                    strategyLatched[latch] = false;
                    continue;
                }

                if (strategyLatched[latch] || -(double)unrealised < threshold * cost)
                {
                    continue;
                }

                var ids = book.InstrumentsOf(assetClass);
                int needed = 0;
                foreach (var id in ids)
                {
                    needed += book.Position(slot, id) != 0 ? 1 : 0;
                }

                if (needed > closing.Length - written)
                {
                    continue;
                }

                foreach (var id in ids)
                {
                    long position = book.Position(slot, id);
                    if (position != 0)
                    {
                        WriteClose(ref closing[written++], account, id, assetClass, position, now, sourceSequence, book.StrategyAt(slot));
                    }
                }

                strategyLatched[latch] = true;
                StrategyStops++;
            }
        }

        return written;
    }

    /// <summary>Per-strategy stops fired (class breaches, not intents).</summary>
    public long StrategyStops { get; private set; }

    private void AppendStrategyDigest(StateDigestBuilder builder)
    {
        builder.Add(StrategyStops).Add(strategyLatched.Length);
        foreach (bool on in strategyLatched)
        {
            builder.Add(on);
        }
    }
}
