using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Coordination.Config;

/// <summary>
/// The coordination stage's configuration (<c>config/coordination.json</c>, read by <see cref="CoordinationConfigReader"/>):
/// the seed's <c>StrategyCoordinator</c> rules plus the stage's capacities.
/// </summary>
public sealed record CoordinationConfig
{
    /// <summary>Conflict rules, in file order (the first whose scope matches applies).</summary>
    public IReadOnlyList<ConflictRule> ConflictResolution { get; init; } = [];

    /// <summary>Capital allocation per account; accounts not listed share equally.</summary>
    public IReadOnlyList<CapitalAllocationRule> CapitalAllocation { get; init; } = [];

    /// <summary>Execution priorities, applied over <see cref="ExecutionPriorityRule.Defaults"/>.</summary>
    public IReadOnlyList<ExecutionPriorityRule> ExecutionPriority { get; init; } = [];

    /// <summary>Execution algorithm per <see cref="IntentUrgency"/> (indexed by its value).</summary>
    public IReadOnlyList<ExecutionAlgorithm> Algorithms { get; init; } = [ExecutionAlgorithm.Vwap, ExecutionAlgorithm.Twap, ExecutionAlgorithm.Direct];

    /// <summary>Most intents one account may have held by <see cref="Coordination.ConflictResolution.Defer"/> at once; beyond it a deferral cancels.</summary>
    public int MaxIntentsDeferred { get; init; } = 64;

    /// <summary>Engine time (of the account's intents) between two recomputations of an account's capital shares.</summary>
    public TimeSpan ReallocationInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Conflict records kept for queries (older ones are overwritten; counters keep counting).</summary>
    public int ConflictLogCapacity { get; init; } = 1024;

    /// <summary>Order allocations (which strategy got how much of which order) kept for queries.</summary>
    public int AllocationLogCapacity { get; init; } = 4096;

    /// <summary>First back-off interval after a risk refusal (engine time); it doubles with each further refusal.</summary>
    public TimeSpan BackoffInitial { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest back-off interval.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Shortest time after a refusal before a changed target may lift the block (bounds re-sends into a limit).</summary>
    public TimeSpan BackoffMinRetry { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Refusal records kept for queries.</summary>
    public int RefusalLogCapacity { get; init; } = 256;

    /// <summary>Everything at its default: every conflict netted (Average), bands clamped, equal capital shares.</summary>
    public static CoordinationConfig Default { get; } = new();
}
