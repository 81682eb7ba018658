namespace MultiAsset.Engine.Routing.Smart;

/// <summary>Whether the router may use a venue for a request, and if not why.</summary>
public enum VenueAssessment
{
    /// <summary>Usable.</summary>
    Eligible = 0,

    /// <summary>Excluded by the request (it already refused this slice).</summary>
    Excluded = 1,

    /// <summary>Recent average ack latency above the policy's maximum (with latency optimisation on).</summary>
    Slow = 2,

    /// <summary>Recent reject rate above the policy's maximum.</summary>
    Rejecting = 3,
}
