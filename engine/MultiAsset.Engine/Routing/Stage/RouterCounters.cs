using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Routing.Stage;

/// <summary>What the router stage did, for the status line, queries and the digest.</summary>
public sealed class RouterCounters
{
    /// <summary>Accepted parent orders taken on.</summary>
    public long Parents { get; internal set; }

    /// <summary>Parent orders refused (no free slot): cancelled back to the pipeline.</summary>
    public long ParentsRefused { get; internal set; }

    /// <summary>Orders the risk gate refused, cancelled back to the pipeline.</summary>
    public long ParentsRefusedByRisk { get; internal set; }

    /// <summary>Parent orders completely filled.</summary>
    public long ParentsFilled { get; internal set; }

    /// <summary>Parent orders cancelled: by a kill switch (held ones included), the unfilled rest of an immediate-or-cancel order, or a rest no venue would take.</summary>
    public long ParentsCancelled { get; internal set; }

    /// <summary>Orders the risk gate held until the open (counted once, when first held).</summary>
    public long ParentsHeld { get; internal set; }

    /// <summary>Held orders released at the open and checked again (then worked or refused).</summary>
    public long ParentsReleased { get; internal set; }

    /// <summary>Day orders whose session closed before they filled.</summary>
    public long ParentsExpired { get; internal set; }

    /// <summary>Child orders sent to venues.</summary>
    public long Children { get; internal set; }

    /// <summary>Child orders a venue could not even queue (sent again later).</summary>
    public long ChildrenRefused { get; internal set; }

    /// <summary>Fills reported.</summary>
    public long Fills { get; internal set; }

    /// <summary>Venue rejects reported (the quantity is routed again, avoiding that venue — unless it is unplaceable).</summary>
    public long Rejects { get; internal set; }

    /// <summary>Rejected rests no venue would take at that size or price (below the minimum notional, off the grid): handed back, not retried.</summary>
    public long RestsUnplaceable { get; internal set; }

    /// <summary>Reports for orders the router no longer holds.</summary>
    public long Unmatched { get; internal set; }

    /// <summary>Slices routed ignoring venue health because health had left no venue at all.</summary>
    public long HealthOverrides { get; internal set; }

    /// <summary>
    /// Orders whose handling here threw: each ended refused with <see cref="Model.Events.RiskVerdict.StageFault"/> and its
    /// quantity was handed back to its owner. A non-zero count is a bug to look at.
    /// </summary>
    public long StageFaults { get; internal set; }

    /// <summary>Faults whose hand-back itself threw (the order's quantity may not have gone back): should stay 0.</summary>
    public long StageFaultsUnresolved { get; internal set; }

    internal void AppendDigest(StateDigestBuilder digest)
        => digest.Add(Parents).Add(ParentsRefused).Add(ParentsRefusedByRisk).Add(ParentsFilled).Add(ParentsCancelled).Add(Children).Add(ChildrenRefused).Add(Fills).Add(Rejects).Add(Unmatched)
            .Add(ParentsHeld).Add(ParentsReleased).Add(ParentsExpired).Add(RestsUnplaceable).Add(StageFaults).Add(StageFaultsUnresolved).Add(HealthOverrides);
}
