namespace MultiAsset.Engine.Model.Events;

/// <summary>The kind of a rebalancing rule (the seed's <c>RebalanceTrigger.type</c>). Journalled: never renumber.</summary>
public enum RebalanceTrigger : byte
{
    /// <summary>Not set.</summary>
    None = 0,

    /// <summary>A schedule on event time (for example every <c>1d</c>).</summary>
    Time = 1,

    /// <summary>Drift of an asset class from its target weight beyond the allocation's <c>rebalanceThreshold</c>.</summary>
    Threshold = 2,

    /// <summary>A volatility condition in the rule language.</summary>
    Volatility = 3,

    /// <summary>A momentum condition in the rule language.</summary>
    Momentum = 4,
}
