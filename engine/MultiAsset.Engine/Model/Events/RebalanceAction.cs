namespace MultiAsset.Engine.Model.Events;

/// <summary>What a rebalancing rule asks for (the seed's <c>RebalanceTrigger.action</c>). Journalled: never renumber.</summary>
public enum RebalanceAction : byte
{
    /// <summary>Not set.</summary>
    None = 0,

    /// <summary>Bring every position back to the strategy's target class weights.</summary>
    Rebalance = 1,

    /// <summary>Reduce or hedge the strategy's risk.</summary>
    HedgeRisk = 2,

    /// <summary>Realise gains: close positions that are in profit.</summary>
    TakeProfit = 3,
}
