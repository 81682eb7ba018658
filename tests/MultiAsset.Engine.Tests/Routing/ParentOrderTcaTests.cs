using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Tca;
using MultiAsset.Engine.Tests.Support;
using static MultiAsset.Engine.Tests.Routing.TcaFixtures;

namespace MultiAsset.Engine.Tests.Routing;

public class ParentOrderTcaTests
{
    [Fact]
    public void Buy_FullyFilled_HandComputedFigures()
    {
        var r = FilledBuy().Report();
        Assert.Equal(7, r.OrderId);
        Assert.Equal(1000, r.FilledQuantity);
        Assert.Equal(1, r.FillRate);
        Assert.Equal(2, r.Fills);
        Assert.Equal(100.10, r.ArrivalPrice, 12);
        // p̄ = (600·100.20 + 400·100.30) / 1000 = 100.24
        Assert.Equal(100.24, r.AveragePrice!.Value, 12);
        // paid 0.14 above arrival: 0.14 / 100.10 = 13.986 bps (a cost: positive)
        Assert.Equal(0.14 / 100.10 * 1e4, r.SlippageVsArrivalBps!.Value, 9);
        // interval VWAP (100.15 + 100.25) / 2 = 100.20 ⇒ 0.04 / 100.20
        Assert.Equal(100.20, r.IntervalVwap!.Value, 12);
        Assert.Equal(0.04 / 100.20 * 1e4, r.SlippageVsVwapBps!.Value, 9);
        // delay 1000·0.10 = 100, execution 1000·0.14 = 140, fees 5, nothing unfilled; total 245 on a 100,000 paper notional
        Assert.Equal(100, r.Shortfall.Delay, 9);
        Assert.Equal(140, r.Shortfall.Execution, 9);
        Assert.Equal(5, r.Shortfall.Fees, 12);
        Assert.Equal(0, r.Shortfall.Opportunity);
        Assert.Equal(245, r.Shortfall.Total, 9);
        Assert.Equal(24.5, r.ImplementationShortfallBps, 9);
        Assert.Equal(2000, r.DecisionToAckNs);
        Assert.Equal(2000, r.AckToFirstFillNs);
        Assert.Equal(4000, r.DecisionToFirstFillNs);
        Assert.Equal(8000, r.DecisionToLastFillNs);
    }

    [Fact]
    public void Sell_PartiallyFilled_ChargesOpportunityCostAtTheEndPrice()
    {
        var r = PartialSell().Report();
        Assert.Equal(0.3, r.FillRate, 15);
        Assert.Equal(49.80, r.AveragePrice!.Value, 12);
        // a sell filled 0.10 below arrival is a cost: +0.10 / 49.90
        Assert.Equal(0.10 / 49.90 * 1e4, r.SlippageVsArrivalBps!.Value, 9);
        Assert.Equal(0.05 / 49.85 * 1e4, r.SlippageVsVwapBps!.Value, 9);
        // delay −(49.90 − 50)·300 = 30; execution −(49.80 − 49.90)·300 = 30; fees 1.5;
        // opportunity −(49.50 − 50)·700 = 350; total 411.5 on a 50,000 paper notional = 82.3 bps
        Assert.Equal(30, r.Shortfall.Delay, 9);
        Assert.Equal(30, r.Shortfall.Execution, 9);
        Assert.Equal(1.5, r.Shortfall.Fees, 12);
        Assert.Equal(350, r.Shortfall.Opportunity, 9);
        Assert.Equal(411.5, r.Shortfall.Total, 9);
        Assert.Equal(82.3, r.ImplementationShortfallBps, 9);
        Assert.Equal(4000, r.DecisionToAckNs);
        Assert.Equal(6000, r.AckToFirstFillNs);
        Assert.Equal(10_000, r.DecisionToFirstFillNs);
    }

    [Fact]
    public void Decomposition_AddsUpToPaperPortfolioShortfall()
    {
        // Total = s·(Σq·p − Q_f·P_d) + s·(Q − Q_f)·(P_end − P_d) + fees, whatever the split
        var buy = FilledBuy().Report();
        Assert.Equal((100_240 - 100_000) + 5, buy.Shortfall.Total, 9);
        var sell = PartialSell().Report();
        Assert.Equal(-((300 * 49.80) - (300 * 50)) - (700 * (49.50 - 50)) + 1.5, sell.Shortfall.Total, 9);
    }

