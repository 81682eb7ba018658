using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>An execution report decided by a simulated venue and waiting for its due time.</summary>
internal struct PendingReport
{
    /// <summary>Engine time (ns) at which the report is delivered; also its event timestamp.</summary>
    public long Due;

    /// <summary>Order of scheduling: breaks ties between reports due at the same instant (an order's ack before its fills).</summary>
    public long Sequence;

    /// <summary>The instrument of the order (<see cref="InstrumentId.None"/> for a cancel of an unknown order).</summary>
    public InstrumentId Instrument;

    /// <summary>The report itself.</summary>
    public ExecutionData Data;

    /// <summary>Whether this report is delivered before <paramref name="other"/>.</summary>
    public readonly bool Precedes(in PendingReport other) => Due < other.Due || (Due == other.Due && Sequence < other.Sequence);
}
