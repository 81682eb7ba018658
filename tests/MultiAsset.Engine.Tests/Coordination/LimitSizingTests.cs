using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Risk;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>Sizing in the account's base currency (live FX), and orders clipped to the gate's limits and worked over time.</summary>
public class LimitSizingTests
{
    private const long Second = 1_000_000_000;

    private static (CoordinationHarness H, TestAccountView View) Fx(Func<MultiAsset.Engine.Model.Instruments.InstrumentCatalog, RiskConfig>? limits = null)
    {
        var view = new TestAccountView(MultiAsset.Engine.Tests.Support.RepoFiles.ShippedCatalog);
        view.UsdPer["JPY"] = 1m / 150m;
        view.UsdPer["EUR"] = 1.08m;
        view.UsdPer["BTC"] = 65_000m;
        return (new CoordinationHarness(capital: view, limits: limits), view);
    }

    [Fact]
    public void JpyQuotedTargets_AreSizedWithTheBaseCurrencyValueOfAUnit()
    {
        var (h, _) = Fx();
        var s = h.Register("fx", allocation: [(AssetClass.Forex, 100, 0, 100)]);
        h.Batch(h.TargetWeight(s, "EURJPY", 0.6, 160));
        h.Batch(h.TargetWeight(s, "USDJPY", 0.6, 150));

        // EURJPY: one EUR costs 160 JPY = 160 / 150 USD; 1 000 000 USD × 0.6 / 1.0666… = 562 500 EUR → 562 lots of 1 000.
        // USDJPY: one USD costs 150 JPY = 1 USD; 600 000 → 600 lots. (Dividing by the JPY price gave 3 000 and 4 000.)
        var orders = h.Orders();
        Assert.Equal(Quantity.FromDecimal(562_000m), orders[0].Quantity);
        Assert.Equal(Quantity.FromDecimal(600_000m), orders[1].Quantity);
    }

    [Fact]
    public void JpyQuotedOrders_AreClippedToTheBaseCurrencyNotionalCap()
    {
        var (h, _) = Fx(CoordinationHarness.Limits(symbol => symbol == "EURJPY" ? InstrumentRiskLimits.Unlimited with { MaxOrderNotional = Money.FromDecimal(250_000m) } : null));
        var s = h.Register("fx", allocation: [(AssetClass.Forex, 100, 0, 100)]);
        h.Batch(h.TargetWeight(s, "EURJPY", 0.6, 160));

        // The cap less coordination's 2 % buffer: 245 000 USD / (160 / 150 USD per EUR) = 229 687.5 → 229 lots;
        // 229 000 × 160 JPY = 36 640 000 JPY = 244 266.67 USD ≤ 245 000 (the gate's cap, 250 000, is never reached).
        var order = Assert.Single(h.Orders());
        Assert.Equal(Quantity.FromDecimal(229_000m), order.Quantity);
        Assert.Equal(Quantity.FromDecimal(562_000m), h.Stage.TargetPosition(s, h.Id("EURJPY")));
        Assert.Equal(1, h.Stage.Counters.ClippedOrders);
    }

