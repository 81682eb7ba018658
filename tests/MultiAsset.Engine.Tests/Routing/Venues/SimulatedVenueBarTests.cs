using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Venues;
using static MultiAsset.Engine.Tests.Routing.Venues.VenueTestSupport;

namespace MultiAsset.Engine.Tests.Routing.Venues;

/// <summary>Bars-only data: the venue's book follows the bar's close, and a bar fills the resting limits it traded through.</summary>
public sealed class SimulatedVenueBarTests
{
    private const long Minute = 60_000 * Millisecond;

    private static VenueBar Bar(long end, decimal high, decimal low, decimal close, decimal volume)
        => new(end - Minute, end, Price.FromDecimal(close), Price.FromDecimal(high), Price.FromDecimal(low), Price.FromDecimal(close), Quantity.FromDecimal(volume));

    [Fact]
    public void OnBar_BuildsTheBookAroundTheClose_SoAMarketOrderFills()
    {
        var venue = Venue();
        venue.OnBar(Stock, MondayOpen, Bar(MondayOpen, 101m, 99m, 100.00m, 1_000m));

        Assert.True(venue.TryGetTouch(Stock, out var bid, out var ask));
        Assert.Equal(100.00m, bid.Dec());
        Assert.Equal(100.01m, ask.Dec());
        venue.Submit(Market(1, OrderSide.Buy, 50m), MondayOpen);
        var fill = Assert.Single(venue.Drain(MondayOpen + Minute).OfType(ExecutionType.Fill));
        Assert.Equal(50m, fill.Quantity.Dec());
        Assert.Equal(100.01m, fill.Price.Dec());
        Assert.Equal(1, venue.Counters.Bars);
    }

    [Fact]
    public void A_bar_that_trades_through_a_resting_limit_fills_it_at_its_limit_as_maker()
    {
        var venue = Venue();
        venue.OnBar(Stock, MondayOpen, Bar(MondayOpen, 101m, 99m, 100.00m, 1_000m));
        venue.Submit(Limit(1, OrderSide.Buy, 30m, 99.50m), MondayOpen);
        venue.Submit(Limit(2, OrderSide.Sell, 20m, 100.80m), MondayOpen);
        venue.Drain(MondayOpen + Minute);

        venue.OnBar(Stock, MondayOpen + Minute, Bar(MondayOpen + Minute, 101.00m, 99.40m, 100.20m, 1_000m));
        var fills = venue.Drain(MondayOpen + (2 * Minute)).OfType(ExecutionType.Fill).ToList();

        Assert.Equal(2, fills.Count);
        var buy = Assert.Single(fills, f => f.Side == OrderSide.Buy);
        Assert.Equal(30m, buy.Quantity.Dec());
        Assert.Equal(99.50m, buy.Price.Dec());
        Assert.Equal(Liquidity.Maker, buy.Liquidity);
        var sell = Assert.Single(fills, f => f.Side == OrderSide.Sell);
        Assert.Equal(100.80m, sell.Price.Dec());
        Assert.Equal(0, venue.WorkingOrders);
    }

    [Fact]
    public void A_bar_that_only_touches_the_limit_does_not_fill_it()
    {
        var venue = Venue();
        venue.OnBar(Stock, MondayOpen, Bar(MondayOpen, 101m, 99m, 100.00m, 1_000m));
        venue.Submit(Limit(1, OrderSide.Buy, 30m, 99.50m), MondayOpen);
        venue.Drain(MondayOpen + Minute);

        venue.OnBar(Stock, MondayOpen + Minute, Bar(MondayOpen + Minute, 100.50m, 99.50m, 100.00m, 1_000m));

        Assert.Empty(venue.Drain(MondayOpen + (2 * Minute)).OfType(ExecutionType.Fill));
        Assert.Equal(1, venue.WorkingOrders);
    }

    [Fact]
    public void An_order_placed_at_the_bars_end_is_not_filled_by_that_bar()
    {
        var venue = Venue();
        var end = MondayOpen + Minute;
        venue.OnBar(Stock, MondayOpen, Bar(MondayOpen, 101m, 99m, 100.00m, 1_000m));
        venue.Submit(Limit(1, OrderSide.Buy, 10m, 99.50m), MondayOpen); // before the bar: eligible
        venue.Submit(Limit(2, OrderSide.Buy, 10m, 99.60m), end);        // placed as the bar ended: passed over
        venue.Drain(end);

        venue.OnBar(Stock, end, Bar(end, 100.50m, 99.00m, 100.00m, 1_000m));
        var fill = Assert.Single(venue.Drain(end + Minute).OfType(ExecutionType.Fill));
        Assert.Equal(1, fill.OrderId);
        Assert.Equal(1, venue.WorkingOrders);

        // The next bar may fill it: it was there while that bar traded.
        venue.OnBar(Stock, end + Minute, Bar(end + Minute, 100.50m, 99.00m, 100.00m, 1_000m));
        Assert.Equal(2, Assert.Single(venue.Drain(end + (2 * Minute)).OfType(ExecutionType.Fill)).OrderId);
    }

    [Fact]
    public void Bar_fills_come_out_of_the_bars_volume_best_limit_first()
    {
        var venue = Venue();
        venue.OnBar(Stock, MondayOpen, Bar(MondayOpen, 101m, 99m, 100.00m, 1_000m));
        venue.Submit(Limit(1, OrderSide.Buy, 30m, 99.50m), MondayOpen);
        venue.Submit(Limit(2, OrderSide.Buy, 30m, 99.70m), MondayOpen);
        venue.Drain(MondayOpen + Minute);

        venue.OnBar(Stock, MondayOpen + Minute, Bar(MondayOpen + Minute, 100.50m, 99.00m, 100.00m, 40m));
        var fills = venue.Drain(MondayOpen + (2 * Minute)).OfType(ExecutionType.Fill).ToList();

        Assert.Equal(40m, fills.Sum(f => f.Quantity.Dec()));
        Assert.Equal(30m, fills.Single(f => f.OrderId == 2).Quantity.Dec()); // the better limit first
        Assert.Equal(10m, fills.Single(f => f.OrderId == 1).Quantity.Dec());
        Assert.Equal(1, venue.WorkingOrders);
    }

    [Fact]
    public void A_quote_fills_the_better_limit_first_and_stops_at_the_first_that_is_not_reached()
    {
        var venue = Venue();
        venue.QuoteStock(MondayOpen, 100.00m, 100.02m);
        venue.Submit(Limit(1, OrderSide.Buy, 10m, 99.90m), MondayOpen);
        venue.Submit(Limit(2, OrderSide.Buy, 10m, 99.95m), MondayOpen);
        venue.Submit(Limit(3, OrderSide.Buy, 10m, 99.80m), MondayOpen);
        venue.Drain(MondayOpen + Minute);

        venue.QuoteStock(MondayOpen + Minute, 99.90m, 99.92m); // asks 99.92, 99.93, 99.94: reach 99.95 only
        var fill = Assert.Single(venue.Drain(MondayOpen + (2 * Minute)).OfType(ExecutionType.Fill));
        Assert.Equal(2, fill.OrderId);
        Assert.Equal(2, venue.WorkingOrders);
    }
}
