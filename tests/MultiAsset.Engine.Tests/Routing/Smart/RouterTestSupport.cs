using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Algorithms;
using MultiAsset.Engine.Routing.Smart;
using MultiAsset.Engine.Routing.Venues;

namespace MultiAsset.Engine.Tests.Routing.Smart;

/// <summary>Builds router inputs by hand: venues with fees, health and displayed levels.</summary>
internal sealed class RouterScenario
{
    public static readonly VenueId A = new(0);
    public static readonly VenueId B = new(1);
    public static readonly VenueId C = new(2);

    private readonly List<VenueRouteInput> venues = [];
    private readonly List<DepthLevel> depth = [];

    public ReadOnlySpan<VenueRouteInput> Venues => venues.ToArray();

    public ReadOnlySpan<DepthLevel> Depth => depth.ToArray();

    /// <summary>Adds a venue (in preference order) with its levels as (price, lots), best first.</summary>
    public RouterScenario Venue(VenueId id, decimal takerBps, params (decimal Price, long Lots)[] levels) => Venue(id, takerBps, default, levels);

    public RouterScenario Venue(VenueId id, decimal takerBps, VenueHealthSnapshot health, params (decimal Price, long Lots)[] levels)
    {
        venues.Add(new VenueRouteInput(id, new VenueFeeSchedule(0m, takerBps, Price.Zero), health, depth.Count, levels.Length));
        depth.AddRange(levels.Select(l => new DepthLevel(id, Price.FromDecimal(l.Price), l.Lots)));
        return this;
    }

    public static RouteRequest Buy(decimal quantity, decimal? limit = null, decimal lot = 1m) =>
        new(new InstrumentId(0), AssetClass.Stock, OrderSide.Buy, Quantity.FromDecimal(quantity), Quantity.FromDecimal(lot), limit is { } l ? Price.FromDecimal(l) : LiquiditySweepPlanner.NoLimit(OrderSide.Buy));

    public static RouteRequest Sell(decimal quantity, decimal? limit = null) =>
        new(new InstrumentId(0), AssetClass.Stock, OrderSide.Sell, Quantity.FromDecimal(quantity), Quantity.FromDecimal(1m), limit is { } l ? Price.FromDecimal(l) : LiquiditySweepPlanner.NoLimit(OrderSide.Sell));

    public (RouteDecision Decision, RouteAllocation[] Allocations) Route(SmartOrderRouter router, RouteRequest request)
    {
        var allocations = new RouteAllocation[venues.Count];
        var decision = router.Route(request, Venues, Depth, allocations);
        return (decision, allocations[..decision.Count]);
    }

    public static SmartOrderRouter Router(VenueRoutingPolicy? policy = null) => new(policy ?? VenueRoutingPolicy.Default, 64);
}
