using MultiAsset.Engine.Signals.Rules;

namespace MultiAsset.Engine.Signals.Strategies;

/// <summary>A rebalancing rule (the seed's <c>RebalanceTrigger</c>: type, condition, action).</summary>
public sealed record RebalancingRule
{
    /// <summary>What starts the rebalance.</summary>
    public required RebalanceTriggerType Type { get; init; }

    /// <summary>The condition as written: a duration for <see cref="RebalanceTriggerType.Time"/>, descriptive text for <see cref="RebalanceTriggerType.Threshold"/>, a rule-language trigger otherwise.</summary>
    public required string Condition { get; init; }

    /// <summary>What happens when it fires.</summary>
    public required RebalanceAction Action { get; init; }

    /// <summary>The schedule of a <see cref="RebalanceTriggerType.Time"/> rule; null for the other types.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>The compiled condition of a <see cref="RebalanceTriggerType.Volatility"/> or <see cref="RebalanceTriggerType.Momentum"/> rule; null for the other types.</summary>
    public CompiledTrigger? CompiledCondition { get; init; }

    /// <summary>
    /// For a <see cref="RebalanceAction.HedgeRisk"/> rule: the instruments its minimum-variance hedge overlay trades
    /// (<c>hedgeInstruments</c>); empty = the rule de-risks by halving instead (see the coordination stage).
    /// </summary>
    public IReadOnlyList<string> HedgeInstruments { get; init; } = [];

    /// <summary>Most hedge instruments one rule may name (the overlay's solve is a dense k×k Cholesky on the stack).</summary>
    public const int MaxHedgeInstruments = 4;
}
