using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Risk;
using static MultiAsset.Engine.Tests.Risk.RiskTestSupport;

namespace MultiAsset.Engine.Tests.Risk;

public class StopLossMonitorTests
{
    private const string EntryConfig = """{ "global": { "assetClasses": { "CRYPTO": { "stopLossThreshold": 10 } } } }""";

    private static StopLossMonitor Monitor(string json) => new(Config(json), Catalog);

    [Fact]
    public void Evaluate_WhenLossFromEntryReachesThreshold_ClosesEveryPositionOfTheClassOnce()
    {
        var monitor = Monitor(EntryConfig);
        var view = View()
            .SetPosition(0, Id("BTCUSD"), 1.5m)
            .SetPosition(0, Id("ETHUSD"), -20)
            .SetPosition(0, Id("AAPL"), 100)
            .SetClassPnl(0, AssetClass.Crypto, cost: 100_000, unrealizedPnl: -9_999.99m);
        var closing = new IntentEvent[monitor.MaxClosingIntents];

        Assert.Equal(0, monitor.Evaluate(Alpha, AssetClass.Crypto, MondayOpen, 41, in view, closing));
        Assert.False(monitor.IsLatched(Alpha, AssetClass.Crypto));

        view.SetClassPnl(0, AssetClass.Crypto, cost: 100_000, unrealizedPnl: -10_000);
        Assert.Equal(2, monitor.Evaluate(Alpha, AssetClass.Crypto, MondayOpen + 5, 42, in view, closing));
        Assert.True(monitor.IsLatched(Alpha, AssetClass.Crypto));

        var btc = closing[0];
        Assert.Equal(IntentKind.Close, btc.Kind);
        Assert.Equal(IntentReason.StopLoss, btc.Reason);
        Assert.Equal(IntentUrgency.Immediate, btc.Urgency);
        Assert.Equal(OrderSide.Sell, btc.Side);
        Assert.Equal(Id("BTCUSD"), btc.Instrument);
        Assert.Equal(Alpha, btc.Account);
        Assert.Equal(StrategyId.None, btc.Strategy);
        Assert.Equal(Quantity.FromDecimal(1.5m), btc.Quantity);
        Assert.Equal(AssetClass.Crypto, btc.AssetClass);
        Assert.Null(btc.Hedge);
        Assert.Equal(-1, btc.Rule);
        Assert.Equal(MondayOpen + 5, btc.Timestamp);
        Assert.Equal(42, btc.SourceSequence);
        Assert.Equal(OrderSide.Buy, closing[1].Side);
        Assert.Equal(Id("ETHUSD"), closing[1].Instrument);
        Assert.Equal(Quantity.FromDecimal(20), closing[1].Quantity);

        // Latched: a deeper loss does not fire again.
        view.SetClassPnl(0, AssetClass.Crypto, cost: 100_000, unrealizedPnl: -30_000);
        Assert.Equal(0, monitor.Evaluate(Alpha, AssetClass.Crypto, MondayOpen + 6, 43, in view, closing));

        monitor.Reset(Alpha, AssetClass.Crypto);
        Assert.Equal(2, monitor.Evaluate(Alpha, AssetClass.Crypto, MondayOpen + 7, 44, in view, closing));
    }

    [Fact]
    public void Evaluate_WhenTheClassGoesFlat_RearmsTheStop()
    {
        var monitor = Monitor(EntryConfig);
        var view = View().SetPosition(0, Id("BTCUSD"), 1).SetClassPnl(0, AssetClass.Crypto, 50_000, -6_000);
        var closing = new IntentEvent[monitor.MaxClosingIntents];
        Assert.Equal(1, monitor.Evaluate(Alpha, AssetClass.Crypto, MondayOpen, 1, in view, closing));

        view.SetPosition(0, Id("BTCUSD"), 0).SetClassPnl(0, AssetClass.Crypto, 0, 0);
        Assert.Equal(0, monitor.Evaluate(Alpha, AssetClass.Crypto, MondayOpen, 2, in view, closing));
        Assert.False(monitor.IsLatched(Alpha, AssetClass.Crypto));

        view.SetPosition(0, Id("BTCUSD"), 1).SetClassPnl(0, AssetClass.Crypto, 50_000, -5_000);
        Assert.Equal(1, monitor.Evaluate(Alpha, AssetClass.Crypto, MondayOpen, 3, in view, closing));
    }

