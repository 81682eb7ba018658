namespace MultiAsset.Engine.Model.Events;

/// <summary>Why an intent was emitted: the reason code that follows it to the order and the audit trail. Journalled: never renumber.</summary>
public enum IntentReason : byte
{
    /// <summary>Not set.</summary>
    None = 0,

    /// <summary>The strategy algorithm opens (or flips into) a long position.</summary>
    EntryLong = 1,

    /// <summary>The strategy algorithm opens (or flips into) a short position.</summary>
    EntryShort = 2,

    /// <summary>The strategy algorithm closes: the edge is gone.</summary>
    Exit = 3,

    /// <summary>The strategy algorithm closes because the move went against it beyond its stop band.</summary>
    Stop = 4,

    /// <summary>The strategy algorithm resizes a position in the same direction.</summary>
    Resize = 5,

    /// <summary>One leg of an arbitrage, to be executed immediately with its other legs.</summary>
    ArbitrageLeg = 6,

    /// <summary>An execution rule's trigger fired (<see cref="IntentEvent.Rule"/> says which).</summary>
    ExecutionRule = 7,

    /// <summary>A rebalancing trigger produced a target weight.</summary>
    Rebalance = 8,

    /// <summary>The risk gate's stop-loss produced a closing intent.</summary>
    StopLoss = 9,

    /// <summary>An operator asked for it through the control plane.</summary>
    Operator = 10,

    /// <summary>The strategy was stopped: its positions are flattened.</summary>
    StrategyStopped = 11,
}
