using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using static MultiAsset.Engine.Tests.Routing.Venues.VenueTestSupport;

namespace MultiAsset.Engine.Tests.Routing.Venues;

/// <summary>Fills computed by hand: level walking, VWAP, fees to 1e-8, IOC and market remainders, resting limits.</summary>
public class SimulatedVenueFillTests
{
    private static readonly long T0 = MondayOpen;

    [Fact]
    public void MarketBuy_WalksThreeLevels_WithExactPricesAndFees()
    {
        var venue = Venue();
        venue.QuoteStock(T0); // asks 100.02 / 100.03 / 100.04, 100 shares each
        Assert.True(venue.Submit(Market(7, OrderSide.Buy, 250), T0));

        var reports = venue.Drain(T0 + (2 * Millisecond));
        Assert.Equal([ExecutionType.Ack, ExecutionType.Fill, ExecutionType.Fill, ExecutionType.Fill], reports.Select(r => r.Execution.Type));
        var fills = reports.OfType(ExecutionType.Fill).ToArray();
        Assert.Equal([100m, 100m, 50m], fills.Select(f => f.Quantity.Dec()));
        Assert.Equal([100.02m, 100.03m, 100.04m], fills.Select(f => f.Price.Dec()));
        // Taker 3 bps of the notional + 0.001 per share: 10002 × 0.0003 + 0.1, 10003 × 0.0003 + 0.1, 5002 × 0.0003 + 0.05.
        Assert.Equal([3.1006m, 3.1009m, 1.5506m], fills.Select(f => f.Fee.Dec()));
        Assert.All(fills, f => Assert.Equal(Liquidity.Taker, f.Liquidity));
        Assert.All(fills, f => Assert.Equal(OrderSide.Buy, f.Side));
        Assert.All(reports, r => Assert.Equal(7, r.Execution.OrderId));
        Assert.All(reports, r => Assert.Equal(new AccountId(1), r.Execution.Account));
        Assert.All(reports, r => Assert.Equal(new StrategyId(2), r.Execution.Strategy));
        Assert.All(reports, r => Assert.Equal(Stock, r.Instrument));

        decimal quantity = fills.Sum(f => f.Quantity.Dec());
        decimal vwap = fills.Sum(f => f.Quantity.Dec() * f.Price.Dec()) / quantity;
        Assert.Equal(250m, quantity);
        Assert.Equal(100.028m, vwap);
        Assert.Equal(7.7521m, fills.Sum(f => f.Fee.Dec()));
    }

    [Fact]
    public void CryptoFill_FeeIsRoundedHalfAwayFromZeroTo1e8()
    {
        var venue = Venue();
        venue.OnQuote(Btc, T0, Price.FromDecimal(65_000.00m), Price.FromDecimal(65_000.02m));
        Assert.True(venue.Submit(Market(1, OrderSide.Buy, 0.00123m, Btc), T0));

        var fills = venue.Drain(T0 + (2 * Millisecond)).OfType(ExecutionType.Fill).ToArray();
        // 100 lots of 0.00001 per level: 0.001 at the touch, the other 0.00023 one tick up.
        Assert.Equal([0.001m, 0.00023m], fills.Select(f => f.Quantity.Dec()));
        Assert.Equal([65_000.02m, 65_000.03m], fills.Select(f => f.Price.Dec()));
        // 65.00002 × 3 bps = 0.019500006 → 0.01950001; 14.9500069 × 3 bps = 0.00448500207 → 0.00448500. No per-share fee.
        Assert.Equal([0.01950001m, 0.00448500m], fills.Select(f => f.Fee.Dec()));
        decimal vwap = fills.Sum(f => f.Quantity.Dec() * f.Price.Dec()) / fills.Sum(f => f.Quantity.Dec());
        Assert.Equal(65_000.02186992m, Math.Round(vwap, 8, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public void MarketSell_WalksTheBids()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Market(1, OrderSide.Sell, 150), T0);

        var fills = venue.Drain(T0 + (2 * Millisecond)).OfType(ExecutionType.Fill).ToArray();
        Assert.Equal([100.00m, 99.99m], fills.Select(f => f.Price.Dec()));
        Assert.Equal([100m, 50m], fills.Select(f => f.Quantity.Dec()));
        Assert.All(fills, f => Assert.Equal(OrderSide.Sell, f.Side));
    }

    [Fact]
    public void Ioc_FillsWithinItsLimit_AndCancelsTheRemainder()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Ioc(3, OrderSide.Buy, 250, 100.03m), T0);

