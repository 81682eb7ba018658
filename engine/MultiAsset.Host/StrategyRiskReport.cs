using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Risk.Strategies;

namespace MultiAsset.Host;

/// <summary>
/// One strategy's part of <c>GET /api/multi-asset/risk/analysis</c>: its document limits as the gate enforces them, its
/// capital, and its orders by verdict. Amounts in the account's base currency (see <see cref="StrategyRiskBook"/>).
/// </summary>
/// <param name="Strategy">Strategy id (document id).</param>
/// <param name="Account">Its account.</param>
/// <param name="CapitalShare">Fraction of the account's equity it sizes with (coordination's allocation).</param>
/// <param name="Capital">Capital share × account equity: what maxAllocation/maxLeverage/maxDrawdown are fractions of.</param>
/// <param name="Verdicts">Its orders checked, by verdict (only verdicts it has had).</param>
/// <param name="Classes">Per asset class with a document limit: exposure, P&amp;L and the limits.</param>
public sealed record StrategyRisk(string Strategy, string Account, double CapitalShare, decimal Capital, IReadOnlyDictionary<string, long> Verdicts, IReadOnlyDictionary<string, StrategyClassRisk> Classes);

/// <summary>A strategy's risk in one asset class.</summary>
/// <param name="Exposure">Worst-case exposure: (|position| + working buys + working sells) × mark; null before a mark.</param>
/// <param name="Pnl">Realised − fees + unrealised P&amp;L of the strategy in the class; null before a mark.</param>
/// <param name="PeakPnl">Highest P&amp;L seen (drawdown = peak − P&amp;L).</param>
/// <param name="MaxAllocation">Document maxAllocation, percent of capital (null = none).</param>
/// <param name="MaxLeverage">Document maxLeverage, multiple of capital (null = none).</param>
/// <param name="MaxDrawdown">Document maxDrawdown, percent of capital (null = none).</param>
/// <param name="StopLossThreshold">Document stopLossThreshold, percent of cost basis (null = none).</param>
public sealed record StrategyClassRisk(decimal? Exposure, decimal? Pnl, decimal PeakPnl, double? MaxAllocation, double? MaxLeverage, double? MaxDrawdown, double? StopLossThreshold);

/// <summary>Builds the per-strategy part of the risk report (engine thread, query time; allocates).</summary>
internal static class StrategyRiskReport
{
    public static IReadOnlyList<StrategyRisk> Build(EngineStages stages, IReadOnlySet<int>? accounts)
    {
        var risk = stages.Risk;
        if (risk.Strategies is not { } book)
        {
            return [];
        }

        var result = new List<StrategyRisk>();
        for (var slot = 0; slot < book.Count; slot++)
        {
            var account = book.AccountAt(slot);
            if (accounts is not null && !accounts.Contains(account.Value))
            {
                continue;
            }

            var strategy = book.StrategyAt(slot);
            var verdicts = Enum.GetValues<RiskVerdict>().Where(v => v != RiskVerdict.Pending && book.VerdictCount(slot, v) > 0).ToDictionary(v => v.ToString(), v => book.VerdictCount(slot, v));
            var classes = new Dictionary<string, StrategyClassRisk>(StringComparer.Ordinal);
            decimal capital = 0;
            foreach (var assetClass in Enum.GetValues<AssetClass>())
            {
                static double? Percent(double v, double scale) => double.IsPositiveInfinity(v) ? null : v * scale;
                var allocation = book.Limit(slot, assetClass, StrategyRiskBook.MaxAllocationField);
                var leverage = book.Limit(slot, assetClass, StrategyRiskBook.MaxLeverageField);
                var drawdown = book.Limit(slot, assetClass, StrategyRiskBook.MaxDrawdownField);
                var stop = book.Limit(slot, assetClass, StrategyRiskBook.StopLossField);
                var figures = risk.StrategyFigures(slot, assetClass);
                capital = figures.Capital;
                if (double.IsPositiveInfinity(allocation) && double.IsPositiveInfinity(leverage) && double.IsPositiveInfinity(drawdown) && double.IsPositiveInfinity(stop))
                {
                    continue;
                }

                classes[AssetClassNames.ToSeedName(assetClass)] = new StrategyClassRisk(
                    figures.Exposure, figures.Pnl, figures.Peak, Percent(allocation, 100), Percent(leverage, 1), Percent(drawdown, 100), Percent(stop, 100));
            }

            result.Add(new StrategyRisk(stages.Coordination.StrategyName(strategy) ?? $"#{strategy.Value}", stages.AccountNames.NameOf(account), book.CapitalShare(slot), capital, verdicts, classes));
        }

        return result;
    }
}
