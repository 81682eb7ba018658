using MultiAsset.Engine.Risk.Strategies;

namespace MultiAsset.Engine.Risk;

/// <summary>The per-strategy view of the risk stage (strategy documents' <c>riskParameters</c>).</summary>
public sealed partial class RiskStage
{
    /// <summary>
    /// The per-strategy book (positions, working orders, P&amp;L peaks, verdicts, document limits) this stage keeps from
    /// the orders and forwarded fills it sees; null when strategy limits are not enforced.
    /// </summary>
    public StrategyRiskBook? Strategies { get; private set; }

    /// <summary>
    /// A strategy's figures in one class for reports (query thread = the engine thread between two events): worst-case
    /// exposure and P&amp;L in the account's base currency (null when a mark or rate is missing), and capital.
    /// </summary>
    public (decimal? Exposure, decimal? Pnl, decimal Peak, decimal Capital) StrategyFigures(int slot, Model.AssetClass assetClass)
    {
        var book = Strategies ?? throw new InvalidOperationException("No strategy book is attached.");
        decimal? exposure = book.TryClassExposure(slot, assetClass, in view, out var e) ? Model.Money.FromRaw(e).ToDecimal() : null;
        decimal? pnl = book.TryClassPnl(slot, assetClass, in view, out var p) ? Model.Money.FromRaw(p).ToDecimal() : null;
        var capital = (decimal)book.Capital(slot, view.Equity(book.AccountAt(slot))) / Model.FixedPoint.Scale;
        return (exposure, pnl, Model.Money.FromRaw(book.Peak(slot, assetClass)).ToDecimal(), decimal.Round(capital, 2));
    }

    private void AttachStrategies(StrategyRiskBook? strategies)
    {
        Strategies = strategies;
        gate.Strategies = strategies;
        Working.Strategies = strategies;
    }
}
