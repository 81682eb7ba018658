using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Algorithms;
using static MultiAsset.Engine.Tests.Routing.Venues.VenueTestSupport;

namespace MultiAsset.Engine.Tests.Routing.Venues;

/// <summary>How the venue's book is built around the feed's quote: spread multiplier, levels, depth modes, bad quotes.</summary>
public class VenueBookTests
{
    private static readonly long T0 = MondayOpen;

    [Theory]
    [InlineData("1", "100.00", "100.02")]
    [InlineData("1.5", "99.99", "100.03")]  // half-spread 0.01 × 1.5 = 0.015 around 100.01, rounded outward
    [InlineData("0.5", "100.00", "100.02")] // 100.005 / 100.015, rounded outward to the tick
    [InlineData("3", "99.98", "100.04")]
    public void Touch_IsTheFeedsHalfSpreadTimesTheMultiplier_RoundedOutward(string multiplier, string bid, string ask)
    {
        var venue = Venue(Definition(halfSpreadMultiplier: decimal.Parse(multiplier, System.Globalization.CultureInfo.InvariantCulture)));
        venue.QuoteStock(T0);
        Assert.True(venue.TryGetTouch(Stock, out var venueBid, out var venueAsk));
        Assert.Equal(Price.Parse(bid), venueBid);
        Assert.Equal(Price.Parse(ask), venueAsk);
    }

    [Fact]
    public void LockedFeed_GivesAOneTickBook_AndACrossedOrNonPositiveQuoteIsIgnored()
    {
        var venue = Venue();
        venue.QuoteStock(T0, 100.00m, 100.00m);
        Assert.True(venue.TryGetTouch(Stock, out var bid, out var ask));
        Assert.Equal((100.00m, 100.01m), (bid.Dec(), ask.Dec()));

        venue.QuoteStock(T0 + 1, 101m, 100m);
        venue.QuoteStock(T0 + 2, 0m, 100m);
        Assert.True(venue.TryGetTouch(Stock, out bid, out ask));
        Assert.Equal((100.00m, 100.01m), (bid.Dec(), ask.Dec()));
        Assert.Equal(2, venue.Counters.IgnoredQuotes);
        Assert.Equal(1, venue.Counters.Quotes);
    }

    [Fact]
    public void Levels_AreSpacedByTicks_OnBothSides()
    {
        var venue = Venue(Definition(levels: 4, spacingTicks: 5));
        venue.QuoteStock(T0);
        var levels = new DepthLevel[8];
        int n = venue.CopyDepth(Stock, OrderSide.Buy, levels);
        Assert.Equal([100.02m, 100.07m, 100.12m, 100.17m], levels[..n].Select(l => l.Price.Dec()));
        n = venue.CopyDepth(Stock, OrderSide.Sell, levels);
        Assert.Equal([100.00m, 99.95m, 99.90m, 99.85m], levels[..n].Select(l => l.Price.Dec()));
        Assert.All(levels[..n], l => Assert.Equal(100, l.Lots));
    }

    [Fact]
    public void NotionalDepth_IsRoundedDownToWholeLotsAtEachLevelsPrice()
    {
        // 1000 USD per level of BTC at ~65,000: 0.01538… BTC → 1538 lots of 0.00001.
        var venue = Venue(Definition(depthLots: 0, depthNotional: 1000m));
        venue.OnQuote(Btc, T0, Price.FromDecimal(65_000m), Price.FromDecimal(65_000.02m));
        var levels = new DepthLevel[3];
        int n = venue.CopyDepth(Btc, OrderSide.Buy, levels);
        Assert.Equal(3, n);
        Assert.Equal(1538, levels[0].Lots); // 1000 / 65000.02 = 0.0153846…
        Assert.Equal(1538, levels[2].Lots);
        Assert.True(levels[0].Price.Multiply(Quantity.FromDecimal(levels[0].Lots * 0.00001m)) <= Money.FromDecimal(1000m));
    }

    [Fact]
    public void CopyDepth_IsEmptyBeforeAQuote_AndForUntradedInstruments()
    {
        var venue = Venue(Definition(classes: [AssetClass.Stock]));
        var levels = new DepthLevel[3];
        Assert.Equal(0, venue.CopyDepth(Stock, OrderSide.Buy, levels));
        venue.OnQuote(Btc, T0, Price.FromDecimal(1m), Price.FromDecimal(2m));
        Assert.Equal(0, venue.CopyDepth(Btc, OrderSide.Buy, levels));
        Assert.Equal(1, venue.Counters.IgnoredQuotes);
        Assert.False(venue.TryGetTouch(Btc, out _, out _));
    }

    [Fact]
    public void CopyDepth_StopsAtTheOutputLength()
    {
        var venue = Venue(Definition(levels: 5));
        venue.QuoteStock(T0);
        var levels = new DepthLevel[2];
        Assert.Equal(2, venue.CopyDepth(Stock, OrderSide.Buy, levels));
        Assert.Equal(100.03m, levels[1].Price.Dec());
    }
}
