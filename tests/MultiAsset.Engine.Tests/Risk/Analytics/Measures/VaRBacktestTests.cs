using MultiAsset.Engine.Risk.Analytics.Measures;
using static MultiAsset.Engine.Tests.Risk.Analytics.Measures.RiskTestData;

namespace MultiAsset.Engine.Tests.Risk.Analytics.Measures;

public class VaRBacktestTests
{
    /// <summary>250 days at 99% with the first <paramref name="exceptions"/> days spread out (no two consecutive).</summary>
    private static VaRBacktestResult Days250(int exceptions)
    {
        var pnl = new double[250];
        var var = Enumerable.Repeat(100.0, 250).ToArray();
        for (int k = 0; k < exceptions; k++)
        {
            pnl[k * (250 / Math.Max(exceptions, 1))] = -150;
        }

        return VaRBacktest.Run(pnl, var, 0.99);
    }

    [Theory]
    // LR_POF = −2[(T − x)ln(1 − p) + x ln p − (T − x)ln(1 − x/T) − x ln(x/T)], T = 250, p = 0.01 (hand-computed).
    [InlineData(0, 5.025167926750726, 0.02498150305344971)]
    [InlineData(4, 0.7691383643858458, 0.380483738238954)]
    [InlineData(5, 1.956809788230622, 0.16185491719604272)]
    [InlineData(10, 12.955491062356018, 0.0003189845082133835)]
    public void Kupiec_MatchesHandComputedValues(int x, double lr, double pValue)
    {
        var r = Days250(x);
        Assert.Equal(x, r.Exceptions);
        Close(lr, r.KupiecStatistic, 1e-9, "LR");
        Close(pValue, r.KupiecPValue, 1e-7, "p");
    }

    [Theory]
    [InlineData(0, TrafficLightZone.Green)]
    [InlineData(4, TrafficLightZone.Green)]
    [InlineData(5, TrafficLightZone.Yellow)]
    [InlineData(9, TrafficLightZone.Yellow)]
    [InlineData(10, TrafficLightZone.Red)]
    [InlineData(25, TrafficLightZone.Red)]
    public void TrafficLight_IsTheBaselTable(int x, TrafficLightZone zone)
    {
        Assert.Equal(zone, VaRBacktest.Zone(250, x, 0.01));
        Assert.Equal(zone, Days250(x).Zone);
    }

    [Fact]
    public void Christoffersen_MatchesAHandComputedSequence()
    {
        // Hits 0 0 0 1 1 1 0 0 0 0 at 95%: n00 = 5, n01 = 1, n10 = 1, n11 = 2.
        bool[] hits = [false, false, false, true, true, true, false, false, false, false];
        var pnl = hits.Select(h => h ? -2.0 : 0.0).ToArray();
        var r = VaRBacktest.Run(pnl, Enumerable.Repeat(1.0, 10).ToArray(), 0.95);
        Assert.Equal([5, 1, 1, 2], r.Transitions);
        Close(2.231435513142097, r.IndependenceStatistic, 1e-9, "LR_ind");
        Close(0.13522815768706664, r.IndependencePValue, 1e-7, "p_ind");
        Close(6.475213721651784, r.KupiecStatistic, 1e-9, "LR_POF");
        Close(8.70664923479388, r.ConditionalCoverageStatistic, 1e-9, "LR_cc");
        Close(0.012863973617874464, r.ConditionalCoveragePValue, 1e-7, "p_cc");
    }

    [Fact]
    public void EdgeCases_GiveFiniteStatistics()
    {
        var none = VaRBacktest.Run(new double[20], Enumerable.Repeat(1.0, 20).ToArray(), 0.99);
        Assert.Equal(0, none.Exceptions);
        Assert.Equal(0, none.IndependenceStatistic);
        Assert.Equal(1, none.IndependencePValue);

        var all = VaRBacktest.Run(Enumerable.Repeat(-5.0, 20).ToArray(), Enumerable.Repeat(1.0, 20).ToArray(), 0.99);
        Assert.Equal(20, all.Exceptions);
        Close(-2 * 20 * Math.Log(0.01), all.KupiecStatistic, 1e-12, "all exceptions");
        Assert.True(double.IsFinite(all.ConditionalCoverageStatistic));
        Assert.Equal(TrafficLightZone.Red, all.Zone);

        var single = VaRBacktest.Run([-5.0], [1.0], 0.99);
        Assert.Equal(0, single.IndependenceStatistic);
        Assert.True(double.IsFinite(single.KupiecStatistic));
        Assert.Equal([0, 0, 0, 0], single.Transitions);
    }

    [Fact]
    public void ALossEqualToVaR_IsNotAnException()
    {
        Assert.Equal(0, VaRBacktest.Run([-1.0], [1.0], 0.99).Exceptions);
    }

    [Fact]
    public void BadInput_NamesTheField()
    {
        Assert.Equal("valueAtRisk", Assert.Throws<RiskMeasureInputException>(() => VaRBacktest.Run([1.0], [1.0, 2.0], 0.99)).Field);
        Assert.Equal("confidence", Assert.Throws<RiskMeasureInputException>(() => VaRBacktest.Run([1.0], [1.0], 99)).Field);
    }
}
