using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Algorithms;

namespace MultiAsset.Engine.Routing.Smart;

/// <summary>
/// One parent slice to route: what, which way, how much and how far the price may go. Venues already tried and refused
/// are excluded by <see cref="ExcludedVenues"/> (see <see cref="SmartOrderRouter.Reroute"/>).
/// </summary>
/// <param name="Instrument">What to trade.</param>
/// <param name="AssetClass">Its asset class (per-share fees apply to STOCK).</param>
/// <param name="Side">Buy or Sell.</param>
/// <param name="Quantity">How much (positive); a part below one lot is left unrouted.</param>
/// <param name="LotSize">The instrument's lot size (positive): displayed depth is counted in lots.</param>
/// <param name="Limit">Worst displayed price to take; <see cref="LiquiditySweepPlanner.NoLimit"/> for a market slice.</param>
public readonly record struct RouteRequest(InstrumentId Instrument, AssetClass AssetClass, OrderSide Side, Quantity Quantity, Quantity LotSize, Price Limit)
{
    /// <summary>Venues not to route to, one bit per venue id (ids below 64).</summary>
    public ulong ExcludedVenues { get; init; }

    /// <summary>
    /// Route to venues whatever their health (slow acks, reject rate): the router's fallback when health left no venue at
    /// all — health only learns from orders sent, so skipping every venue for good would never let it recover.
    /// </summary>
    public bool IgnoreHealth { get; init; }

    /// <summary>This request with <paramref name="venue"/> excluded as well.</summary>
    public RouteRequest Excluding(VenueId venue) => this with { ExcludedVenues = ExcludedVenues | VenueBit(venue) };

    /// <summary>Whether <paramref name="venue"/> is excluded.</summary>
    public bool IsExcluded(VenueId venue) => (ExcludedVenues & VenueBit(venue)) != 0;

    /// <summary>The bit of <paramref name="venue"/> in the venue masks (0 for ids outside 0..63).</summary>
    public static ulong VenueBit(VenueId venue) => (uint)venue.Value < 64 ? 1UL << venue.Value : 0;
}
