using MultiAsset.Engine.MarketData.Synthetic;
using MultiAsset.Engine.Risk.Analytics.Measures;
using static MultiAsset.Engine.Tests.Risk.Analytics.Measures.RiskTestData;

namespace MultiAsset.Engine.Tests.Risk.Analytics.Measures;

public class MonteCarloVaRTests
{
    private static readonly RiskMeasureOptions MonteCarlo = new() { Method = VaRMethod.MonteCarlo, Paths = 20_000, Seed = 7 };

    [Fact]
    public void SameSeed_IsBitIdentical_DifferentSeedIsNot()
    {
        var book = RandomBook(8, 5);
        var a = PortfolioRiskAnalyzer.Analyze(book, MonteCarlo);
        var b = PortfolioRiskAnalyzer.Analyze(book, MonteCarlo);
        var c = PortfolioRiskAnalyzer.Analyze(book, MonteCarlo with { Seed = 8 });
        Assert.Equal(BitConverter.DoubleToInt64Bits(a.ValueAtRisk), BitConverter.DoubleToInt64Bits(b.ValueAtRisk));
        Assert.Equal(a.ByInstrument.Select(i => i.ComponentVaR), b.ByInstrument.Select(i => i.ComponentVaR));
        Assert.Equal(a.ExpectedShortfall, b.ExpectedShortfall);
        Assert.NotEqual(a.ValueAtRisk, c.ValueAtRisk);
    }

    [Fact]
    public void SameSeed_IsIdenticalAcrossThreads()
    {
        var book = RandomBook(5, 6);
        double expected = PortfolioRiskAnalyzer.Analyze(book, MonteCarlo with { Paths = 5_000 }).ValueAtRisk;
        var results = new double[4];
        Parallel.For(0, 4, k => results[k] = PortfolioRiskAnalyzer.Analyze(book, MonteCarlo with { Paths = 5_000 }).ValueAtRisk);
        Assert.All(results, v => Assert.Equal(expected, v));
    }

    [Theory]
    [InlineData(ReturnDistribution.Normal)]
    [InlineData(ReturnDistribution.StudentT)]
    public void LargeN_ConvergesToTheParametricVaR(ReturnDistribution distribution)
    {
        // 200 000 paths: the standard error of a 99% quantile is about √(0.99·0.01/N)/φ(z) ≈ 0.8% of σ; allow 3%.
        var book = TwoAssets();
        var options = new RiskMeasureOptions { Distribution = distribution, DegreesOfFreedom = 6 };
        var parametric = PortfolioRiskAnalyzer.Analyze(book, options);
        var mc = PortfolioRiskAnalyzer.Analyze(book, options with { Method = VaRMethod.MonteCarlo, Paths = 200_000, Seed = 2026 });
        Assert.InRange(mc.ValueAtRisk / parametric.ValueAtRisk, 0.97, 1.03);
        Assert.InRange(mc.ExpectedShortfall / parametric.ExpectedShortfall, 0.96, 1.04);
        // The tail-window components land near the Euler components of the parametric model.
        for (int i = 0; i < 2; i++)
        {
            Assert.InRange(mc.ByInstrument[i].ComponentVaR / parametric.ByInstrument[i].ComponentVaR, 0.85, 1.15);
        }
    }

    [Fact]
    public void Components_SumToTheTotal()
    {
        var r = PortfolioRiskAnalyzer.Analyze(RandomBook(10, 9), MonteCarlo with { Quantile = QuantileConvention.Interpolated });
        Close(r.ValueAtRisk, r.ByInstrument.Sum(i => i.ComponentVaR), 1e-9, "VaR");
        Close(r.ExpectedShortfall, r.ByInstrument.Sum(i => i.ComponentExpectedShortfall), 1e-9, "ES");
        Assert.Equal(20_000, r.ScenarioCount);
    }

    [Fact]
    public void SemiDefiniteCovariance_IsAccepted()
    {
        // Two perfectly correlated assets (rank 1): Cholesky fails, the eigen factor is used.
        var input = new RiskMeasureInput
        {
            Positions = [new("A", "STOCK", "USD", 1_000), new("B", "STOCK", "USD", 1_000)],
            Covariance = new RiskMatrix(2, 2, [0.0001, 0.0001, 0.0001, 0.0001]),
        };
        var parametric = PortfolioRiskAnalyzer.Analyze(input);
        var mc = PortfolioRiskAnalyzer.Analyze(input, MonteCarlo with { Paths = 100_000 });
        Assert.InRange(mc.ValueAtRisk / parametric.ValueAtRisk, 0.96, 1.04);
    }

    [Fact]
    public void TooManySimulatedValues_IsRejected()
    {
        var e = Assert.Throws<RiskMeasureInputException>(() => PortfolioRiskAnalyzer.Analyze(RandomBook(100, 1), MonteCarlo with { Paths = 1_000_000 }));
        Assert.Equal("paths", e.Field);
    }

    [Fact]
    public void Generator_NormalsHaveUnitVariance()
    {
        var rng = new Xoshiro256StarStar(1);
        double sum = 0, sumSq = 0;
        const int N = 200_000;
        for (int i = 0; i < N; i++)
        {
            double z = rng.NextNormal();
            sum += z;
            sumSq += z * z;
        }

        Assert.InRange(sum / N, -0.01, 0.01);
        Assert.InRange(sumSq / N, 0.98, 1.02);
        double chi = 0;
        for (int i = 0; i < N; i++)
        {
            chi += rng.NextChiSquared(5);
        }

        Assert.InRange(chi / N, 4.95, 5.05);
    }
}
