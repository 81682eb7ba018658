using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Risk.Strategies;

namespace MultiAsset.Engine.Risk;

/// <summary>The per-strategy part of the gate: a strategy document's <c>riskParameters</c> (see <see cref="StrategyRiskBook"/>).</summary>
public sealed partial class PreTradeRiskGate
{
    /// <summary>
    /// The per-strategy book whose document limits the gate enforces (set once when the risk stage is wired; null = no
    /// per-strategy checks). The risk stage owns and updates it; the gate reads it and raises its P&amp;L peaks.
    /// </summary>
    public StrategyRiskBook? Strategies { get; set; }

    /// <summary>
    /// The strategy's own limits, after every account check passed (step 9). An order of no strategy (operator), of a
    /// strategy whose document sets no limit, or that reduces the strategy's position (even if all its working orders on
    /// that side fill) passes. Otherwise, in the order's asset class, with capital = share × account equity:
    /// <list type="number">
    /// <item><c>maxDrawdown</c>: peak class P&amp;L − class P&amp;L ≥ maxDrawdown % × capital → <c>StrategyMaxDrawdown</c>;</item>
    /// <item><c>maxAllocation</c>: exposure after the order (filled + working + this order's notional, worst case) &gt;
    /// maxAllocation % × capital → <c>StrategyMaxAllocation</c>;</item>
    /// <item><c>maxLeverage</c>: the same exposure &gt; maxLeverage × capital → <c>StrategyMaxLeverage</c>.</item>
    /// </list>
    /// No mark or rate for an instrument the strategy holds → <c>NoPrice</c>. Allocates nothing.
    /// </summary>
    private RiskVerdict CheckStrategy<TView>(in OrderEvent order, AssetClass assetClass, long quantity, long notional, in TView view)
        where TView : IRiskAccountView
    {
        var book = Strategies;
        if (book is null || !order.Strategy.IsValid)
        {
            return RiskVerdict.Accepted;
        }

        var slot = book.Observe(order.Strategy, order.Account);
        if (slot < 0)
        {
            return RiskVerdict.Accepted;
        }

        if (!book.HasLimits(slot))
        {
            return RiskVerdict.Accepted;
        }

        bool buy = order.Side == OrderSide.Buy;
        long held = book.Position(slot, order.Instrument);
        long after = buy
            ? RiskMath.AddSaturating(RiskMath.AddSaturating(held, book.WorkingBuy(slot, order.Instrument)), quantity)
            : RiskMath.AddSaturating(RiskMath.AddSaturating(held, -book.WorkingSell(slot, order.Instrument)), -quantity);
        if (buy ? after <= 0 : after >= 0)
        {
            return RiskVerdict.Accepted;
        }

        double capital = book.Capital(slot, view.Equity(order.Account));
        double maxDrawdown = book.Limit(slot, assetClass, StrategyRiskBook.MaxDrawdownField);
        if (!double.IsPositiveInfinity(maxDrawdown))
        {
            if (!book.TryClassPnl(slot, assetClass, in view, out var pnl))
            {
                return RiskVerdict.NoPrice;
            }

            long fall = book.RaisePeak(slot, assetClass, pnl) - pnl;
            if (fall > 0 && fall >= maxDrawdown * capital)
            {
                return RiskVerdict.StrategyMaxDrawdown;
            }
        }

        double maxAllocation = book.Limit(slot, assetClass, StrategyRiskBook.MaxAllocationField);
        double maxLeverage = book.Limit(slot, assetClass, StrategyRiskBook.MaxLeverageField);
        if (double.IsPositiveInfinity(maxAllocation) && double.IsPositiveInfinity(maxLeverage))
        {
            return RiskVerdict.Accepted;
        }

        if (!book.TryClassExposure(slot, assetClass, in view, out var exposure))
        {
            return RiskVerdict.NoPrice;
        }

        double total = RiskMath.AddSaturating(exposure, notional);
        if (total > maxAllocation * capital)
        {
            return RiskVerdict.StrategyMaxAllocation;
        }

        return total > maxLeverage * capital ? RiskVerdict.StrategyMaxLeverage : RiskVerdict.Accepted;
    }
}
