using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Routing.Algorithms;

/// <summary>One child order of a liquidity sweep: take <paramref name="Lots"/> at <paramref name="Price"/> on <paramref name="Venue"/>.</summary>
/// <param name="Venue">The venue to send to.</param>
/// <param name="Price">The displayed level's price (the child's limit).</param>
/// <param name="Lots">How many lots to take (≤ the displayed size).</param>
public readonly record struct SweepAllocation(VenueId Venue, Price Price, long Lots);
