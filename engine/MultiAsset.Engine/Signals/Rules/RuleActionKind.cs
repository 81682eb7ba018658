namespace MultiAsset.Engine.Signals.Rules;

/// <summary>
/// What an execution rule does when its trigger fires. Values are explicit: actions are journalled with the intents
/// they produce. To add an action: a member here, a branch in the action parser, a line in docs/execution-rules.md.
/// </summary>
public enum RuleActionKind
{
    /// <summary><c>Increase CLASS allocation by N%</c>: raise the asset class's target weight by <see cref="RuleAction.Amount"/>.</summary>
    IncreaseAllocation = 0,

    /// <summary><c>Decrease CLASS allocation by N%</c>: lower the asset class's target weight by <see cref="RuleAction.Amount"/>.</summary>
    DecreaseAllocation = 1,

    /// <summary><c>Set CLASS allocation to N%</c>: set the asset class's target weight to <see cref="RuleAction.Amount"/>.</summary>
    SetAllocation = 2,

    /// <summary><c>Buy SYMBOL</c>: open or add to a long position in <see cref="RuleAction.Instrument"/>.</summary>
    Buy = 3,

    /// <summary><c>Sell SYMBOL</c>: reduce or go short <see cref="RuleAction.Instrument"/>.</summary>
    Sell = 4,

    /// <summary><c>Close SYMBOL</c>: flatten the position in <see cref="RuleAction.Instrument"/>.</summary>
    Close = 5,

    /// <summary><c>Close all</c>: flatten every position of the strategy.</summary>
    CloseAll = 6,

    /// <summary>
    /// <c>Initiate carry trade [with CLASS hedge]</c>: long the high-yield / short the low-yield currency of the
    /// strategy's pair, optionally hedged with <see cref="RuleAction.Hedge"/> (e.g. equity).
    /// </summary>
    InitiateCarryTrade = 7,
}
