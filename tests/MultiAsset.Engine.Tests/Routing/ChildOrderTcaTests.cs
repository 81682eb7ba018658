using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Tca;
using static MultiAsset.Engine.Tests.Routing.TcaFixtures;

namespace MultiAsset.Engine.Tests.Routing;

public class ChildOrderTcaTests
{
    [Fact]
    public void Report_HandComputed()
    {
        var child = default(ChildOrderTca);
        child.Start(7, new VenueId(2), OrderSide.Sell, Q("200"), P("49.90"), 1_000);
        child.OnAck(1_250);
        child.OnFill(Q("50"), P("49.95"), M("-0.05"), 2_000); // a rebate
        child.OnFill(Q("100"), P("49.85"), M("0.2"), 3_000);
        var r = child.Report();
        Assert.Equal(new VenueId(2), r.Venue);
        Assert.Equal(150, r.FilledQuantity);
        Assert.Equal(0.75, r.FillRate, 15);
        // p̄ = (50·49.95 + 100·49.85)/150 = 49.88333…; sell 0.01667 below 49.90 is a cost
        Assert.Equal(((50 * 49.95) + (100 * 49.85)) / 150, r.AveragePrice!.Value, 12);
        Assert.Equal((49.90 - r.AveragePrice.Value) / 49.90 * 1e4, r.SlippageBps!.Value, 9);
        Assert.Equal(0.15, r.Fees, 12);
        Assert.Equal((250L, 750L, 1000L), (r.SendToAckNs!.Value, r.AckToFirstFillNs!.Value, r.SendToFirstFillNs!.Value));
    }
}
