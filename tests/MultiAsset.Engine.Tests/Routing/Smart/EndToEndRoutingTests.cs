using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Smart;
using MultiAsset.Engine.Routing.Venues;
using MultiAsset.Engine.Tests.Routing.Venues;
using static MultiAsset.Engine.Tests.Routing.Venues.VenueTestSupport;

namespace MultiAsset.Engine.Tests.Routing.Smart;

/// <summary>
/// The router over live simulated venues: gather their depth, route, send IOC children, and get exactly the fills, prices
/// and fees the decision expected; a venue that rejects is routed around.
/// </summary>
public class EndToEndRoutingTests
{
    private static readonly long T0 = MondayOpen;

    [Fact]
    public void RoutedChildren_FillExactlyAsTheDecisionExpected()
    {
        var (venues, config, health) = Setup(rejectB: false);
        var inputs = new RouteInputs(3, 8);
        var router = new SmartOrderRouter(config.Policy, 24);
        var allocations = new RouteAllocation[3];

        Assert.Equal(2, inputs.Gather(config.RoutesFor(AssetClass.Stock), venues, config, health, Stock, OrderSide.Buy));
        var request = new RouteRequest(Stock, AssetClass.Stock, OrderSide.Buy, Quantity.FromDecimal(450), Quantity.FromDecimal(1), Price.FromDecimal(100.05m));
        var decision = router.Route(request, inputs.Venues, inputs.Depth, allocations);
        Assert.Equal(2, decision.Count);
        Assert.Equal(0m, decision.Unrouted.Dec());

        long id = 1;
        foreach (var allocation in allocations.AsSpan(0, decision.Count))
        {
            var child = new ChildOrderRequest(id++, new AccountId(0), new StrategyId(0), Stock, OrderSide.Buy, OrderType.ImmediateOrCancel, allocation.Quantity, allocation.WorstPrice);
            Assert.True(venues[allocation.Venue.Value].Submit(child, T0));
        }

        var fills = venues.SelectMany(v => v.Drain(T0 + 1_000_000_000)).OfType(ExecutionType.Fill).ToList();
        Assert.Equal(450m, fills.Sum(f => f.Quantity.Dec()));
        Assert.Equal(decision.ExpectedNotional.Dec(), fills.Sum(f => f.Quantity.Dec() * f.Price.Dec()));
        Assert.Equal(decision.ExpectedFee.Dec(), fills.Sum(f => f.Fee.Dec()));
    }

    [Fact]
    public void AVenueThatKeepsRejecting_IsSkippedOnceItsHealthShowsIt()
    {
        var (venues, config, health) = Setup(rejectB: true);
        var inputs = new RouteInputs(3, 8);
        var router = new SmartOrderRouter(config.Policy, 24);
        var allocations = new RouteAllocation[3];
        var sentAt = new Dictionary<long, long>();
        long now = T0;
        long id = 1;
        int rerouted = 0;
        for (int round = 0; round < 40; round++)
        {
            now += 10 * Millisecond;
            foreach (var venue in venues)
            {
                venue.QuoteStock(now);
            }

            inputs.Gather(config.RoutesFor(AssetClass.Stock), venues, config, health, Stock, OrderSide.Buy);
            // B shows the better touch, so it is chosen until its rejects count against it.
            var request = new RouteRequest(Stock, AssetClass.Stock, OrderSide.Buy, Quantity.FromDecimal(10), Quantity.FromDecimal(1), Price.FromDecimal(100.05m));
            var decision = router.Route(request, inputs.Venues, inputs.Depth, allocations);
            var target = allocations[0].Venue;
            sentAt[id] = now;
            venues[target.Value].Submit(new ChildOrderRequest(id++, new AccountId(0), new StrategyId(0), Stock, OrderSide.Buy, OrderType.ImmediateOrCancel, allocations[0].Quantity, allocations[0].WorstPrice), now);
            foreach (var report in venues.SelectMany(v => v.Drain(now + (5 * Millisecond))))
            {
                health.OnReport(report, sentAt[report.Execution.OrderId]);
                if (report.Execution.Type == ExecutionType.Reject)
                {
                    router.Reroute(ref request, new VenueId(report.Execution.Venue), inputs.Venues, inputs.Depth, allocations);
                    Assert.NotEqual(report.Execution.Venue, allocations[0].Venue.Value);
                    rerouted++;
                }
            }

            if (round == 39)
            {
                Assert.True(decision.WasSkippedRejecting(new VenueId(1)), "B should be skipped by now");
                Assert.Equal(new VenueId(0), target);
            }
        }

        Assert.Equal(config.Policy.MinHealthSamples, rerouted); // B is tried until it has enough samples to judge
    }

    private static (SimulatedVenue[] Venues, VenueConfig Config, VenueHealth Health) Setup(bool rejectB)
    {
        // A: the feed's spread, 3 levels of 100, taker 3 bps + 0.001/share. B: a tighter touch (multiplier 0.5 shows
        // 100.01/100.03 for a 100.00/100.04 feed), 2 levels of 150, taker 1 bps; when rejectB it refuses (almost) every order.
        var a = Definition(id: 0, name: "A-SIM");
        var b = Definition(id: 1, name: "B-SIM", takerBps: 1m, perShare: 0m, levels: 2, depthLots: 150, halfSpreadMultiplier: 0.5m, rejectProbability: rejectB ? 0.999999 : 0);
        var policy = VenueRoutingPolicy.Default with { MinHealthSamples = 5 };
        var config = new VenueConfig([a, b], new Dictionary<AssetClass, IReadOnlyList<VenueId>> { [AssetClass.Stock] = [a.Id, b.Id] }, policy);
        var venues = new[] { new SimulatedVenue(a, Catalog), new SimulatedVenue(b, Catalog) };
        foreach (var venue in venues)
        {
            venue.QuoteStock(T0, 100.00m, 100.04m);
        }

        return (venues, config, new VenueHealth(2, policy.HealthWindow));
    }
}
