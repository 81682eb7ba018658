namespace MultiAsset.Engine.Signals.Strategies;

/// <summary>What starts a rebalance (the seed's <c>RebalanceTrigger.type</c>).</summary>
public enum RebalanceTriggerType
{
    /// <summary>On a schedule; the condition is a duration such as <c>1d</c>.</summary>
    Time = 0,

    /// <summary>When a weight drifts from its target by more than the allocation's <c>rebalanceThreshold</c>; the condition is descriptive text.</summary>
    Threshold = 1,

    /// <summary>When a volatility condition holds; the condition is a rule-language trigger.</summary>
    Volatility = 2,

    /// <summary>When a momentum condition holds; the condition is a rule-language trigger.</summary>
    Momentum = 3,
}
