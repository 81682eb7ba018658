using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Coordination;

/// <summary>What happens to a pending change at the flush.</summary>
internal enum PendingState : byte
{
    /// <summary>Goes to the market (netted with the account's other changes on the instrument).</summary>
    Live = 0,

    /// <summary>Dropped by a conflict resolution: the strategy's ordered position stays as it was.</summary>
    Dropped = 1,

    /// <summary>Held by a Defer resolution: kept for the next batch.</summary>
    Deferred = 2,
}

/// <summary>
/// One strategy's change of one instrument in the current batch (at most one per strategy and instrument: later
/// intents of the same strategy supersede or add to it). Raw fixed-point values; a plain value in a preallocated array.
/// </summary>
internal struct PendingDelta
{
    public int Strategy;
    public int Account;
    public int Instrument;

    /// <summary>Signed change of the strategy's ordered position, raw quantity, whole lots.</summary>
    public long Delta;

    /// <summary>Reference price it was sized at (raw); 0 when the intent had none (a close).</summary>
    public long Price;

    public long Timestamp;
    public long SourceSequence;
    public IntentReason Reason;
    public IntentUrgency Urgency;
    public PendingState State;

    /// <summary>Batches the change has been held so far.</summary>
    public int Attempts;

    /// <summary>Set when the flush cut the change to fit a risk limit (the rest of the target waits for the order).</summary>
    public bool Clipped;

    /// <summary>The limit that cut it (when <see cref="Clipped"/>).</summary>
    public RiskVerdict ClipReason;

    /// <summary>Set by the flush once the change is booked to an order (or netted away): a flush that fails after that point has published it.</summary>
    public bool Booked;
}
