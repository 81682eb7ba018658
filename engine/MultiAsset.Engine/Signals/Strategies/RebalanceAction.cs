namespace MultiAsset.Engine.Signals.Strategies;

/// <summary>What a rebalancing rule does when it fires (the seed's <c>RebalanceTrigger.action</c>).</summary>
public enum RebalanceAction
{
    /// <summary>Move every asset class back to its target weight.</summary>
    Rebalance = 0,

    /// <summary>Reduce risk (hedge or cut the riskiest exposure).</summary>
    HedgeRisk = 1,

    /// <summary>Realise gains on the positions that ran up.</summary>
    TakeProfit = 2,
}
