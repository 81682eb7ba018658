using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Coordination.Config;

/// <summary>
/// One <c>executionPriority[]</c> entry: the priority of orders with a reason, or of a strategy's orders. Orders of one
/// flush go out by reason priority, then strategy priority (higher first), then arrival.
/// </summary>
public sealed record ExecutionPriorityRule
{
    /// <summary>Lowest priority a rule may give.</summary>
    public const int MinPriority = -1000;

    /// <summary>Highest priority a rule may give.</summary>
    public const int MaxPriority = 1000;

    /// <summary>The reason the priority is for (exactly one of <see cref="Reason"/> and <see cref="Strategy"/>).</summary>
    public IntentReason? Reason { get; init; }

    /// <summary>The strategy id the priority is for.</summary>
    public string? Strategy { get; init; }

    /// <summary>Priority, higher first, in [<see cref="MinPriority"/>, <see cref="MaxPriority"/>].</summary>
    public required int Priority { get; init; }

    /// <summary>Reason priorities in force unless the configuration overrides them: risk stops, then arbitrage legs, then strategy stops.</summary>
    public static IReadOnlyList<ExecutionPriorityRule> Defaults { get; } =
    [
        new() { Reason = IntentReason.StopLoss, Priority = 100 },
        new() { Reason = IntentReason.ArbitrageLeg, Priority = 90 },
        new() { Reason = IntentReason.Stop, Priority = 80 },
        new() { Reason = IntentReason.StrategyStopped, Priority = 70 },
    ];
}
