using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Tca;

namespace MultiAsset.Engine.Tests.Routing;

/// <summary>Two hand-computed parent orders shared by the TCA and aggregation tests.</summary>
internal static class TcaFixtures
{
    public static Price P(string text) => Price.Parse(text);

    public static Quantity Q(string text) => Quantity.Parse(text);

    public static Money M(string text) => Money.Parse(text);

    /// <summary>
    /// Buy 1000, decided at 100.00 (t = 1000 ns), arrives at 100.10 (t = 1500), acked at t = 3000; fills 600 @ 100.20
    /// (fee 3) at t = 5000 and 400 @ 100.30 (fee 2) at t = 9000; market prints 5000 @ 100.15 and 5000 @ 100.25; ends at 100.40.
    /// </summary>
    public static ParentOrderTca FilledBuy()
    {
        var tca = default(ParentOrderTca);
        tca.Start(7, new StrategyId(0), AssetClass.Stock, ExecutionAlgorithm.Twap, OrderSide.Buy, Q("1000"), P("100"), 1000);
        tca.OnArrival(P("100.10"), 1500);
        tca.OnAck(3000);
        tca.OnMarketTrade(Q("5000"), P("100.15"));
        tca.OnFill(Q("600"), P("100.20"), M("3"), 5000);
        tca.OnMarketTrade(Q("5000"), P("100.25"));
        tca.OnFill(Q("400"), P("100.30"), M("2"), 9000);
        tca.Finish(P("100.40"), 10_000);
        return tca;
    }

    /// <summary>
    /// Sell 1000, decided at 50.00 (t = 0), arrives at 49.90; acked at t = 4000; one fill 300 @ 49.80 (fee 1.5) at
    /// t = 10000; market prints 1000 @ 49.85; cancelled with the price at 49.50.
    /// </summary>
    public static ParentOrderTca PartialSell()
    {
        var tca = default(ParentOrderTca);
        tca.Start(8, new StrategyId(1), AssetClass.Crypto, ExecutionAlgorithm.Vwap, OrderSide.Sell, Q("1000"), P("50"), 0);
        tca.OnArrival(P("49.90"), 500);
        tca.OnAck(4000);
        tca.OnMarketTrade(Q("1000"), P("49.85"));
        tca.OnFill(Q("300"), P("49.80"), M("1.5"), 10_000);
        tca.Finish(P("49.50"), 20_000);
        return tca;
    }
}
