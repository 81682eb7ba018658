using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Risk.Analytics.Measures;
using static MultiAsset.Engine.Tests.Risk.Analytics.Measures.RiskTestData;

namespace MultiAsset.Engine.Tests.Risk.Analytics.Measures;

public class ParametricVaRTests
{
    [Fact]
    public void TwoAssets_MatchesTheHandComputedDeltaNormalVaR()
    {
        var r = PortfolioRiskAnalyzer.Analyze(TwoAssets());
        // σ = √1.325e9 = 36 400.549446; VaR = 2.326347874·σ = 84 680.3408.
        Close(84_680.34081707055, r.ValueAtRisk, 1e-9, "VaR");
        // Components z·w_i·(Σw)_i/σ: 2.326347874·5.5e8/σ and ·7.75e8/σ.
        Close(35_150.330150482114, r.ByInstrument[0].ComponentVaR, 1e-9, "component AAPL");
        Close(49_530.01066658844, r.ByInstrument[1].ComponentVaR, 1e-9, "component BTC");
        Close(z99Marginal(550), r.ByInstrument[0].MarginalVaR, 1e-9, "marginal AAPL");
        // Incremental: VaR − z·σ_without; σ without AAPL = 25 000, without BTC = 20 000.
        Close(26_521.64396707055, r.ByInstrument[0].IncrementalVaR, 1e-9, "incremental AAPL");
        Close(38_153.38333707055, r.ByInstrument[1].IncrementalVaR, 1e-9, "incremental BTC");
        Close(Z99 * 20_000, r.ByInstrument[0].StandaloneVaR, 1e-9, "standalone AAPL");
        Close((Z99 * 45_000) - 84_680.34081707055, r.DiversificationBenefit, 1e-9, "diversification");
        // ES of a normal: σ·φ(z)/(1 − c) with φ(z_0.99)/0.01 = 2.665214220599.
        Close(36_400.54944640259 * 2.665214220599028, r.ExpectedShortfall, 1e-9, "ES");
        Assert.Equal(0, r.ScenarioCount);

        static double z99Marginal(double sigmaW) => Z99 * sigmaW / 36_400.54944640259;
    }

    [Theory]
    [InlineData(0.99, 2.326347874, 2.665214220599028)]
    [InlineData(0.975, 1.959963985, 2.337802790093939)]
    [InlineData(0.95, 1.644853627, 2.062712807)]
    public void SingleUnitNormal_VaRIsZAndEsIsPhiOverTail(double c, double z, double es)
    {
        var input = new RiskMeasureInput
        {
            Positions = [new("X", "FOREX", "EUR", 1)],
            Covariance = new RiskMatrix(1, 1, [1]),
        };
        var r = PortfolioRiskAnalyzer.Analyze(input, new RiskMeasureOptions { Confidence = c });
        Close(z, r.ValueAtRisk, 1e-9, "z");
        Close(es, r.ExpectedShortfall, 1e-9, "ES");
    }

    [Fact]
    public void StudentT_UsesTheVarianceScaledQuantile()
    {
        // t_5^{-1}(0.99) = 3.364929997 (tables); scaled by √(3/5) it is 2.606518.
        var input = new RiskMeasureInput { Positions = [new("X", "STOCK", "USD", 1)], Covariance = new RiskMatrix(1, 1, [1]) };
        var r = PortfolioRiskAnalyzer.Analyze(input, new RiskMeasureOptions { Distribution = ReturnDistribution.StudentT, DegreesOfFreedom = 5 });
        Close(3.364929997 * Math.Sqrt(0.6), r.ValueAtRisk, 1e-7, "t VaR");
        Assert.True(r.ExpectedShortfall > r.ValueAtRisk);
    }

