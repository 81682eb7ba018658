using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Tests.Support;
using static MultiAsset.Engine.Tests.Routing.Venues.VenueTestSupport;

namespace MultiAsset.Engine.Tests.Routing.Venues;

/// <summary>OnQuote, Submit (every order type, fills, rests, rejects), Cancel and Poll allocate nothing per call.</summary>
public class SimulatedVenueAllocationTests
{
    private const int Rounds = 20_000;

    [Fact]
    public void QuoteSubmitCancelPoll_AllocateNothing()
    {
        var venue = Venue(Definition(jitterNanos: 100 * Microsecond, rejectProbability: 0.05, maxWorkingOrders: 256, maxPendingReports: 4096));
        var output = new InputEvent[64];
        long now = MondayOpen;
        long delivered = Run(venue, output, ref now, 2_000); // warm up (tiering) before measuring
        Assert.True(delivered > 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        delivered = Run(venue, output, ref now, Rounds);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Each round: 2 quotes, 4 submits, 1 cancel, 1 poll.
        AllocationAssert.NonePerOperation(allocated, Rounds * 8L);
        Assert.True(delivered > Rounds * 4, $"only {delivered} reports");
        Assert.True(venue.Counters.Fills > Rounds, "the loop should fill");
        Assert.True(venue.Counters.Rejects(VenueRejectReason.VenueUnavailable) > 0, "the loop should reject");
    }

    private static long Run(Engine.Routing.Venues.SimulatedVenue venue, InputEvent[] output, ref long now, int rounds)
    {
        long delivered = 0;
        for (int i = 0; i < rounds; i++)
        {
            now += 200 * Microsecond;
            long id = (long)i * 4;
            venue.OnQuote(Stock, now, Price.FromRaw(10_000_000_000 - ((i & 3) * 1_000_000)), Price.FromRaw(10_002_000_000 - ((i & 3) * 1_000_000)));
            venue.OnQuote(Btc, now, Price.FromRaw(6_500_000_000_000), Price.FromRaw(6_500_002_000_000));
            venue.Submit(new(id, new AccountId(0), new StrategyId(0), Stock, OrderSide.Buy, OrderType.Market, Quantity.FromRaw(150 * Quantity.Scale), Price.Zero), now);
            venue.Submit(new(id + 1, new AccountId(0), new StrategyId(0), Stock, OrderSide.Sell, OrderType.ImmediateOrCancel, Quantity.FromRaw(120 * Quantity.Scale), Price.FromRaw(9_999_000_000)), now);
            venue.Submit(new(id + 2, new AccountId(0), new StrategyId(0), Stock, OrderSide.Buy, OrderType.Limit, Quantity.FromRaw(20 * Quantity.Scale), Price.FromRaw(9_998_000_000)), now);
            venue.Submit(new(id + 3, new AccountId(0), new StrategyId(0), Btc, OrderSide.Buy, OrderType.Market, Quantity.FromRaw(150_000), Price.Zero), now);
            venue.Cancel(id - 6, now); // a limit of two rounds ago if still working, else unknown
            delivered += venue.Poll(now, output);
        }

        return delivered;
    }
}