        var reports = venue.Drain(T0 + (2 * Millisecond));
        Assert.Equal([ExecutionType.Ack, ExecutionType.Fill, ExecutionType.Fill, ExecutionType.Cancelled], reports.Select(r => r.Execution.Type));
        Assert.Equal(100.03m, reports[0].Execution.Price.Dec()); // the ack carries the limit
        Assert.Equal([100.02m, 100.03m], reports.OfType(ExecutionType.Fill).Select(f => f.Price.Dec()));
        Assert.Equal(50m, reports[3].Execution.Quantity.Dec());
        Assert.Equal(0, venue.WorkingOrders);
    }

    [Fact]
    public void Ioc_OutOfReach_IsAckedThenCancelledWhole()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Ioc(3, OrderSide.Buy, 10, 100.01m), T0);

        var reports = venue.Drain(T0 + (2 * Millisecond));
        Assert.Equal([ExecutionType.Ack, ExecutionType.Cancelled], reports.Select(r => r.Execution.Type));
        Assert.Equal(10m, reports[1].Execution.Quantity.Dec());
    }

    [Fact]
    public void Market_LargerThanTheBook_CancelsWhatTheDepthCannotFill()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Market(1, OrderSide.Buy, 350), T0);

        var reports = venue.Drain(T0 + (2 * Millisecond));
        Assert.Equal(300m, reports.OfType(ExecutionType.Fill).Sum(f => f.Quantity.Dec()));
        Assert.Equal(50m, Assert.Single(reports.OfType(ExecutionType.Cancelled)).Quantity.Dec());
    }

    [Fact]
    public void Limit_RestsThenFillsAsMakerWhenTheQuoteMovesThroughIt()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Limit(9, OrderSide.Buy, 100, 99.99m), T0);
        Assert.Equal([ExecutionType.Ack], venue.Drain(T0 + (10 * Millisecond)).Select(r => r.Execution.Type));
        Assert.Equal(1, venue.WorkingOrders);

        // The market falls: the venue's asks become 99.99 / 100.00 / 100.01, reaching the resting bid.
        long t1 = T0 + (20 * Millisecond);
        venue.QuoteStock(t1, 99.97m, 99.99m);
        Assert.Empty(venue.Drain(t1 + (2 * Millisecond) - 1));
        var fill = Assert.Single(venue.Drain(t1 + (2 * Millisecond)));
        Assert.Equal(ExecutionType.Fill, fill.Execution.Type);
        Assert.Equal(t1 + (2 * Millisecond), fill.Timestamp);
        Assert.Equal(100m, fill.Execution.Quantity.Dec());
        Assert.Equal(99.99m, fill.Execution.Price.Dec());
        Assert.Equal(Liquidity.Maker, fill.Execution.Liquidity);
        // Maker rebate 2 bps of 9999 plus 0.001 per share: -1.9998 + 0.1.
        Assert.Equal(-1.8998m, fill.Execution.Fee.Dec());
        Assert.Equal(0, venue.WorkingOrders);
    }

    [Fact]
    public void Limit_ThatDoesNotReach_KeepsResting()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Limit(9, OrderSide.Sell, 100, 100.05m), T0);
        venue.QuoteStock(T0 + Millisecond, 100.02m, 100.04m); // bids 100.02 / 100.01 / 100.00: below the offer
        Assert.Empty(venue.Drain(T0 + Second).OfType(ExecutionType.Fill));
        Assert.Equal(1, venue.WorkingOrders);

        venue.QuoteStock(T0 + (2 * Millisecond), 100.05m, 100.07m);
        var fill = Assert.Single(venue.Drain(T0 + Second).OfType(ExecutionType.Fill));
        Assert.Equal(100.05m, fill.Price.Dec());
        Assert.Equal(OrderSide.Sell, fill.Side);
    }

    [Fact]
    public void Limit_PassiveFillsAreBoundedByDisplayedDepth_AndResumeOnTheNextQuote()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Limit(9, OrderSide.Buy, 150, 99.99m), T0);
        venue.QuoteStock(T0 + Millisecond, 99.97m, 99.99m);  // only the 99.99 level (100) reaches the limit
        venue.QuoteStock(T0 + (2 * Millisecond), 99.97m, 99.99m); // replenished: the other 50

        var fills = venue.Drain(T0 + Second).OfType(ExecutionType.Fill).ToArray();
        Assert.Equal([100m, 50m], fills.Select(f => f.Quantity.Dec()));
        Assert.Equal(0, venue.WorkingOrders);
    }

    [Fact]
    public void MarketableLimit_TakesThenRests_ThenFillsAtItsLimitAsMaker()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Limit(4, OrderSide.Buy, 250, 100.03m), T0);
        var first = venue.Drain(T0 + (2 * Millisecond));
        Assert.Equal([100.02m, 100.03m], first.OfType(ExecutionType.Fill).Select(f => f.Price.Dec()));
        Assert.All(first.OfType(ExecutionType.Fill), f => Assert.Equal(Liquidity.Taker, f.Liquidity));
        Assert.Empty(first.OfType(ExecutionType.Cancelled));
        Assert.Equal(1, venue.WorkingOrders);

        venue.QuoteStock(T0 + (3 * Millisecond)); // depth returns; the resting bid at 100.03 is through the 100.02 ask
        var rest = Assert.Single(venue.Drain(T0 + Second).OfType(ExecutionType.Fill));
        Assert.Equal(50m, rest.Quantity.Dec());
        Assert.Equal(100.03m, rest.Price.Dec());
        Assert.Equal(Liquidity.Maker, rest.Liquidity);
    }

    [Fact]
    public void RestingOrders_FillInTimePriority()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Limit(1, OrderSide.Buy, 80, 99.99m), T0);
        venue.Submit(Limit(2, OrderSide.Buy, 80, 99.99m), T0 + 1);
        venue.QuoteStock(T0 + Millisecond, 99.97m, 99.99m); // 100 at 99.99: 80 to the first, 20 to the second

        var fills = venue.Drain(T0 + Second).OfType(ExecutionType.Fill).ToArray();
        Assert.Equal([(1L, 80m), (2L, 20m)], fills.Select(f => (f.OrderId, f.Quantity.Dec())));
        Assert.Equal(1, venue.WorkingOrders);
    }

    [Fact]
    public void TakenDepth_ReturnsOnTheNextQuote()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Market(1, OrderSide.Buy, 250), T0);
        var levels = new Engine.Routing.Algorithms.DepthLevel[5];
        int n = venue.CopyDepth(Stock, OrderSide.Buy, levels);
        Assert.Equal([(100.04m, 50L)], levels[..n].Select(l => (l.Price.Dec(), l.Lots)));

        venue.QuoteStock(T0 + 1);
        n = venue.CopyDepth(Stock, OrderSide.Buy, levels);
        Assert.Equal([(100.02m, 100L), (100.03m, 100L), (100.04m, 100L)], levels[..n].Select(l => (l.Price.Dec(), l.Lots)));
        Assert.All(levels[..n], l => Assert.Equal(venue.Id, l.Venue));
    }

    private const long Second = 1_000_000_000;
}
