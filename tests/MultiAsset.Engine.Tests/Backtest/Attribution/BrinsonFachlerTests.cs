using MultiAsset.Engine.Backtest.Attribution;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Tests.Backtest.Attribution;

public sealed class BrinsonFachlerTests
{
    private static void Near(double expected, double? actual, double tolerance = 1e-15)
    {
        Assert.NotNull(actual);
        Assert.True(Math.Abs(expected - actual.Value) <= tolerance, $"expected {expected:R}, got {actual.Value:R}");
    }

    /// <summary>
    /// STOCK w_p 0.6 w_b 0.5 r_p 0.10 r_b 0.08; CRYPTO 0.3/0.3, 0.20/0.25; CASH 0.1/0.2, 0/0.
    /// R_b = 0.5 × 0.08 + 0.3 × 0.25 = 0.115; R_p = 0.06 + 0.06 = 0.12; active 0.005.
    /// STOCK: allocation 0.1 × (0.08 − 0.115) = −0.0035, selection 0.5 × 0.02 = 0.01, interaction 0.1 × 0.02 = 0.002.
    /// CRYPTO: 0, 0.3 × (−0.05) = −0.015, 0. CASH: −0.1 × (0 − 0.115) = 0.0115, 0, 0.
    /// Totals: allocation 0.008, selection −0.005, interaction 0.002; sum 0.005 = active.
    /// </summary>
    internal static BrinsonSegment[] Period1 =>
    [
        BrinsonSegment.ForAssetClass(AssetClass.Stock, 0.6, 0.5, 0.10, 0.08),
        BrinsonSegment.ForAssetClass(AssetClass.Crypto, 0.3, 0.3, 0.20, 0.25),
        new("CASH", 0.1, 0.2, 0, 0),
    ];

    [Fact]
    public void Attribute_ThreeSegments_MatchesTheHandComputedEffects()
    {
        var r = BrinsonFachler.Attribute(Period1);

        Near(0.12, r.PortfolioReturn);
        Near(0.115, r.BenchmarkReturn);
        Near(0.005, r.ActiveReturn);
        Assert.Equal(["STOCK", "CRYPTO", "CASH"], r.Segments.Select(s => s.Segment));
        Near(-0.0035, r.Segments[0].Allocation);
        Near(0.01, r.Segments[0].Selection);
        Near(0.002, r.Segments[0].Interaction);
        Near(0, r.Segments[1].Allocation);
        Near(-0.015, r.Segments[1].Selection);
        Near(0.0115, r.Segments[2].Allocation);
        Near(0.008, r.Effects.Allocation);
        Near(-0.005, r.Effects.Selection);
        Near(0.002, r.Effects.Interaction);
        Near(0.005, r.Effects.Total);
        Near(0, r.Residual);
    }

    /// <summary>Fachler, not BHB: over-weighting a segment that rose (8 %) but less than the benchmark (11.5 %) costs allocation.</summary>
    [Fact]
    public void Allocation_IsMeasuredAgainstTheTotalBenchmarkReturn() =>
        Assert.True(BrinsonFachler.Attribute(Period1).Segments[0].Allocation < 0);

    [Fact]
    public void Attribute_RejectsBadSegments()
    {
        Assert.Throws<ArgumentException>(() => BrinsonFachler.Attribute([]));
        Assert.Throws<ArgumentException>(() => BrinsonFachler.Attribute([new("STOCK", 0.9, 1, 0.1, 0.1)]));
        Assert.Throws<ArgumentException>(() => BrinsonFachler.Attribute([new("STOCK", 1, 0.5, 0.1, 0.1)]));
        Assert.Throws<ArgumentException>(() => BrinsonFachler.Attribute([new("STOCK", 0.5, 0.5, 0.1, 0.1), new("STOCK", 0.5, 0.5, 0, 0)]));
        Assert.Throws<ArgumentException>(() => BrinsonFachler.Attribute([new("STOCK", 1, 1, double.NaN, 0.1)]));
    }

