using MultiAsset.Engine.Model;
using MultiAsset.Engine.Routing.Smart;
using MultiAsset.Engine.Routing.Venues;
using static MultiAsset.Engine.Tests.Routing.Smart.RouterScenario;

namespace MultiAsset.Engine.Tests.Routing.Smart;

/// <summary>The routing decision: cheapest effective price, split by depth, unhealthy venues skipped, re-route on reject.</summary>
public class SmartOrderRouterTests
{
    private static readonly VenueHealthSnapshot Healthy = new(20, 0, 20, 500_000);

    [Fact]
    public void PicksTheCheapestEffectiveVenue_FeesCanFlipABetterRawPrice()
    {
        // A shows 100.00 but charges 3 bps (0.03 a share): 100.03 effective; B shows 100.02 with no fee.
        var scenario = new RouterScenario()
            .Venue(A, 3m, (100.00m, 500))
            .Venue(B, 0m, (100.02m, 500));
        var (decision, allocations) = scenario.Route(Router(), Buy(100));
        var only = Assert.Single(allocations);
        Assert.Equal(B, only.Venue);
        Assert.Equal(100m, only.Quantity.ToDecimal());
        Assert.Equal(100.02m, only.WorstPrice.ToDecimal());
        Assert.Equal(10_002m, decision.ExpectedNotional.ToDecimal());
        Assert.Equal(0m, decision.ExpectedFee.ToDecimal());

        // Without the fee the better raw price wins.
        var noFees = new RouterScenario().Venue(A, 0m, (100.00m, 500)).Venue(B, 0m, (100.02m, 500));
        Assert.Equal(A, Assert.Single(noFees.Route(Router(), Buy(100)).Allocations).Venue);
    }

    [Fact]
    public void Sell_PicksTheHighestBidNetOfFees()
    {
        // A bids 100.02 less 3 bps (0.030006) = 99.989994; B bids 100.00 with no fee.
        var scenario = new RouterScenario().Venue(A, 3m, (100.02m, 500)).Venue(B, 0m, (100.00m, 500));
        var only = Assert.Single(scenario.Route(Router(), Sell(50)).Allocations);
        Assert.Equal(B, only.Venue);
    }

    [Fact]
    public void SplitsByDisplayedDepth_CheapestLevelsAcrossVenuesFirst()
    {
        var scenario = new RouterScenario()
            .Venue(A, 0m, (100.00m, 100), (100.01m, 100))
            .Venue(B, 0m, (100.00m, 50), (100.02m, 100));
        var (decision, allocations) = scenario.Route(Router(), Buy(220));

        // 100.00: A's 100 and B's 50; then 100.01 on A for the last 70 (B's 100.02 is worse).
        Assert.Equal(2, decision.Count);
        Assert.Equal((A, 170m, 100.01m, 17_000.70m), (allocations[0].Venue, allocations[0].Quantity.ToDecimal(), allocations[0].WorstPrice.ToDecimal(), allocations[0].ExpectedNotional.ToDecimal()));
        Assert.Equal((B, 50m, 100.00m, 5_000m), (allocations[1].Venue, allocations[1].Quantity.ToDecimal(), allocations[1].WorstPrice.ToDecimal(), allocations[1].ExpectedNotional.ToDecimal()));
        Assert.Equal(220m, decision.Displayed.ToDecimal());
        Assert.Equal(0m, decision.Unrouted.ToDecimal());
        Assert.All(allocations, a => Assert.Equal(a.Quantity, a.DisplayedQuantity));
    }

    [Fact]
    public void WalkingAThinBook_LosesToADeeperOneWithAWorseTouch()
    {
        // A: 100.00 × 10 then 100.10; B: 100.01 × 500. The slippage on A outweighs its touch.
        var scenario = new RouterScenario()
            .Venue(A, 0m, (100.00m, 10), (100.10m, 500))
            .Venue(B, 0m, (100.01m, 500));
        var allocations = scenario.Route(Router(), Buy(300)).Allocations;
        Assert.Equal([(A, 10m), (B, 290m)], allocations.Select(a => (a.Venue, a.Quantity.ToDecimal())));
    }

