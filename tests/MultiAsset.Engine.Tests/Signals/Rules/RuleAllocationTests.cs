using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Signals.Rules;
using MultiAsset.Engine.Tests.Support;
using static MultiAsset.Engine.Tests.Signals.Rules.RuleTestFixture;

namespace MultiAsset.Engine.Tests.Signals.Rules;

public class RuleAllocationTests
{
    private const int Evaluations = 100_000;

    private const string SixClauses =
        "BTC momentum > 0.05 AND NASDAQ momentum > 0.03 AND NOT VIX > 30 "
        + "AND (correlation(BTCUSD, QQQ) > 0.6 OR spread(EURUSD) < 0.0002) AND EURUSD return(1d) >= 1.5%";

    /// <summary>Monday 2026-03-02 15:00 UTC: NYSE, FX and crypto all open.</summary>
    private static readonly long Monday = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    [Fact]
    public void Evaluation_allocates_nothing_against_fixed_values()
    {
        var source = new FixedIndicatorSource()
            .Set("BTCUSD", IndicatorKind.Momentum, 0.06, 86_400)
            .Set("NASDAQ", IndicatorKind.Momentum, 0.04, 86_400)
            .Set("VIX", IndicatorKind.Price, 20)
            .SetCorrelation("BTCUSD", "QQQ", 0.7)
            .Set("EURUSD", IndicatorKind.Return, 0.02, 86_400);
        var trigger = Compiler.CompileTrigger(SixClauses);
        Assert.True(trigger.Evaluate(source)); // also warms up (tiering) before measuring

        var fired = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Evaluations; i++)
        {
            fired += trigger.Evaluate(source) ? 1 : 0;
        }

        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, Evaluations);
        Assert.Equal(Evaluations, fired);
    }

    [Fact]
    public void Evaluation_allocates_nothing_against_market_analytics()
    {
        var analytics = MarketDataStage.Create(Catalog, new AnalyticsOptions()).Analytics;
        var seed = Compiler.CompileTrigger("BTC momentum > 0.05 AND NASDAQ momentum > 0.03");
        var six = Compiler.CompileTrigger(SixClauses);
        var carry = Compiler.CompileTrigger("Interest rate differential > 2%", new RuleBindingContext { DefaultPair = "AUDJPY" });
        Assert.False(seed.Evaluate(analytics) || six.Evaluate(analytics) || carry.Evaluate(analytics));

        var fired = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Evaluations; i++)
        {
            fired += seed.Evaluate(analytics) ? 1 : 0;
            fired += six.Evaluate(analytics) ? 1 : 0;
            fired += carry.Evaluate(analytics) ? 1 : 0;
        }

        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, 3 * Evaluations);
        Assert.Equal(0, fired);
    }

    [Fact]
    public void Market_analytics_values_drive_the_trigger()
    {
        var analytics = MarketDataStage.Create(Catalog, new AnalyticsOptions()).Analytics;
        var spread = Compiler.CompileTrigger("spread(EURUSD) < 0.0002 AND EURUSD mid > 1.08");
        var carry = Compiler.CompileTrigger("Interest rate differential > 2%", new RuleBindingContext { DefaultPair = "AUDJPY" });
        var vix = Compiler.CompileTrigger("VIX > 25");
        Assert.False(spread.Evaluate(analytics)); // no quote yet: NaN, not 0 < 0.0002
        Assert.False(vix.Evaluate(analytics));

        var evt = default(InputEvent);
        evt.SetQuote(Id("EURUSD"), Monday, Price.FromDecimal(1.0850m), Price.FromDecimal(1.0851m), Quantity.FromRaw(100_000_000), Quantity.FromRaw(100_000_000));
        analytics.Update(ref evt);
        Assert.True(spread.Evaluate(analytics));

        evt.SetReference(Id("AUD_RATE"), Monday + 1, Price.FromDecimal(0.0435m));
        analytics.Update(ref evt);
        Assert.False(carry.Evaluate(analytics)); // JPY rate not seen yet
        evt.SetReference(Id("JPY_RATE"), Monday + 2, Price.FromDecimal(0m));
        analytics.Update(ref evt);
        Assert.True(carry.Evaluate(analytics)); // 4.35% − 0% > 2%

        evt.SetReference(Id("VIX"), Monday + 3, Price.FromDecimal(31.5m));
        analytics.Update(ref evt);
        Assert.True(vix.Evaluate(analytics));
    }
}
