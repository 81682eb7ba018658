using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Coordination.Config;

/// <summary>
/// One <c>conflictResolution[]</c> entry: how to resolve <see cref="Condition"/>, optionally only in one account or
/// asset class. The first rule (in file order) whose scope matches applies.
/// </summary>
public sealed record ConflictRule
{
    /// <summary>Retries of a deferred intent when the rule gives none.</summary>
    public const int DefaultRetries = 3;

    /// <summary>The condition the rule resolves.</summary>
    public required ConflictCondition Condition { get; init; }

    /// <summary>The resolution.</summary>
    public required ConflictResolution Resolution { get; init; }

    /// <summary>Only in this account (name); null = every account. <c>parameters.account</c>.</summary>
    public string? Account { get; init; }

    /// <summary>Only for instruments (or weights) of this class; null = every class. <c>parameters.assetClass</c>.</summary>
    public AssetClass? AssetClass { get; init; }

    /// <summary>
    /// <see cref="ConflictResolution.Prioritize"/>: strategy ids, highest priority first (<c>parameters.strategies</c>);
    /// empty = the strategies' <c>executionPriority</c>.
    /// </summary>
    public IReadOnlyList<string> Strategies { get; init; } = [];

    /// <summary><see cref="ConflictResolution.Defer"/>: how many batches a held intent is retried before it is cancelled (<c>parameters.retries</c>).</summary>
    public int Retries { get; init; } = DefaultRetries;

    /// <summary>
    /// <see cref="ConflictCondition.ExposureOverlap"/>: the most the account's strategies may hold together in one
    /// instrument, as notional in the instrument's quote currency at the reference price (<c>parameters.maxNotional</c>).
    /// </summary>
    public double MaxNotional { get; init; }

    /// <summary>The rule every condition falls back to when no configured rule matches.</summary>
    public static ConflictRule DefaultFor(ConflictCondition condition) => new()
    {
        Condition = condition,
        Resolution = condition == ConflictCondition.AllocationBand ? ConflictResolution.Prioritize : ConflictResolution.Average,
    };
}
