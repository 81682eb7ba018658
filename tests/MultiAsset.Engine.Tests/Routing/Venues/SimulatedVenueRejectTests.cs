using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using static MultiAsset.Engine.Tests.Routing.Venues.VenueTestSupport;

namespace MultiAsset.Engine.Tests.Routing.Venues;

/// <summary>Every reject reason the simulated venue gives, each at ack latency and counted.</summary>
public class SimulatedVenueRejectTests
{
    private static readonly long T0 = MondayOpen;

    [Fact]
    public void ClosedMarket_IsRejected_WhileCryptoTradesOnSaturday()
    {
        var venue = Venue();
        venue.QuoteStock(Saturday);
        venue.OnQuote(Btc, Saturday, Price.FromDecimal(65_000m), Price.FromDecimal(65_000.02m));
        venue.Submit(Market(1, OrderSide.Buy, 10), Saturday);
        venue.Submit(Market(2, OrderSide.Buy, 0.001m, Btc), Saturday);

        var reports = venue.Drain(Saturday + Second);
        var reject = Assert.Single(reports.OfType(ExecutionType.Reject));
        Assert.Equal(1, reject.OrderId);
        Assert.Equal(VenueRejectReason.MarketClosed, reject.RejectReason);
        Assert.Equal(Saturday + Millisecond, reports.First(r => r.Execution.OrderId == 1).Timestamp);
        Assert.Single(reports.Where(r => r.Execution.OrderId == 2).OfType(ExecutionType.Fill));
        Assert.Equal(1, venue.Counters.Rejects(VenueRejectReason.MarketClosed));
    }