    /// <summary>
    /// Two periods: period 1 above (R_p 0.12, R_b 0.115); period 2 all STOCK, r_p 0.10, r_b 0 ⇒ selection 0.1.
    /// Compounded: R_p = 1.12 × 1.1 − 1 = 0.232, R_b = 0.115, active 0.117. Arithmetic: 0.005 + 0.1 = 0.105,
    /// residual 0.012 (the compounding of period 2's gain on period 1's). Carino: k_1 = ln(1.12/1.115)/0.005 =
    /// 0.89485607898…, k_2 = ln(1.1)/0.1 = 0.95310179804…, K = ln(1.232/1.115)/0.117 = 0.85285863418…;
    /// allocation 0.008 × k_1/K = 0.00839394519…, selection (−0.005 k_1 + 0.1 k_2)/K = 0.10650756851…,
    /// interaction 0.002 k_1/K = 0.00209848630…; sum 0.117.
    /// </summary>
    [Fact]
    public void Link_TwoPeriods_ReportsTheArithmeticResidual_AndCarinoSumsToTheActiveReturn()
    {
        var r = BrinsonLinking.Link([Period1, [BrinsonSegment.ForAssetClass(AssetClass.Stock, 1, 1, 0.10, 0)]]);

        Near(0.232, r.PortfolioReturn, 1e-15);
        Near(0.115, r.BenchmarkReturn, 1e-15);
        Near(0.117, r.ActiveReturn, 1e-15);
        Near(0.105, r.Arithmetic.Total, 1e-15);
        Near(0.012, r.ArithmeticResidual, 1e-15);
        Near(0.008, r.Arithmetic.Allocation, 1e-15);
        Near(0.095, r.Arithmetic.Selection, 1e-15);
        Near(0.008393945192034801, r.Carino!.Allocation, 1e-14);
        Near(0.10650756850995673, r.Carino.Selection, 1e-14);
        Near(0.0020984862980087003, r.Carino.Interaction, 1e-14);
        Near(0, r.CarinoResidual, 1e-15);
        Assert.Equal(["STOCK", "CRYPTO", "CASH"], r.CarinoSegments!.Select(s => s.Segment));
        Near(0.01 + 0.1, r.ArithmeticSegments[0].Selection, 1e-15);
        Near(r.Carino.Total, r.CarinoSegments!.Sum(s => s.Total), 1e-15);
    }

    /// <summary>One period: linking changes nothing (k_1 = K) and the arithmetic residual is rounding only.</summary>
    [Fact]
    public void Link_OnePeriod_EqualsTheSinglePeriodAttribution()
    {
        var single = BrinsonFachler.Attribute(Period1);
        var linked = BrinsonLinking.Link([Period1]);

        Near(single.Effects.Allocation, linked.Carino!.Allocation);
        Near(single.Effects.Selection, linked.Arithmetic.Selection);
        Near(0, linked.ArithmeticResidual);
    }

    /// <summary>A period losing 100 % cannot be linked logarithmically: Carino is null, the arithmetic sum remains.</summary>
    [Fact]
    public void Link_TotalLoss_LeavesCarinoNull()
    {
        var r = BrinsonLinking.Link([Period1, [new BrinsonSegment("STOCK", 1, 1, -1, 0)]]);

        Assert.Null(r.Carino);
        Assert.Null(r.CarinoResidual);
        Near(-1.115, r.ActiveReturn, 1e-15);
    }

    /// <summary>Carino's k at p = b is the limit 1/(1 + p); within 1e-9 of it the factor stays accurate (no cancellation).</summary>
    [Fact]
    public void CarinoFactor_AtEqualReturns_IsTheLimit()
    {
        Near(1 / 1.05, BrinsonLinking.CarinoFactor(0.05, 0.05));
        // The textbook (ln 1.05000000100 − ln 1.05) / 1e-9 is off by ~1e-7 from cancellation; the limit is 1/1.05 − 1e-9/(2 × 1.05²).
        Near((1 / 1.05) - (1e-9 / (2 * 1.05 * 1.05)), BrinsonLinking.CarinoFactor(0.05 + 1e-9, 0.05), 1e-15);
        Near(Math.Log(1.2 / 1.1) / 0.1, BrinsonLinking.CarinoFactor(0.2, 0.1), 1e-15);
    }
}