    [Fact]
    public void ExpectedFee_IsTheSumOfPerLevelTakerFees()
    {
        var scenario = new RouterScenario().Venue(A, 3m, (100.02m, 100), (100.03m, 100), (100.04m, 100));
        var decision = scenario.Route(Router(), Buy(250)).Decision;
        Assert.Equal(7.5021m, decision.ExpectedFee.ToDecimal()); // 3.0006 + 3.0009 + 1.5006
        Assert.Equal(25_007m, decision.ExpectedNotional.ToDecimal());
    }

    [Fact]
    public void SkipsASlowVenue_UnlessLatencyOptimisationIsOff()
    {
        var slow = new VenueHealthSnapshot(20, 0, 20, 3_000_000); // 3 ms average ack
        var scenario = new RouterScenario()
            .Venue(A, 0m, slow, (100.00m, 500))
            .Venue(B, 0m, Healthy, (100.02m, 500));
        var policy = VenueRoutingPolicy.Default.WithMaxAckLatency(AssetClass.Stock, 2_000_000);

        var (decision, allocations) = scenario.Route(Router(policy), Buy(100));
        Assert.Equal(B, Assert.Single(allocations).Venue);
        Assert.True(decision.WasSkippedSlow(A));
        Assert.False(decision.WasSkippedSlow(B));

        var off = scenario.Route(Router(policy with { LatencyOptimization = false }), Buy(100));
        Assert.Equal(A, Assert.Single(off.Allocations).Venue);
        Assert.Equal(0UL, off.Decision.SkippedSlow);
    }

    [Fact]
    public void SkipsARejectingVenue_OnceItHasEnoughSamples()
    {
        var rejecting = new VenueHealthSnapshot(20, 10, 10, 500_000); // 50 % rejects
        var scenario = new RouterScenario()
            .Venue(A, 0m, rejecting, (100.00m, 500))
            .Venue(B, 0m, Healthy, (100.02m, 500));
        var (decision, allocations) = scenario.Route(Router(), Buy(100));
        Assert.Equal(B, Assert.Single(allocations).Venue);
        Assert.True(decision.WasSkippedRejecting(A));

        // Two rejects out of four: too few outcomes to judge.
        var young = new RouterScenario()
            .Venue(A, 0m, new VenueHealthSnapshot(4, 2, 2, 500_000), (100.00m, 500))
            .Venue(B, 0m, Healthy, (100.02m, 500));
        Assert.Equal(A, Assert.Single(young.Route(Router(), Buy(100)).Allocations).Venue);
    }

    [Fact]
    public void Reroute_ExcludesTheRejectingVenue_AndAccumulates()
    {
        var scenario = new RouterScenario()
            .Venue(A, 0m, (100.00m, 500))
            .Venue(B, 0m, (100.01m, 500))
            .Venue(C, 0m, (100.02m, 500));
        var router = Router();
        var request = Buy(100);
        var allocations = new RouteAllocation[3];

        var first = router.Route(request, scenario.Venues, scenario.Depth, allocations);
        Assert.Equal(A, allocations[0].Venue);
        Assert.Equal(1, first.Count);

        var second = router.Reroute(ref request, A, scenario.Venues, scenario.Depth, allocations);
        Assert.Equal((1, B), (second.Count, allocations[0].Venue));
        Assert.True(request.IsExcluded(A));

        var third = router.Reroute(ref request, B, scenario.Venues, scenario.Depth, allocations);
        Assert.Equal((1, C), (third.Count, allocations[0].Venue));
        Assert.Equal(100.02m, allocations[0].WorstPrice.ToDecimal());

        var none = router.Reroute(ref request, C, scenario.Venues, scenario.Depth, allocations);
        Assert.Equal(0, none.Count);
        Assert.Equal(100m, none.Unrouted.ToDecimal());
    }

