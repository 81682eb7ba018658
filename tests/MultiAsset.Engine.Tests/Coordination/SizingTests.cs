using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>Intents to whole-lot orders: capital × class weight / instruments seen / price, rounded toward zero.</summary>
public class SizingTests
{
    [Fact]
    public void TargetPosition_IsSizedFromCapitalClassWeightAndPrice_RoundedDownToLots()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "AAPL", 0.5, 150.37, time: 1_000));

        // 1 000 000 × 70 % / 1 stock seen × 0.5 / 150.37 = 2327.59 → 2327 shares (lot 1).
        var order = Assert.Single(h.Orders());
        Assert.Equal(OrderType.Market, order.Type);
        Assert.Equal(OrderSide.Buy, order.Side);
        Assert.Equal(Quantity.FromDecimal(2327m), order.Quantity);
        Assert.Equal(Price.FromDecimal(150.37m), order.LimitPrice);
        Assert.Equal(h.Id("AAPL"), order.Instrument);
        Assert.Equal(s, order.Strategy);
        Assert.Equal(h.Account("default"), order.Account);
        Assert.Equal(1, order.OrderId);
        Assert.Equal(2, order.SourceSequence); // the harness numbers its batches from 1; the registration was batch 1
        Assert.Equal(1_000, order.Timestamp);
        Assert.Equal(ExecutionAlgorithm.Twap, order.Algorithm);
        Assert.Equal(IntentUrgency.Normal, order.Urgency);
        Assert.Equal(IntentReason.EntryLong, order.Reason);
        Assert.Equal(RiskVerdict.Pending, order.RiskVerdict);
        Assert.Equal(Quantity.FromDecimal(2327m), h.Ordered(s, "AAPL"));
    }

    [Fact]
    public void ClassBudget_IsSplitBetweenTheInstrumentsOfTheClassSeenSoFar()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "AAPL", 1, 100));
        h.Batch(h.Target(s, "MSFT", 1, 400));

        var orders = h.Orders();
        Assert.Equal(Quantity.FromDecimal(7000m), orders[0].Quantity);  // 700 000 / 1 / 100
        Assert.Equal(Quantity.FromDecimal(875m), orders[1].Quantity);   // 700 000 / 2 / 400
        Assert.Equal(2, orders[1].OrderId);
    }

    [Fact]
    public void DocumentInstruments_CountAsSeenFromTheStart()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum", instruments: ["AAPL", "MSFT", "NVDA", "NASDAQ"]);
        h.Batch(h.Target(s, "AAPL", 1, 100));

        // 700 000 / 3 tradable stocks (the NASDAQ index is not tradable) / 100 = 2333.33 → 2333.
        Assert.Equal(Quantity.FromDecimal(2333m), Assert.Single(h.Orders()).Quantity);
    }

    [Fact]
    public void CryptoTargets_RoundDownToTheCoinLot()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "BTCUSD", 1, 65_432.10));

        // 1 000 000 × 30 % / 65 432.10 = 4.5849055… → 4.58490 BTC (lot 0.00001).
        Assert.Equal(Quantity.FromDecimal(4.5849m), Assert.Single(h.Orders()).Quantity);
    }

    [Fact]
    public void ShortTargets_SellAndRoundTowardZero()
    {
        var h = new CoordinationHarness();
        var s = h.Register("fx", allocation: [(AssetClass.Forex, 100, 50, 100)]);
        h.Batch(h.Target(s, "EURUSD", -0.25, 1.0851, IntentReason.EntryShort));

        // −0.25 × 1 000 000 / 1.0851 = −230 393.5 → −230 000 (lot 1 000).
        var order = Assert.Single(h.Orders());
        Assert.Equal(OrderSide.Sell, order.Side);
        Assert.Equal(Quantity.FromDecimal(230_000m), order.Quantity);
        Assert.Equal(Quantity.FromDecimal(-230_000m), h.Ordered(s, "EURUSD"));
    }

    [Fact]
    public void NewTarget_OrdersOnlyTheDifference_AndTheSameTargetOrdersNothing()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "AAPL", 0.5, 100));
        h.Batch(h.Target(s, "AAPL", 0.5, 100));
        h.Batch(h.Target(s, "AAPL", 0.2, 100));

        var orders = h.Orders();
        Assert.Equal(2, orders.Count);
        Assert.Equal((OrderSide.Buy, Quantity.FromDecimal(3500m)), (orders[0].Side, orders[0].Quantity));
        Assert.Equal((OrderSide.Sell, Quantity.FromDecimal(2100m)), (orders[1].Side, orders[1].Quantity));
        Assert.Equal(Quantity.FromDecimal(1400m), h.Ordered(s, "AAPL"));
    }

    [Fact]
    public void LaterIntentOfTheSameStrategyInOneBatch_SupersedesTheEarlier()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "AAPL", 0.5, 100), h.Target(s, "AAPL", 0.1, 100));

        Assert.Equal(Quantity.FromDecimal(700m), Assert.Single(h.Orders()).Quantity);
    }

    [Fact]
    public void Trade_IsRoundedDownToLots_AndTargetWeightUsesTheWholeStrategyCapital()
    {
        var h = new CoordinationHarness();
        var s = h.Register("mixed", allocation: [(AssetClass.Forex, 50, 0, 100), (AssetClass.Stock, 50, 0, 100)]);
        h.Batch(h.Trade(s, "EURUSD", OrderSide.Buy, 12_345.5, 1.08));
        h.Batch(h.TargetWeight(s, "SPY", 0.1, 500));

        var orders = h.Orders();
        Assert.Equal(Quantity.FromDecimal(12_000m), orders[0].Quantity);
        Assert.Equal(ExecutionAlgorithm.Direct, orders[0].Algorithm); // Immediate
        Assert.Equal(Quantity.FromDecimal(200m), orders[1].Quantity);  // 0.1 × 1 000 000 / 500
        Assert.Equal(ExecutionAlgorithm.Vwap, orders[1].Algorithm);    // Low
    }

    [Fact]
    public void Close_FlattensOneInstrument_AndCloseAllEveryInstrument()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "AAPL", 0.5, 100), h.Target(s, "BTCUSD", -0.5, 50_000), h.Buy(s, "MSFT", 10));
        h.Orders();

        h.Batch(h.Close(s, "AAPL"));
        var close = Assert.Single(h.Orders());
        Assert.Equal((OrderSide.Sell, Quantity.FromDecimal(3500m)), (close.Side, close.Quantity));
        Assert.Equal(Price.FromDecimal(100m), close.LimitPrice); // the last reference price: the close brought none

        h.Batch(h.CloseAll(s));
        var flatten = h.Orders();
        Assert.Equal(2, flatten.Count);
        Assert.Contains(flatten, o => o.Instrument == h.Id("BTCUSD") && o.Side == OrderSide.Buy && o.Quantity == Quantity.FromDecimal(3m));
        Assert.Contains(flatten, o => o.Instrument == h.Id("MSFT") && o.Side == OrderSide.Sell && o.Quantity == Quantity.FromDecimal(10m));
        Assert.All(flatten, o => Assert.Equal(IntentReason.StrategyStopped, o.Reason));
        Assert.Equal(Quantity.Zero, h.Ordered(s, "AAPL"));
        Assert.Equal(Quantity.Zero, h.Ordered(s, "BTCUSD"));
        Assert.Equal(Quantity.Zero, h.Ordered(s, "MSFT"));
    }

    [Fact]
    public void IntentsThatCannotBeSized_AreCountedAndSkipped()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        var other = h.Register("other", account: "fx-carry");

        var noPrice = h.Target(s, "AAPL", 0.5, 100);
        noPrice.ReferencePrice = Price.Zero;
        var wrongAccount = h.Target(s, "AAPL", 0.5, 100);
        wrongAccount.Account = h.Account("fx-carry");
        var unknown = h.Target(new StrategyId(77), "AAPL", 0.5, 100);
        var index = h.Target(s, "NASDAQ", 0.5, 100);
        var nan = h.Target(s, "AAPL", double.NaN, 100);
        var tiny = h.Target(s, "AAPL", 0.00001, 100); // 0.07 shares
        h.Batch(noPrice, wrongAccount, unknown, index, nan, tiny);

        Assert.Empty(h.Orders());
        var c = h.Stage.Counters;
        Assert.Equal((1, 1, 1, 1, 1, 1), (c.MissingPrice, c.AccountMismatch, c.UnknownStrategy, c.InvalidInstrument, c.InvalidIntent, c.RoundedToZero));
        Assert.Equal(2, c.Registrations);
        Assert.Equal(Quantity.Zero, h.Ordered(other, "AAPL"));
    }

    [Fact]
    public void StrategyCapital_IsAccountEquityTimesItsShare()
    {
        var h = new CoordinationHarness(equity: 2_000_000);
        var a = h.Register("a");
        var b = h.Register("b");
        h.Batch(h.TargetWeight(a, "SPY", 1, 500));

        // Two strategies, equal shares: 2 000 000 / 2 / 500 = 2000.
        Assert.Equal(0.5, h.Stage.CapitalShare(b));
        Assert.Equal(Quantity.FromDecimal(2000m), Assert.Single(h.Orders()).Quantity);
    }
}
