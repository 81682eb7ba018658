using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Routing.Smart;

/// <summary>The outcome of one routing decision: how many allocations were written and what was left out, and why.</summary>
/// <param name="Count">Allocations written (one per venue at most, best effective price first).</param>
/// <param name="Displayed">Quantity covered by displayed depth across the allocations.</param>
/// <param name="Unrouted">Quantity not sent anywhere (no eligible venue, remainder routing off, or below one lot).</param>
/// <param name="ExpectedNotional">Σ of the allocations' expected notionals.</param>
/// <param name="ExpectedFee">Σ of their expected fees.</param>
/// <param name="SkippedSlow">Venues skipped for ack latency, one bit per id.</param>
/// <param name="SkippedRejecting">Venues skipped for their reject rate, one bit per id.</param>
public readonly record struct RouteDecision(int Count, Quantity Displayed, Quantity Unrouted, Money ExpectedNotional, Money ExpectedFee, ulong SkippedSlow, ulong SkippedRejecting)
{
    /// <summary>Whether <paramref name="venue"/> was skipped as slow.</summary>
    public bool WasSkippedSlow(VenueId venue) => (SkippedSlow & RouteRequest.VenueBit(venue)) != 0;

    /// <summary>Whether <paramref name="venue"/> was skipped as rejecting.</summary>
    public bool WasSkippedRejecting(VenueId venue) => (SkippedRejecting & RouteRequest.VenueBit(venue)) != 0;
}
