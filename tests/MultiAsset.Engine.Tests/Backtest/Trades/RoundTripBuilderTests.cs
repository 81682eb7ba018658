using MultiAsset.Engine.Backtest.Trades;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.Backtest.Trades;

public sealed class RoundTripBuilderTests
{
    private static readonly AccountId Account = new(0);
    private static readonly StrategyId Strategy = new(1);
    private static readonly InstrumentId Instrument = new(2);

    internal static RecordedFill Fill(long time, OrderSide side, decimal quantity, decimal price, decimal fee = 0, StrategyId? strategy = null, long order = 1)
        => new(time, Account, strategy ?? Strategy, Instrument, side, Quantity.FromDecimal(quantity), Price.FromDecimal(price), Money.FromDecimal(fee),
            Money.FromDecimal(quantity * price), Money.FromDecimal(fee), order, 0, Liquidity.Taker);

    /// <summary>
    /// Buy 10 @ 100 (fee 1), buy 10 @ 110 (fee 1), sell 15 @ 120 (fee 3): FIFO closes the first lot whole (10: 1000 →
    /// 1200, P&amp;L 200, costs 1 + 2 = 3) and 5 of the second (550 → 600, P&amp;L 50, costs 0.5 + 1 = 1.5); 5 stay open.
    /// </summary>
    [Fact]
    public void Add_SellAgainstTwoLots_ClosesOldestFirstWithProportionalValuesAndFees()
    {
        var trips = new RoundTripBuilder();
        trips.Add(Fill(1, OrderSide.Buy, 10, 100, 1));
        trips.Add(Fill(2, OrderSide.Buy, 10, 110, 1));
        trips.Add(Fill(3, OrderSide.Sell, 15, 120, 3));

        Assert.Equal(2, trips.Closed.Count);
        var first = trips.Closed[0].Trade;
        Assert.Equal((1L, 3L), (first.EntryTimeNs, first.ExitTimeNs));
        Assert.Equal(Quantity.FromDecimal(10), first.Quantity);
        Assert.Equal(Money.FromDecimal(1000), first.EntryValue);
        Assert.Equal(Money.FromDecimal(1200), first.ExitValue);
        Assert.Equal(Money.FromDecimal(200), first.Pnl);
        Assert.Equal(Money.FromDecimal(3), first.Costs);
        var second = trips.Closed[1].Trade;
        Assert.Equal(2L, second.EntryTimeNs);
        Assert.Equal(Quantity.FromDecimal(5), second.Quantity);
        Assert.Equal(Money.FromDecimal(550), second.EntryValue);
        Assert.Equal(Money.FromDecimal(600), second.ExitValue);
        Assert.Equal(Money.FromDecimal(50), second.Pnl);
        Assert.Equal(Money.FromDecimal(1.5m), second.Costs);
        Assert.Equal((110m, 120m), (trips.Closed[1].EntryPrice, trips.Closed[1].ExitPrice));
        Assert.Equal(Quantity.FromDecimal(5).Raw, trips.OpenQuantity(Account, Strategy, Instrument));
    }

    /// <summary>Long 5 @ 100, sell 8 @ 90: closes the 5 (P&amp;L −50) and opens a short of 3; buying 3 @ 80 closes it (+30).</summary>
    [Fact]
    public void Add_FillThroughZero_ClosesTheLongAndOpensAShort()
    {
        var trips = new RoundTripBuilder();
        trips.Add(Fill(1, OrderSide.Buy, 5, 100));
        trips.Add(Fill(2, OrderSide.Sell, 8, 90));
        Assert.Single(trips.Closed);
        Assert.Equal(Money.FromDecimal(-50), trips.Closed[0].Trade.Pnl);
        Assert.Equal(-Quantity.FromDecimal(3).Raw, trips.OpenQuantity(Account, Strategy, Instrument));

        trips.Add(Fill(3, OrderSide.Buy, 3, 80));
        Assert.Equal(2, trips.Closed.Count);
        var shortTrip = trips.Closed[1].Trade;
        Assert.Equal(Quantity.FromDecimal(-3), shortTrip.Quantity);
        Assert.Equal(Money.FromDecimal(270), shortTrip.EntryValue);
        Assert.Equal(Money.FromDecimal(240), shortTrip.ExitValue);
        Assert.Equal(Money.FromDecimal(30), shortTrip.Pnl);
        Assert.Equal(0, trips.OpenQuantity(Account, Strategy, Instrument));
    }

    /// <summary>Strategies keep their own lots: another strategy's sell does not close this one's buy.</summary>
    [Fact]
    public void Add_OtherStrategy_DoesNotCloseTheLot()
    {
        var trips = new RoundTripBuilder();
        trips.Add(Fill(1, OrderSide.Buy, 5, 100));
        trips.Add(Fill(2, OrderSide.Sell, 5, 90, strategy: new StrategyId(7)));
        Assert.Empty(trips.Closed);
        Assert.Equal(Quantity.FromDecimal(5).Raw, trips.OpenQuantity(Account, Strategy, Instrument));
    }

    /// <summary>Thirds of a lot: the three parts of its value (100 / 3 each, rounded) sum to the lot exactly.</summary>
    [Fact]
    public void Add_LotClosedInThirds_PartsSumToTheLot()
    {
        var trips = new RoundTripBuilder();
        trips.Add(Fill(1, OrderSide.Buy, 3, 33.33333333m, 0.00000001m));
        trips.Add(Fill(2, OrderSide.Sell, 1, 40));
        trips.Add(Fill(3, OrderSide.Sell, 1, 40));
        trips.Add(Fill(4, OrderSide.Sell, 1, 40));
        var entry = trips.Closed.Aggregate(Money.Zero, (sum, t) => sum + t.Trade.EntryValue);
        var costs = trips.Closed.Aggregate(Money.Zero, (sum, t) => sum + t.Trade.Costs);
        Assert.Equal(Money.FromDecimal(99.99999999m), entry);
        Assert.Equal(Money.FromDecimal(0.00000001m), costs);
    }
}
