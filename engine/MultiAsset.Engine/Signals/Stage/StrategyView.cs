using MultiAsset.Engine.Model;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>A copy of one strategy's state for the control plane (built on the stage thread, then never shared back).</summary>
/// <param name="Id">Strategy id (the document's).</param>
/// <param name="StrategyId">The dense id intents carry.</param>
/// <param name="Name">Display name.</param>
/// <param name="Type">Strategy type.</param>
/// <param name="Account">Account name.</param>
/// <param name="Status">Lifecycle state.</param>
/// <param name="Instruments">Symbols whose events the strategy sees.</param>
/// <param name="Algorithms">How many algorithm instances run (0 = rules only).</param>
/// <param name="Rules">Execution rules.</param>
/// <param name="Signals">Algorithm signals emitted so far.</param>
/// <param name="RuleEvaluations">Rule evaluation passes so far.</param>
/// <param name="RuleFirings">Rules that fired so far.</param>
/// <param name="Intents">Intents emitted so far.</param>
/// <param name="Document">The validated document.</param>
public sealed record StrategyView(
    string Id,
    int StrategyId,
    string Name,
    StrategyType Type,
    string Account,
    StrategyLifecycle Status,
    IReadOnlyList<string> Instruments,
    int Algorithms,
    int Rules,
    long Signals,
    long RuleEvaluations,
    long RuleFirings,
    long Intents,
    StrategyDocument Document)
{
    /// <summary>
    /// The strategy's capital as the coordination stage sizes it (share of its account, amount, whether it can trade
    /// and why not); filled in by the host's query answer on the engine thread, null where the signal stage answers alone.
    /// </summary>
    public StrategyCapitalStatus? Capital { get; init; }
}