    [Fact]
    public void Evaluate_FromPeak_MeasuresTheFallFromTheHighestPnl()
    {
        var monitor = Monitor("""{ "global": { "stopLossBasis": "Peak", "assetClasses": { "STOCK": { "stopLossThreshold": 10 } } } }""");
        var view = View().SetPosition(0, Id("AAPL"), 1000).SetClassPnl(0, AssetClass.Stock, 100_000, 8_000);
        var closing = new IntentEvent[monitor.MaxClosingIntents];
        Assert.Equal(0, monitor.Evaluate(Alpha, AssetClass.Stock, MondayOpen, 1, in view, closing)); // peak 8,000
        view.SetClassPnl(0, AssetClass.Stock, 100_000, -1_999.99m); // 9,999.99 below the peak, only 2 % below entry
        Assert.Equal(0, monitor.Evaluate(Alpha, AssetClass.Stock, MondayOpen, 2, in view, closing));
        view.SetClassPnl(0, AssetClass.Stock, 100_000, -2_000);
        Assert.Equal(1, monitor.Evaluate(Alpha, AssetClass.Stock, MondayOpen, 3, in view, closing));
    }

    [Fact]
    public void Evaluate_WithoutThreshold_NeverFires()
    {
        var monitor = Monitor("{}");
        var view = View().SetPosition(0, Id("AAPL"), 10).SetClassPnl(0, AssetClass.Stock, 1_000, -999);
        Assert.Equal(0, monitor.Evaluate(Alpha, AssetClass.Stock, MondayOpen, 1, in view, new IntentEvent[4]));
    }

    [Fact]
    public void Evaluate_WhenTheSpanIsTooSmall_ThrowsAndDoesNotLatch()
    {
        var monitor = Monitor(EntryConfig);
        var view = View().SetPosition(0, Id("BTCUSD"), 1).SetPosition(0, Id("ETHUSD"), 1).SetClassPnl(0, AssetClass.Crypto, 100, -50);
        Assert.Throws<ArgumentException>(() => monitor.Evaluate(Alpha, AssetClass.Crypto, MondayOpen, 1, in view, new IntentEvent[1]));
        Assert.False(monitor.IsLatched(Alpha, AssetClass.Crypto));
    }

    [Fact]
    public void EvaluateAccount_ChecksEveryClassOfOneAccountOnly()
    {
        var monitor = Monitor("""{ "global": { "assetClasses": { "CRYPTO": { "stopLossThreshold": 10 }, "STOCK": { "stopLossThreshold": 5 } } } }""");
        var view = View()
            .SetPosition(0, Id("BTCUSD"), 1).SetClassPnl(0, AssetClass.Crypto, 100, -10)
            .SetPosition(0, Id("AAPL"), 1).SetClassPnl(0, AssetClass.Stock, 100, -5)
            .SetPosition(1, Id("AAPL"), 1).SetClassPnl(1, AssetClass.Stock, 100, -50);
        var closing = new IntentEvent[Catalog.Tradable.Count];
        Assert.Equal(2, monitor.EvaluateAccount(Alpha, MondayOpen, 1, in view, closing));
        Assert.Equal(new[] { Id("AAPL"), Id("BTCUSD") }, closing[..2].Select(i => i.Instrument));
        Assert.False(monitor.IsLatched(Beta, AssetClass.Stock));
    }

    [Fact]
    public void Digest_ChangesWithLatchesAndPeaks()
    {
        var a = Monitor(EntryConfig);
        var b = Monitor(EntryConfig);
        var view = View().SetPosition(0, Id("BTCUSD"), 1).SetClassPnl(0, AssetClass.Crypto, 100, 5);
        Assert.Equal(StateDigest.Of(a), StateDigest.Of(b));
        a.Evaluate(Alpha, AssetClass.Crypto, MondayOpen, 1, in view, new IntentEvent[8]); // peak moves to 5
        Assert.NotEqual(StateDigest.Of(a), StateDigest.Of(b));
        b.Evaluate(Alpha, AssetClass.Crypto, MondayOpen, 1, in view, new IntentEvent[8]);
        Assert.Equal(StateDigest.Of(a), StateDigest.Of(b));
        view.SetClassPnl(0, AssetClass.Crypto, 100, -20);
        a.Evaluate(Alpha, AssetClass.Crypto, MondayOpen, 2, in view, new IntentEvent[8]); // latches
        Assert.NotEqual(StateDigest.Of(a), StateDigest.Of(b));
    }
}
