using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using static MultiAsset.Engine.Tests.Risk.RiskTestSupport;

namespace MultiAsset.Engine.Tests.Risk;

/// <summary>What the gate tells the audit trail a refusing rule compared: the order's value and the limit, in the rule's unit.</summary>
public class PreTradeRiskGateComparisonTests
{
    private static long Units(decimal value) => (long)(value * FixedPoint.Scale);

    [Fact]
    public void MaxQuantity_reports_the_quantity_against_the_limit_and_an_acceptance_reports_nothing()
    {
        var gate = Gate("""{ "global": { "instruments": { "AAPL": { "maxOrderQuantity": 100 } } } }""");
        Assert.Equal(RiskVerdict.MaxQuantity, gate.Verdict(Buy("AAPL", 101), 100, View()));
        Assert.Equal(new RiskComparison(Units(101), Units(100), AuditValueUnit.Quantity), gate.LastComparison);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 100), 100, View()));
        Assert.Equal(default, gate.LastComparison);
    }

    [Fact]
    public void MaxNotional_reports_the_notional_in_base_currency()
    {
        var gate = Gate("""{ "global": { "maxOrderNotional": 10000 } }""");
        Assert.Equal(RiskVerdict.MaxNotional, gate.Verdict(Buy("AAPL", 101), 100, View()));
        Assert.Equal(new RiskComparison(Units(10_100), Units(10_000), AuditValueUnit.Money), gate.LastComparison);
    }

    [Fact]
    public void PositionLimit_reports_the_worst_case_position_after_the_order()
    {
        var gate = Gate("""{ "global": { "instruments": { "AAPL": { "positionLimit": { "quantity": 500 } } } } }""");
        var view = View().SetPosition(0, Id("AAPL"), 400, workingBuy: 50);
        Assert.Equal(RiskVerdict.PositionLimit, gate.Verdict(Buy("AAPL", 51), 100, view));
        Assert.Equal(new RiskComparison(Units(501), Units(500), AuditValueUnit.Quantity), gate.LastComparison);
    }

    [Fact]
    public void PriceCollar_reports_the_distance_from_the_mid_against_the_allowed_distance()
    {
        var gate = Gate("""{ "global": { "priceCollar": 0.05 } }""");
        Assert.Equal(RiskVerdict.PriceCollar, gate.Verdict(Buy("AAPL", 10, limit: 105.01m), 100, View()));
        Assert.Equal(new RiskComparison(Units(5.01m), Units(5), AuditValueUnit.Price), gate.LastComparison);
    }
}
