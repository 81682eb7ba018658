using MultiAsset.Engine.Model;
using MultiAsset.Engine.Routing.Venues;

namespace MultiAsset.Engine.Routing.Smart;

/// <summary>
/// What the router knows of one candidate venue: its fees, its health, and where its displayed levels are in the depth span
/// passed alongside (<c>depth[DepthStart..DepthStart+DepthCount]</c>, best first).
/// </summary>
/// <param name="Venue">The venue.</param>
/// <param name="Fees">Its fee schedule (taker rates rank the levels).</param>
/// <param name="Health">Its recent reject rate and ack latency.</param>
/// <param name="DepthStart">First of its levels in the depth span.</param>
/// <param name="DepthCount">How many levels it displays.</param>
public readonly record struct VenueRouteInput(VenueId Venue, VenueFeeSchedule Fees, VenueHealthSnapshot Health, int DepthStart, int DepthCount);
