using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Priorities by intent reason (table indexed by the reason byte) and by strategy id (looked up once, at
/// registration), from <see cref="ExecutionPriorityRule.Defaults"/> overridden by the configuration.
/// </summary>
internal sealed class ExecutionPriorities
{
    private readonly int[] byReason = new int[256];
    private readonly Dictionary<string, int> byStrategy = new(StringComparer.Ordinal);

    public ExecutionPriorities(IReadOnlyList<ExecutionPriorityRule> configured)
    {
        foreach (var rule in ExecutionPriorityRule.Defaults)
        {
            byReason[(int)rule.Reason!.Value] = rule.Priority;
        }

        foreach (var rule in configured)
        {
            if (rule.Reason is { } reason)
            {
                byReason[(int)reason] = rule.Priority;
            }
            else if (rule.Strategy is { } strategy)
            {
                byStrategy[strategy] = rule.Priority;
            }
        }
    }

    public int OfReason(IntentReason reason) => byReason[(int)reason];

    public int OfStrategy(string strategyId) => byStrategy.GetValueOrDefault(strategyId);
}
