using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Algorithms;
using MultiAsset.Engine.Routing.Smart;
using MultiAsset.Engine.Routing.Venues;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Routing.Smart;

/// <summary>The routing decision (and gathering its inputs from venues) allocates nothing per order.</summary>
public class SmartOrderRouterAllocationTests
{
    private const int Orders = 100_000;

    [Fact]
    public void Route_AllocatesNothing()
    {
        var router = new SmartOrderRouter(VenueRoutingPolicy.Default, 15);
        var venues = new VenueRouteInput[3];
        var depth = new DepthLevel[15];
        for (int v = 0; v < 3; v++)
        {
            venues[v] = new VenueRouteInput(new VenueId(v), new VenueFeeSchedule(-0.2m, 0.3m + v, Price.FromDecimal(0.0005m)), new VenueHealthSnapshot(20, v, 20, 400_000), v * 5, 5);
            for (int k = 0; k < 5; k++)
            {
                depth[(v * 5) + k] = new DepthLevel(new VenueId(v), Price.FromRaw(10_002_000_000 + (k * 1_000_000) + (v * 500_000)), 100 + (v * 50));
            }
        }

        var allocations = new RouteAllocation[3];
        long routed = Run(router, venues, depth, allocations, 1_000);
        Assert.True(routed > 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        routed = Run(router, venues, depth, allocations, Orders);
        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, Orders);
        Assert.True(routed > Orders);
    }

    [Fact]
    public void GatherFromVenues_AllocatesNothing()
    {
        var a = Venues.VenueTestSupport.Definition(id: 0, name: "A");
        var b = Venues.VenueTestSupport.Definition(id: 1, name: "B", levels: 5);
        var config = new VenueConfig([a, b], new Dictionary<AssetClass, IReadOnlyList<VenueId>> { [AssetClass.Stock] = [a.Id, b.Id] }, VenueRoutingPolicy.Default);
        IExecutionVenue[] venues = [new SimulatedVenue(a, Venues.VenueTestSupport.Catalog), new SimulatedVenue(b, Venues.VenueTestSupport.Catalog)];
        var stock = Venues.VenueTestSupport.Stock;
        foreach (var venue in venues)
        {
            venue.OnQuote(stock, Venues.VenueTestSupport.MondayOpen, Price.FromDecimal(100m), Price.FromDecimal(100.02m));
        }

        var health = new VenueHealth(2, 50);
        var inputs = new RouteInputs(2, 8);
        long total = 0;
        for (int i = 0; i < 1_000; i++)
        {
            total += inputs.Gather(config.RoutesFor(AssetClass.Stock), venues, config, health, stock, OrderSide.Buy);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Orders; i++)
        {
            total += inputs.Gather(config.RoutesFor(AssetClass.Stock), venues, config, health, stock, (i & 1) == 0 ? OrderSide.Buy : OrderSide.Sell);
        }

        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, Orders);
        Assert.Equal(2L * (Orders + 1_000), total);
        Assert.Equal(8, inputs.Depth.Length);
    }

    private static long Run(SmartOrderRouter router, VenueRouteInput[] venues, DepthLevel[] depth, RouteAllocation[] allocations, int count)
    {
        long routed = 0;
        for (int i = 0; i < count; i++)
        {
            var side = (i & 1) == 0 ? OrderSide.Buy : OrderSide.Sell;
            var request = new RouteRequest(new InstrumentId(0), AssetClass.Stock, side, Quantity.FromRaw((100 + (i % 400)) * Quantity.Scale), Quantity.FromRaw(Quantity.Scale), LiquiditySweepPlanner.NoLimit(side))
            {
                ExcludedVenues = (i % 5 == 0) ? 1UL : 0UL,
            };
            routed += router.Route(request, venues, depth, allocations).Count;
        }

        return routed;
    }
}
