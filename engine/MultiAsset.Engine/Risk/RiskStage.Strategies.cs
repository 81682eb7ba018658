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

    private void AttachStrategies(StrategyRiskBook? strategies)
    {
        Strategies = strategies;
        gate.Strategies = strategies;
        Working.Strategies = strategies;
    }
}
