using MultiAsset.Engine.Signals.Rules;

namespace MultiAsset.Engine.Signals.Strategies;

/// <summary>An execution rule as written (trigger and action text) together with its compiled forms.</summary>
public sealed record ExecutionRule
{
    /// <summary>The trigger as written, e.g. <c>BTC momentum &gt; 0.05 AND NASDAQ momentum &gt; 0.03</c>.</summary>
    public required string Trigger { get; init; }

    /// <summary>The action as written, e.g. <c>Increase crypto allocation by 5%</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The trigger compiled against the instrument catalogue.</summary>
    public required CompiledTrigger CompiledTrigger { get; init; }

    /// <summary>The action compiled against the instrument catalogue.</summary>
    public required RuleAction CompiledAction { get; init; }
}
