using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using static MultiAsset.Engine.Tests.Risk.RiskTestSupport;

namespace MultiAsset.Engine.Tests.Risk;

public class PreTradeRiskGateDigestTests
{
    private const string Json = """{ "global": { "maxOrderNotional": 5000, "orderRate": { "maxOrders": 4, "window": "1s" }, "duplicateWindow": "1s" } }""";

    [Fact]
    public void Digest_SameOrdersGiveSameDigest()
    {
        var a = Gate(Json);
        var b = Gate(Json);
        foreach (var gate in new[] { a, b })
        {
            gate.Verdict(Buy("AAPL", 10), 100, View());
            gate.Verdict(Buy("AAPL", 100), 100, View());
            gate.SetKillSwitch(Beta, on: true);
        }

        Assert.Equal(StateDigest.Of(a), StateDigest.Of(b));
    }

    [Fact]
    public void Digest_CoversThrottleDuplicatesCountersAndKillSwitches()
    {
        var gate = Gate(Json);
        var seen = new HashSet<ulong> { StateDigest.Of(gate) };
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 10), 100, View())); // throttle, duplicates, counters
        Assert.True(seen.Add(StateDigest.Of(gate)));
        Assert.Equal(RiskVerdict.MaxNotional, gate.Verdict(Buy("AAPL", 100), 100, View())); // counters only
        Assert.True(seen.Add(StateDigest.Of(gate)));
        gate.SetKillSwitch(Alpha, on: true);
        Assert.True(seen.Add(StateDigest.Of(gate)));
        gate.SetKillSwitch(null, on: true);
        Assert.True(seen.Add(StateDigest.Of(gate)));
    }

    [Fact]
    public void Digest_DependsOnAcceptanceTime()
    {
        var a = Gate(Json);
        var b = Gate(Json);
        a.Verdict(Buy("AAPL", 10), 100, View(), MondayOpen);
        b.Verdict(Buy("AAPL", 10), 100, View(), MondayOpen + 1);
        Assert.NotEqual(StateDigest.Of(a), StateDigest.Of(b));
    }
}
