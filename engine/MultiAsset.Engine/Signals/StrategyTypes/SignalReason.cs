namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>Why a strategy algorithm emitted a <see cref="StrategySignal"/>.</summary>
public enum SignalReason
{
    /// <summary>No reason (the default value; never emitted).</summary>
    None = 0,

    /// <summary>Open (or flip into) a long position.</summary>
    EntryLong,

    /// <summary>Open (or flip into) a short position.</summary>
    EntryShort,

    /// <summary>Close the position: the edge that justified it is gone.</summary>
    Exit,

    /// <summary>Close the position because the move went against it beyond the stop band.</summary>
    Stop,

    /// <summary>Resize an existing position without changing its direction.</summary>
    Rebalance,

    /// <summary>One leg of an arbitrage, to be executed immediately together with its other legs.</summary>
    ArbitrageLeg,

    /// <summary>
    /// Flatten the strategy's position in the instrument (a <c>Close</c> intent, market): an arbitrage leg's unwind,
    /// a SmaCross exit.
    /// </summary>
    Unwind,

    /// <summary>
    /// Buy (positive) or sell (negative) |<see cref="StrategySignal.TargetPosition"/>| units of the instrument now: a
    /// <c>Trade</c> intent of that absolute quantity (reason EntryLong / EntryShort, market), which coordination does
    /// not size from the strategy's budget.
    /// </summary>
    EntryQuantity,
}