    [Fact]
    public void Remainder_GoesToTheBestVenue_OrIsLeftUnrouted()
    {
        var scenario = new RouterScenario()
            .Venue(A, 0m, (100.01m, 100))
            .Venue(B, 0m, (100.00m, 50));
        var (decision, allocations) = scenario.Route(Router(), Buy(400));
        Assert.Equal([(B, 300m, 50m), (A, 100m, 100m)], allocations.Select(a => (a.Venue, a.Quantity.ToDecimal(), a.DisplayedQuantity.ToDecimal())));
        Assert.Equal(250m, allocations[0].Remainder.ToDecimal());
        Assert.Equal(150m, decision.Displayed.ToDecimal());
        Assert.Equal(0m, decision.Unrouted.ToDecimal());

        var off = scenario.Route(Router(VenueRoutingPolicy.Default with { RouteRemainder = false }), Buy(400));
        Assert.Equal(250m, off.Decision.Unrouted.ToDecimal());
        Assert.All(off.Allocations, a => Assert.Equal(0m, a.Remainder.ToDecimal()));
    }

    [Fact]
    public void WithNoDisplayedDepth_TheFirstEligibleVenueTakesItAll()
    {
        var scenario = new RouterScenario()
            .Venue(A, 0m, new VenueHealthSnapshot(20, 15, 5, 0))
            .Venue(B, 0m)
            .Venue(C, 0m);
        var (decision, allocations) = scenario.Route(Router(), Buy(30, limit: 99m));
        var only = Assert.Single(allocations);
        Assert.Equal((B, 30m, 0m), (only.Venue, only.Quantity.ToDecimal(), only.DisplayedQuantity.ToDecimal()));
        Assert.True(decision.WasSkippedRejecting(A));
    }

    [Fact]
    public void Limit_KeepsTheSweepWithinIt()
    {
        var scenario = new RouterScenario()
            .Venue(A, 0m, (100.00m, 100), (100.02m, 100))
            .Venue(B, 0m, (100.01m, 100));
        var (decision, allocations) = scenario.Route(Router(), Buy(250, limit: 100.01m));
        Assert.Equal(200m, decision.Displayed.ToDecimal());
        Assert.Equal(100.00m, allocations[0].WorstPrice.ToDecimal()); // A, never its 100.02 level
        Assert.Equal(150m, allocations[0].Quantity.ToDecimal());      // 100 displayed + the 50 remainder
        Assert.Equal((B, 100.01m), (allocations[1].Venue, allocations[1].WorstPrice.ToDecimal()));
    }

    [Fact]
    public void QuantityBelowOneLot_IsUnrouted()
    {
        var scenario = new RouterScenario().Venue(A, 0m, (65_000m, 1_000_000));
        var decision = scenario.Route(Router(), Buy(0.000125m, lot: 0.00001m)).Decision;
        Assert.Equal(0.00012m, decision.Displayed.ToDecimal());
        Assert.Equal(0.000005m, decision.Unrouted.ToDecimal());
    }

    [Fact]
    public void BadArguments_AreProgrammingErrors()
    {
        var scenario = new RouterScenario().Venue(A, 0m, (100m, 10)).Venue(B, 0m, (100m, 10));
        var router = Router();
        Assert.Throws<ArgumentException>(() => router.Route(Buy(1), scenario.Venues, scenario.Depth, new RouteAllocation[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => router.Route(Buy(1) with { Side = Engine.Model.Events.OrderSide.None }, scenario.Venues, scenario.Depth, new RouteAllocation[2]));
        Assert.Throws<ArgumentException>(() => new SmartOrderRouter(VenueRoutingPolicy.Default, 1).Route(Buy(1), scenario.Venues, scenario.Depth, new RouteAllocation[2]));
    }
}
