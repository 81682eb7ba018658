using MultiAsset.Engine.Backtest.Trades;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using static MultiAsset.Engine.Tests.Backtest.Trades.RoundTripBuilderTests;

namespace MultiAsset.Engine.Tests.Backtest.Trades;

public sealed class FillGroupingTests
{
    /// <summary>
    /// Child fills 2 @ 100 and 3 @ 101 at one instant merge into 5 @ 100.6 (= 503 / 5) with the fees and notionals
    /// added; a fill at another instant, or on the other side, stays apart.
    /// </summary>
    [Fact]
    public void ByInstant_SameStrategySideAndTime_MergesWithTheWeightedPrice()
    {
        var merged = FillGrouping.ByInstant([
            Fill(1, OrderSide.Buy, 2, 100, 0.2m, order: 10),
            Fill(1, OrderSide.Buy, 3, 101, 0.3m, order: 11),
            Fill(1, OrderSide.Sell, 1, 101, order: 12),
            Fill(2, OrderSide.Sell, 1, 102, order: 13),
        ]);

        Assert.Equal(3, merged.Count);
        Assert.Equal(Quantity.FromDecimal(5), merged[0].Quantity);
        Assert.Equal(Price.FromDecimal(100.6m), merged[0].Price);
        Assert.Equal(Money.FromDecimal(0.5m), merged[0].Fee);
        Assert.Equal(Money.FromDecimal(503), merged[0].NotionalBase);
        Assert.Equal(10, merged[0].OrderId);
        Assert.Equal(OrderSide.Sell, merged[1].Side);
        Assert.Equal(2, merged[2].TimestampNs);
    }
}