    [Fact]
    public void ATargetBeyondTheOrderCap_IsWorkedOneClipAtATime()
    {
        var h = new CoordinationHarness(limits: CoordinationHarness.Limits(symbol => symbol == "BTCUSD" ? InstrumentRiskLimits.Unlimited with { MaxOrderQuantity = Quantity.FromDecimal(2m) } : null));
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "BTCUSD", 1, 65_432.10, time: Second));

        // Target 4.58490 BTC (300 000 / 65 432.10); one order carries at most 2.
        var first = Assert.Single(h.Orders());
        Assert.Equal(Quantity.FromDecimal(2m), first.Quantity);

        // The same intent again while the clip works: nothing more is sent.
        h.Batch(h.Target(s, "BTCUSD", 1, 65_432.10, time: 2 * Second));
        Assert.Empty(h.Orders());
        Assert.Equal(1, h.Stage.Counters.WaitingForClip);

        // Filled in two children: the next clip goes only when the whole order is done, after the report.
        h.Report(first, ExecutionType.Fill, 1.5, time: 3 * Second);
        Assert.Empty(h.Orders());
        h.Report(first, ExecutionType.Fill, 0.5, time: 4 * Second, child: 1);
        var events = h.Events();
        Assert.Equal(OrderEventKind.Execution, events[0].Kind);
        var second = Assert.Single(events, e => e.Kind == OrderEventKind.NewOrder);
        Assert.Equal(Quantity.FromDecimal(2m), second.Quantity);
        Assert.Equal(IntentReason.Resize, second.Reason);

        h.Report(second, ExecutionType.Fill, 2, time: 5 * Second);
        var third = Assert.Single(h.Orders());
        Assert.Equal(Quantity.FromDecimal(0.5849m), third.Quantity);
        h.Report(third, ExecutionType.Fill, 0.5849, time: 6 * Second);
        Assert.Empty(h.Orders());
        Assert.Equal(Quantity.FromDecimal(4.5849m), h.Ordered(s, "BTCUSD"));
    }

    [Fact]
    public void APositionLimit_StopsTheTargetAtTheLimit_AndNotesItOnce()
    {
        var h = new CoordinationHarness(limits: CoordinationHarness.Limits(symbol => symbol == "BTCUSD" ? InstrumentRiskLimits.Unlimited with { PositionLimitQuantity = Quantity.FromDecimal(3m) } : null));
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "BTCUSD", 1, 65_432.10, time: Second));
        var first = Assert.Single(h.Orders());
        Assert.Equal(Quantity.FromDecimal(3m), first.Quantity);

        h.Report(first, ExecutionType.Fill, 3, time: 2 * Second);
        for (var t = 3; t < 20; t++)
        {
            h.Batch(h.Target(s, "BTCUSD", 1, 65_432.10, time: t * Second));
        }

        Assert.Empty(h.Orders());
        var note = Assert.Single(h.Stage.Refusals.Recent());
        Assert.Equal(RefusalSource.Sizing, note.Source);
        Assert.Equal(RiskVerdict.PositionLimit, note.Reason);
        Assert.Equal(Quantity.FromDecimal(1.5849m), note.Quantity);
        Assert.Equal(Quantity.FromDecimal(4.5849m), note.Target);
    }

    [Fact]
    public void AStockOrder_IsClippedToTheNotionalCapAtTheMark()
    {
        var (h, view) = Fx(CoordinationHarness.Limits(symbol => symbol == "AAPL" ? InstrumentRiskLimits.Unlimited with { MaxOrderNotional = Money.FromDecimal(250_000m) } : null));
        view.Mark("AAPL", 150);
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "AAPL", 1, 150));

        // 700 000 / 150 = 4 666 shares wanted; the cap less the 2 % buffer, 245 000 / 150 = 1 633.33 → 1 633 (244 950 USD).
        Assert.Equal(Quantity.FromDecimal(1_633m), Assert.Single(h.Orders()).Quantity);
    }

    [Fact]
    public void ClassAllocation_CapsTheOrderWithFilledAndWorkingExposure()
    {
        var (h, view) = Fx(CoordinationHarness.Limits(
            _ => null,
            assetClass: (_, c) => c == AssetClass.Crypto ? ClassRiskLimits.Unlimited with { MaxAllocation = RiskRatio.FromPercent(20) } : ClassRiskLimits.Unlimited));
        view.Mark("BTCUSD", 50_000);
        view.Exposure[(0, AssetClass.Crypto)] = 100_000m;
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "BTCUSD", 1, 50_000));

        // Room: 20 % × 1 000 000 − 100 000 filled = 100 000 USD → 2 BTC (target was 300 000 / 50 000 = 6).
        Assert.Equal(Quantity.FromDecimal(2m), Assert.Single(h.Orders()).Quantity);
    }

    [Fact]
    public void TheDocumentsMaxAllocation_CapsTheStrategysClass()
    {
        var h = new CoordinationHarness();
        var document = CoordinationHarness.Document("capped") with
        {
            RiskParameters = new Engine.Signals.Strategies.CrossAssetRiskConfig
            {
                AssetClassLimits = [new Engine.Signals.Strategies.AssetClassRiskLimits { AssetClass = AssetClass.Crypto, MaxAllocation = 10 }],
            },
        };
        var s = h.Register(document);
        h.Batch(h.Target(s, "BTCUSD", 1, 50_000));

        // Class budget 300 000 (30 %), but the document caps CRYPTO at 10 % of 1 000 000 = 100 000 → 2 BTC.
        Assert.Equal(Quantity.FromDecimal(2m), Assert.Single(h.Orders()).Quantity);
        Assert.Equal(1, h.Stage.Counters.DocumentCapped);
    }
}
