using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Risk.Strategies;
using static MultiAsset.Engine.Tests.Risk.RiskTestSupport;
using static MultiAsset.Engine.Tests.Risk.Strategies.StrategyRiskSupport;

namespace MultiAsset.Engine.Tests.Risk.Strategies;

/// <summary>A strategy document's riskParameters enforced by the gate for that strategy only (hand-computed values).</summary>
public class StrategyRiskGateTests
{
    [Fact]
    public void MaxAllocation_RefusesTheLimitedStrategy_AndAcceptsTheSameOrderForAStrategyWithoutLimits()
    {
        // Equity 1,000,000 × share 0.5 = capital 500,000; STOCK maxAllocation 10 % → 50,000.
        // Buy 300 AAPL at 190 = 57,000 > 50,000: refused for "limited", accepted for "free".
        var book = Book("""{ "STOCK": { "maxAllocation": 10 } }""");
        var gate = Gate(book);
        var view = View().SetMark(Id("AAPL"), 190);
        var order = Buy("AAPL", 300, limit: 190);

        Assert.Equal(RiskVerdict.StrategyMaxAllocation, gate.Verdict(order.For(Limited), 190, view));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(order.For(Free), 190, view));

        // 250 × 190 = 47,500 ≤ 50,000: accepted for "limited" too.
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 250, limit: 190).For(Limited), 190, view));

        // Counted per strategy as well as per account.
        Assert.Equal(1, book.VerdictCount(book.SlotOf(Limited), RiskVerdict.StrategyMaxAllocation));
        Assert.Equal(1, book.VerdictCount(book.SlotOf(Limited), RiskVerdict.Accepted));
        Assert.Equal(1, book.VerdictCount(book.SlotOf(Free), RiskVerdict.Accepted));
        Assert.Equal(1, gate.VerdictCount(Alpha, RiskVerdict.StrategyMaxAllocation));
    }

    [Fact]
    public void MaxAllocation_CountsTheStrategysFilledAndWorkingExposure_NotOtherStrategies()
    {
        // "limited" holds 150 AAPL (filled) and has 50 working: (150 + 50) × 200 = 40,000 of its 50,000.
        var book = Book("""{ "STOCK": { "maxAllocation": 10 } }""");
        var gate = Gate(book);
        var view = View().SetMark(Id("AAPL"), 200);
        var slot = book.Observe(Limited, Alpha);
        book.OnExecution(Limited, Id("AAPL"), Fill(OrderSide.Buy, 150, 200));
        book.AddWorking(slot, Id("AAPL"), OrderSide.Buy, Quantity.FromDecimal(50).Raw);
        // "free" holds 10,000 AAPL: not the limited strategy's exposure.
        book.Observe(Free, Alpha);
        book.OnExecution(Free, Id("AAPL"), Fill(OrderSide.Buy, 10_000, 200));

        // + 50 × 200 = 50,000: at the limit, accepted; + 51 × 200 = 50,200: refused.
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 50, limit: 200).For(Limited), 200, view));
        Assert.Equal(RiskVerdict.StrategyMaxAllocation, gate.Verdict(Buy("AAPL", 51, limit: 200).For(Limited), 200, view));

        // A sell reducing its own long passes whatever the exposure.
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Sell("AAPL", 100, limit: 200).For(Limited), 200, view));
    }

    [Fact]
    public void MaxLeverage_RefusesPastLeverageTimesCapital()
    {
        // Capital 1,000,000 × 0.25 = 250,000; CRYPTO maxLeverage 0.2 → 50,000. 1 BTC at 60,000 > 50,000.
        var book = Book("""{ "CRYPTO": { "maxLeverage": 0.2 } }""", share: 0.25);
        var gate = Gate(book);
        var view = View().SetMark(Id("BTCUSD"), 60_000);
        Assert.Equal(RiskVerdict.StrategyMaxLeverage, gate.Verdict(Buy("BTCUSD", 1, limit: 60_000).For(Limited), 60_000, view));
        // 0.8 BTC = 48,000 ≤ 50,000.
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("BTCUSD", 0.8m, limit: 60_000).For(Limited), 60_000, view));
    }

    [Fact]
    public void NoCapital_RefusesAnyOpeningOrderOfALimitedStrategy()
    {
        var book = Book("""{ "STOCK": { "maxAllocation": 50 } }""", share: double.NaN);
        var gate = Gate(book);
        var view = View().SetMark(Id("AAPL"), 190);
        Assert.Equal(RiskVerdict.StrategyMaxAllocation, gate.Verdict(Buy("AAPL", 1, limit: 190).For(Limited), 190, view));
    }

    [Fact]
    public void MaxDrawdown_RefusesOpeningOrdersOnceTheClassPnlFellFromItsPeak()
    {
        // Capital 500,000; STOCK maxDrawdown 1 % → 5,000. Long 100 AAPL from 200 (basis 20,000).
        var book = Book("""{ "STOCK": { "maxDrawdown": 1 } }""");
        var gate = Gate(book);
        var slot = book.Observe(Limited, Alpha);
        book.OnExecution(Limited, Id("AAPL"), Fill(OrderSide.Buy, 100, 200, fee: 10));
        var view = View().SetMark(Id("AAPL"), 230);

        // At 230: P&L = 100 × 30 − 10 fee = 2,990, the peak (raised by the heartbeat sample).
        book.OnTime(MondayOpen, in view);
        Assert.True(book.TryClassPnl(slot, AssetClass.Stock, in view, out var pnl));
        Assert.Equal(Money.FromDecimal(2_990).Raw, pnl);
        Assert.Equal(Money.FromDecimal(2_990).Raw, book.Peak(slot, AssetClass.Stock));

        // At 181: P&L = −1,910, 4,900 below the peak < 5,000: still accepted.
        view.SetMark(Id("AAPL"), 181);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 1, limit: 181).For(Limited), 181, view));

        // At 180: P&L = −2,010, 5,000 below the peak: refused; a reducing sell still passes; "free" is unaffected.
        view.SetMark(Id("AAPL"), 180);
        Assert.Equal(RiskVerdict.StrategyMaxDrawdown, gate.Verdict(Buy("AAPL", 1, limit: 180).For(Limited), 180, view));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Sell("AAPL", 50, limit: 180).For(Limited), 180, view));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 1, limit: 180).For(Free), 180, view));
    }

    [Fact]
    public void Fills_KeepAverageCostAndRealisedPnl()
    {
        var book = Book("""{ "STOCK": { "maxDrawdown": 10 } }""");
        var slot = book.Observe(Limited, Alpha);
        var aapl = Id("AAPL");
        book.OnExecution(Limited, aapl, Fill(OrderSide.Buy, 100, 200));
        book.OnExecution(Limited, aapl, Fill(OrderSide.Buy, 100, 210));
        book.OnExecution(Limited, aapl, Fill(OrderSide.Sell, 50, 220, fee: 5));
        // Average cost 205; selling 50 at 220 realises 50 × 15 = 750, less the 5 fee; 150 left at a basis of 30,750.
        Assert.Equal(Quantity.FromDecimal(150).Raw, book.Position(slot, aapl));
        Assert.Equal(Money.FromDecimal(30_750).Raw, book.Basis(slot, aapl));
        Assert.Equal(Money.FromDecimal(745).Raw, book.Realised(slot, aapl));
    }

    [Fact]
    public void StopLoss_ClosesOnlyTheStrategysPositionsInTheClass_Once()
    {
        // STOCK stopLossThreshold 5 %: long 100 AAPL from 200 (cost 20,000); at 189 the loss is 1,100 = 5.5 %.
        var book = Book("""{ "STOCK": { "stopLossThreshold": 5 } }""");
        var monitor = new StopLossMonitor(Config(WideRisk), Catalog);
        monitor.AttachStrategies(book);
        var slot = book.Observe(Limited, Alpha);
        book.OnExecution(Limited, Id("AAPL"), Fill(OrderSide.Buy, 100, 200));
        book.Observe(Free, Alpha);
        book.OnExecution(Free, Id("MSFT"), Fill(OrderSide.Buy, 10, 400));
        var closing = new IntentEvent[monitor.MaxClosingIntents];

        var view = View().SetMark(Id("AAPL"), 191).SetMark(Id("MSFT"), 100);
        Assert.Equal(0, monitor.EvaluateAccount(Alpha, MondayOpen, 7, in view, closing)); // 4.5 %: not yet

        view.SetMark(Id("AAPL"), 189);
        Assert.Equal(1, monitor.EvaluateAccount(Alpha, MondayOpen, 8, in view, closing));
        var close = closing[0];
        Assert.Equal(IntentKind.Close, close.Kind);
        Assert.Equal(IntentReason.StopLoss, close.Reason);
        Assert.Equal(Limited, close.Strategy);
        Assert.Equal(Id("AAPL"), close.Instrument);
        Assert.Equal(OrderSide.Sell, close.Side);
        Assert.Equal(Quantity.FromDecimal(100), close.Quantity);
        Assert.True(monitor.IsLatched(Limited, AssetClass.Stock));

        // Latched: no second close; flat again re-arms.
        Assert.Equal(0, monitor.EvaluateAccount(Alpha, MondayOpen, 9, in view, closing));
        book.OnExecution(Limited, Id("AAPL"), Fill(OrderSide.Sell, 100, 189));
        Assert.Equal(0, monitor.EvaluateAccount(Alpha, MondayOpen, 10, in view, closing));
        Assert.False(monitor.IsLatched(Limited, AssetClass.Stock));
        Assert.Equal(0, book.Position(slot, Id("AAPL")));
    }

    [Fact]
    public void WorkingOrders_KeepTheStrategysWorkingQuantity()
    {
        var book = Book("""{ "STOCK": { "maxAllocation": 10 } }""");
        var working = new WorkingOrders(2, Catalog.Count) { Strategies = book };
        var slot = book.Observe(Limited, Alpha);
        var order = Buy("AAPL", 40, limit: 200).For(Limited);
        order.OrderId = 77;
        working.Add(in order);
        Assert.Equal(Quantity.FromDecimal(40).Raw, book.WorkingBuy(slot, Id("AAPL")));

        var fill = Fill(OrderSide.Buy, 15, 200);
        fill.OrderId = ChildOrderId.Of(77, 0);
        working.OnExecution(in fill);
        Assert.Equal(Quantity.FromDecimal(25).Raw, book.WorkingBuy(slot, Id("AAPL")));
    }
}