    [Fact]
    public void NoFills_NoArrival_NoAck_GivesNullsAndFullOpportunityCost()
    {
        var tca = default(ParentOrderTca);
        tca.Start(9, new StrategyId(0), AssetClass.Forex, ExecutionAlgorithm.Liquidity, OrderSide.Buy, Q("100000"), P("1.1000"), 0);
        tca.Finish(P("1.1010"), 5);
        var r = tca.Report();
        Assert.Equal(0, r.FillRate);
        Assert.Null(r.AveragePrice);
        Assert.Null(r.SlippageVsArrivalBps);
        Assert.Null(r.SlippageVsVwapBps);
        Assert.Null(r.DecisionToAckNs);
        Assert.Null(r.DecisionToFirstFillNs);
        Assert.Equal(1.1, r.ArrivalPrice, 12); // defaults to the decision price
        Assert.Equal(100, r.Shortfall.Opportunity, 9);
        Assert.Equal(100 / 110_000.0 * 1e4, r.ImplementationShortfallBps, 9);
    }

    [Fact]
    public void InvalidUpdates_AreRejectedAndCounted_NotThrown()
    {
        var tca = default(ParentOrderTca);
        Assert.False(tca.OnFill(Q("1"), P("1"), Money.Zero, 0)); // not started
        Assert.Equal(1, tca.RejectedUpdates);
        tca.Start(1, new StrategyId(0), AssetClass.Stock, ExecutionAlgorithm.Twap, OrderSide.Sell, Q("10"), P("10"), 0);
        Assert.False(tca.OnFill(Q("0"), P("10"), Money.Zero, 1));
        Assert.False(tca.OnFill(Q("1"), P("-1"), Money.Zero, 1));
        Assert.False(tca.OnMarketTrade(Q("-1"), P("10")));
        Assert.True(tca.OnFill(Q("4"), P("10"), Money.Zero, 1));
        Assert.True(tca.Finish(P("10"), 2));
        Assert.False(tca.OnFill(Q("1"), P("10"), Money.Zero, 3)); // after the end
        Assert.Equal(4, tca.RejectedUpdates); // Start resets the counter: it counts this order's bad updates
        Assert.Equal(Q("4"), tca.Filled);
    }

    [Fact]
    public void Report_BeforeFinish_Throws_AndStartValidates()
    {
        var tca = default(ParentOrderTca);
        tca.Start(1, new StrategyId(0), AssetClass.Stock, ExecutionAlgorithm.Twap, OrderSide.Buy, Q("10"), P("10"), 0);
        Assert.Throws<InvalidOperationException>(() => tca.Report());
        Assert.Throws<ArgumentOutOfRangeException>(() => tca.Start(1, new StrategyId(0), AssetClass.Stock, ExecutionAlgorithm.Twap, OrderSide.None, Q("10"), P("10"), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => tca.Start(1, new StrategyId(0), AssetClass.Stock, ExecutionAlgorithm.Twap, OrderSide.Buy, Q("0"), P("10"), 0));
    }

    [Fact]
    public void Start_FromOrderEvent_TakesItsFields()
    {
        var order = new OrderEvent
        {
            OrderId = 42, Strategy = new StrategyId(3), Algorithm = ExecutionAlgorithm.Implementation, Side = OrderSide.Sell,
            Quantity = Q("5"), LimitPrice = P("20"), Timestamp = 100,
        };
        var tca = default(ParentOrderTca);
        tca.Start(order, AssetClass.Crypto, order.LimitPrice);
        tca.OnAck(350);
        tca.Finish(P("20"), 400);
        var r = tca.Report();
        Assert.Equal((42L, 3, ExecutionAlgorithm.Implementation, OrderSide.Sell, 5.0, 20.0, 250L), (r.OrderId, r.Strategy.Value, r.Algorithm, r.Side, r.OrderedQuantity, r.DecisionPrice, r.DecisionToAckNs!.Value));
    }

    [Fact]
    public void PerFillAccumulation_DoesNotAllocate()
    {
        var tca = new ParentOrderTca[1];
        ref var order = ref tca[0];
        order.Start(1, new StrategyId(0), AssetClass.Stock, ExecutionAlgorithm.Twap, OrderSide.Buy, Q("1000000"), P("10"), 0);
        order.OnArrival(P("10"), 1);
        order.OnAck(2);
        const int Iterations = 100_000;
        var quantity = Q("1");
        var price = P("10.01");
        var fee = M("0.001");
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            order.OnFill(quantity, price, fee, i);
            order.OnMarketTrade(quantity, price);
        }

        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, Iterations);
        Assert.Equal(Q("100000"), order.Filled);
    }
}