    [Theory]
    [InlineData("0.000015")] // one and a half lots of BTC
    [InlineData("0")]
    [InlineData("-0.001")]
    [InlineData("0.0001")]   // whole lots, but 6.5 USD is below the 10 USD minimum notional
    public void BadQuantity_IsRejected(string quantity)
    {
        var venue = Venue();
        venue.OnQuote(Btc, T0, Price.FromDecimal(65_000m), Price.FromDecimal(65_000.02m));
        venue.Submit(Market(1, OrderSide.Buy, decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture), Btc), T0);
        var reject = Assert.Single(venue.Drain(T0 + Second));
        Assert.Equal(ExecutionType.Reject, reject.Execution.Type);
        Assert.Equal(VenueRejectReason.InvalidQuantity, reject.Execution.RejectReason);
    }

    [Fact]
    public void OffLotStockQuantity_IsRejected()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Market(1, OrderSide.Buy, 10.5m), T0);
        Assert.Equal(VenueRejectReason.InvalidQuantity, Assert.Single(venue.Drain(T0 + Second)).Execution.RejectReason);
    }

    [Theory]
    [InlineData(100.005)]
    [InlineData(0)]
    [InlineData(-1)]
    public void OffTickOrNonPositiveLimit_IsRejected(double limit)
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Limit(1, OrderSide.Buy, 10, (decimal)limit), T0);
        Assert.Equal(VenueRejectReason.InvalidPrice, Assert.Single(venue.Drain(T0 + Second)).Execution.RejectReason);
    }

    [Fact]
    public void ReferenceSeriesAndUntradedInstruments_AreUnknown()
    {
        var stocksOnly = Definition(classes: [AssetClass.Stock]);
        var venue = Venue(stocksOnly);
        venue.Submit(Order(1, Rate, OrderSide.Buy, OrderType.Market, 1), T0);
        venue.Submit(Market(2, OrderSide.Buy, 0.001m, Btc), T0);
        venue.Submit(Market(3, OrderSide.Buy, 1, new InstrumentId(99)), T0);
        var reports = venue.Drain(T0 + Second);
        Assert.Equal(3, reports.Count);
        Assert.All(reports, r => Assert.Equal(VenueRejectReason.UnknownInstrument, r.Execution.RejectReason));
        Assert.False(venue.Trades(Btc));
        Assert.True(venue.Trades(Stock));
    }

    [Fact]
    public void MarketOrderWithoutABook_IsRejectedForLiquidity_ButALimitRests()
    {
        var venue = Venue();
        venue.Submit(Market(1, OrderSide.Buy, 10), T0);
        venue.Submit(Ioc(2, OrderSide.Buy, 10, 100m), T0);
        venue.Submit(Limit(3, OrderSide.Buy, 10, 100m), T0);
        var reports = venue.Drain(T0 + Second);
        Assert.Equal(
            [(1L, ExecutionType.Reject, VenueRejectReason.NoLiquidity), (2L, ExecutionType.Reject, VenueRejectReason.NoLiquidity), (3L, ExecutionType.Ack, VenueRejectReason.None)],
            reports.Select(r => (r.Execution.OrderId, r.Execution.Type, r.Execution.RejectReason)));
    }

    [Fact]
    public void MarketOrderAfterTheBookIsExhausted_IsRejectedForLiquidity()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Market(1, OrderSide.Buy, 300), T0);
        venue.Submit(Market(2, OrderSide.Buy, 1), T0);
        var second = venue.Drain(T0 + Second).Where(r => r.Execution.OrderId == 2).ToList();
        Assert.Equal(VenueRejectReason.NoLiquidity, Assert.Single(second).Execution.RejectReason);
    }

    [Fact]
    public void RandomRejects_FollowTheSeed()
    {
        static (int Rejects, string Pattern) Run(ulong seed)
        {
            var venue = Venue(Definition(rejectProbability: 0.3, seed: seed, maxPendingReports: 8192));
            var pattern = new char[1000];
            for (int i = 0; i < pattern.Length; i++)
            {
                venue.QuoteStock(T0 + i);
                venue.Submit(Market(i, OrderSide.Buy, 1), T0 + i);
                var first = venue.Drain(T0 + Second).First(r => r.Execution.OrderId == i);
                pattern[i] = first.Execution.Type == ExecutionType.Reject ? 'R' : 'A';
                if (first.Execution.Type == ExecutionType.Reject)
                {
                    Assert.Equal(VenueRejectReason.VenueUnavailable, first.Execution.RejectReason);
                }
            }

            return (pattern.Count(c => c == 'R'), new string(pattern));
        }

        var a = Run(7);
        var b = Run(7);
        var c = Run(8);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Pattern, c.Pattern);
        Assert.InRange(a.Rejects, 240, 360); // 1000 × 0.3 ± 4σ (σ ≈ 14.5)
    }

    [Fact]
    public void NoRejectProbability_NeverRejectsAtRandom()
    {
        var venue = Venue(Definition(rejectProbability: 0, maxPendingReports: 8192));
        for (int i = 0; i < 500; i++)
        {
            venue.QuoteStock(T0 + i);
            venue.Submit(Market(i, OrderSide.Buy, 1), T0 + i);
        }

        Assert.Empty(venue.Drain(T0 + Second).OfType(ExecutionType.Reject));
    }

    [Fact]
    public void FullWorkingOrderPool_RejectsInsteadOfAllocating_AndFreesOnCancel()
    {
        var venue = Venue(Definition(maxWorkingOrders: 2));
        venue.QuoteStock(T0);
        venue.Submit(Limit(1, OrderSide.Buy, 10, 99m), T0);
        venue.Submit(Limit(2, OrderSide.Buy, 10, 99m), T0);
        venue.Submit(Limit(3, OrderSide.Buy, 10, 99m), T0);
        Assert.Equal(VenueRejectReason.VenueUnavailable, venue.Drain(T0 + Second).Single(r => r.Execution.OrderId == 3).Execution.RejectReason);
        Assert.Equal(1, venue.Counters.CapacityRejects);
        Assert.Equal(2, venue.WorkingOrders);

        venue.Cancel(1, T0 + 1);
        venue.Submit(Limit(4, OrderSide.Buy, 10, 99m), T0 + 2);
        Assert.Equal(ExecutionType.Ack, venue.Drain(T0 + Second).Single(r => r.Execution.OrderId == 4).Execution.Type);
        Assert.Equal(2, venue.WorkingOrders);
    }

    [Fact]
    public void DuplicateWorkingId_IsRejected()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Limit(1, OrderSide.Buy, 10, 99m), T0);
        venue.Submit(Limit(1, OrderSide.Buy, 10, 98m), T0);
        var reports = venue.Drain(T0 + Second);
        Assert.Equal([ExecutionType.Ack, ExecutionType.Reject], reports.Select(r => r.Execution.Type));
        Assert.Equal(1, venue.Counters.DuplicateIds);
    }

    [Fact]
    public void FullReportQueue_RefusesTheRequest_UntilPolled()
    {
        // Room for 8 reports; a 3-level order needs 5 free slots in the worst case.
        var venue = Venue(Definition(maxPendingReports: 8));
        venue.QuoteStock(T0);
        Assert.True(venue.Submit(Market(1, OrderSide.Buy, 250), T0)); // 4 reports queued
        Assert.False(venue.Submit(Market(2, OrderSide.Buy, 1), T0));
        Assert.Equal(1, venue.Counters.Refused);
        Assert.Equal(4, venue.Drain(T0 + Second).Count);
        Assert.True(venue.Submit(Market(2, OrderSide.Buy, 1), T0 + Second));
    }

    private const long Second = 1_000_000_000;
}