    [Fact]
    public void Horizon_ScalesBySquareRootOfTime_AndMeanByTime()
    {
        var base1 = PortfolioRiskAnalyzer.Analyze(TwoAssets());
        var ten = PortfolioRiskAnalyzer.Analyze(TwoAssets(), new RiskMeasureOptions { Horizon = 10 });
        Close(base1.ValueAtRisk * Math.Sqrt(10), ten.ValueAtRisk, 1e-12, "10-day");
        var withMean = PortfolioRiskAnalyzer.Analyze(TwoAssets() with { MeanReturns = [0.001, 0.002] }, new RiskMeasureOptions { Horizon = 10 });
        // Mean P&L over 10 days = 10·(1000 + 1000) = 20 000, subtracted from the loss quantile.
        Close(ten.ValueAtRisk - 20_000, withMean.ValueAtRisk, 1e-12, "mean");
        Close(withMean.ValueAtRisk, withMean.ByInstrument.Sum(i => i.ComponentVaR), 1e-12, "Euler with mean");
    }

    [Property(MaxTest = 100)]
    public Property EulerComponents_SumToTheTotal_ForVaRAndEs() =>
        Prop.ForAll(Gen.Choose(1, 40).ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), (n, seed) =>
        {
            var r = PortfolioRiskAnalyzer.Analyze(RandomBook(n, seed));
            double tolerance = 1e-9 * Math.Max(1, r.ValueAtRisk);
            return Math.Abs(r.ByInstrument.Sum(i => i.ComponentVaR) - r.ValueAtRisk) <= tolerance
                && Math.Abs(r.ByInstrument.Sum(i => i.ComponentExpectedShortfall) - r.ExpectedShortfall) <= tolerance
                && Math.Abs(r.ByAssetClass.Sum(g => g.ComponentVaR) - r.ValueAtRisk) <= tolerance
                && Math.Abs(r.ByCurrency.Sum(g => g.ComponentVaR) - r.ValueAtRisk) <= tolerance;
        });

    [Property(MaxTest = 100)]
    public Property VaR_IsPositivelyHomogeneous() =>
        Prop.ForAll(Gen.Choose(1, 20).ToArbitrary(), Gen.Choose(1, 1000).ToArbitrary(), (n, scaleSeed) =>
        {
            double lambda = scaleSeed / 37.0;
            var book = RandomBook(n, scaleSeed);
            var scaled = book with { Positions = [.. book.Positions.Select(p => p with { Exposure = p.Exposure * lambda })] };
            var a = PortfolioRiskAnalyzer.Analyze(book);
            var b = PortfolioRiskAnalyzer.Analyze(scaled);
            return Math.Abs((lambda * a.ValueAtRisk) - b.ValueAtRisk) <= 1e-9 * Math.Max(1, b.ValueAtRisk);
        });

    [Fact]
    public void GroupRevaluation_MatchesAnalysingTheSubBook()
    {
        var book = RandomBook(12, 3);
        var r = PortfolioRiskAnalyzer.Analyze(book);
        foreach (var group in r.ByAssetClass)
        {
            var alone = book with { Positions = [.. book.Positions.Select(p => p.AssetClass == group.Name ? p : p with { Exposure = 0 })] };
            var without = book with { Positions = [.. book.Positions.Select(p => p.AssetClass == group.Name ? p with { Exposure = 0 } : p)] };
            Close(PortfolioRiskAnalyzer.Analyze(alone).ValueAtRisk, group.StandaloneVaR, 1e-9, $"{group.Name} standalone");
            Close(r.ValueAtRisk - PortfolioRiskAnalyzer.Analyze(without).ValueAtRisk, group.IncrementalVaR, 1e-9, $"{group.Name} incremental");
        }
    }

    [Fact]
    public void GroupRevaluation_ManyGroups_UsesTheGatherPathAndAgrees()
    {
        // One currency per position (20 groups > 16): the quadratic forms come from the gather over earlier members.
        var book = RandomBook(20, 4);
        book = book with { Positions = [.. book.Positions.Select((p, i) => p with { Currency = $"C{i % 18}" })] };
        var r = PortfolioRiskAnalyzer.Analyze(book);
        Assert.Equal(18, r.ByCurrency.Count);
        foreach (var group in r.ByCurrency)
        {
            var alone = book with { Positions = [.. book.Positions.Select(p => p.Currency == group.Name ? p : p with { Exposure = 0 })] };
            var without = book with { Positions = [.. book.Positions.Select(p => p.Currency == group.Name ? p with { Exposure = 0 } : p)] };
            Close(PortfolioRiskAnalyzer.Analyze(alone).ValueAtRisk, group.StandaloneVaR, 1e-9, $"{group.Name} standalone");
            Close(r.ValueAtRisk - PortfolioRiskAnalyzer.Analyze(without).ValueAtRisk, group.IncrementalVaR, 1e-9, $"{group.Name} incremental");
        }
    }

    [Fact]
    public void NonPsdCovariance_IsReportedNotRepaired()
    {
        // Correlation 1.5 between two unit variances: not a covariance; the long/short book has negative variance.
        var input = new RiskMeasureInput
        {
            Positions = [new("A", "STOCK", "USD", 1), new("B", "STOCK", "USD", -1)],
            Covariance = new RiskMatrix(2, 2, [1, 1.5, 1.5, 1]),
        };
        var e = Assert.Throws<RiskMeasureInputException>(() => PortfolioRiskAnalyzer.Analyze(input));
        Assert.Equal("covariance", e.Field);
        Assert.Contains("positive semi-definite", e.Message, StringComparison.Ordinal);
        var mc = Assert.Throws<RiskMeasureInputException>(() => PortfolioRiskAnalyzer.Analyze(input, new RiskMeasureOptions { Method = VaRMethod.MonteCarlo, Paths = 100 }));
        Assert.Contains("smallest eigenvalue", mc.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorrelationRisk_PlusOne_IsUndiversifiedMinusDiversifiedForALongBook()
    {
        var r = PortfolioRiskAnalyzer.Analyze(TwoAssets());
        // ρ = 1: σ = 20 000 + 25 000 = 45 000.
        Close((Z99 * 45_000) - 84_680.34081707055, r.Correlation.Value, 1e-9, "ρ = +1");
        Assert.Equal(1.0, r.Correlation.StressedCorrelation);
        var zero = PortfolioRiskAnalyzer.Analyze(TwoAssets(), new RiskMeasureOptions { StressedCorrelation = 0 });
        // ρ = 0: σ = √(4e8 + 6.25e8) = 32 015.62…
        Close((Z99 * Math.Sqrt(1.025e9)) - 84_680.34081707055, zero.Correlation.Value, 1e-9, "ρ = 0");
        var matrix = PortfolioRiskAnalyzer.Analyze(TwoAssets(), new RiskMeasureOptions { StressedCorrelationMatrix = new RiskMatrix(2, 2, [1, 0, 0, 1]) });
        Close(zero.Correlation.Value, matrix.Correlation.Value, 1e-12, "matrix ρ = 0");
        Assert.Null(matrix.Correlation.StressedCorrelation);
    }

    [Fact]
    public void Concentration_HhiAndTopShares()
    {
        // Gross 1 500 000: shares 2/3 and 1/3 → HHI 5/9, effective number 1.8.
        var r = PortfolioRiskAnalyzer.Analyze(TwoAssets(), new RiskMeasureOptions { TopN = 1 });
        Close(5.0 / 9, r.Concentration.ByInstrument.Hhi, 1e-12, "HHI");
        Close(1.8, r.Concentration.ByInstrument.EffectiveNumber, 1e-12, "1/HHI");
        Assert.Equal("AAPL", Assert.Single(r.Concentration.ByInstrument.Top).Name);
        Close(1, r.Concentration.ByCurrency.Hhi, 1e-12, "one currency");
        var book = TwoAssets() with { Positions = [new("A", "STOCK", "USD", 100), new("B", "STOCK", "EUR", -100), new("C", "FOREX", "EUR", 200)] };
        var c = ConcentrationMeasures.Compute(book.Positions, 5);
        // Gross 400: instrument shares .25, .25, .5 → HHI .375; classes STOCK .5 / FOREX .5 → .5; currencies USD .25 / EUR .75 → .625.
        Close(0.375, c.ByInstrument.Hhi, 1e-12, "instrument");
        Close(0.5, c.ByAssetClass.Hhi, 1e-12, "class");
        Close(0.625, c.ByCurrency.Hhi, 1e-12, "currency");
        Assert.Equal(["C", "A", "B"], c.ByInstrument.Top.Select(s => s.Name));
    }
}
