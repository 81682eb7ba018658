using MultiAsset.Engine.Portfolio.Optimization;

namespace MultiAsset.Engine.Tests.Portfolio.Optimization;

public class BlackLittermanModelTests
{
    private static BlackLittermanResult GermanyView(double? confidence = null) =>
        BlackLittermanModel.Compute(
            HeLitterman1999.Assets,
            HeLitterman1999.CovarianceRowMajor(),
            HeLitterman1999.MarketWeights,
            HeLitterman1999.Delta,
            HeLitterman1999.Tau,
            [new BlackLittermanView(HeLitterman1999.GermanyViewWeights(), 0.05, confidence)]);

    [Fact]
    public void Compute_HeLitterman1999_EquilibriumReturnsMatchPublishedTable()
    {
        var r = GermanyView();
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(HeLitterman1999.PublishedEquilibriumPct[i], Math.Round(r.EquilibriumReturns[i] * 100, 1), 10);
        }
    }

    [Fact]
    public void Compute_HeLitterman1999_GermanyView_PosteriorReturnsMatchPublishedTable()
    {
        var r = GermanyView();
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(HeLitterman1999.PublishedPosteriorPct[i], Math.Round(r.PosteriorReturns[i] * 100, 1), 10);
        }
    }

    [Fact]
    public void Compute_HeLitterman1999_GermanyView_UnconstrainedWeightsMatchPublishedTable()
    {
        var r = GermanyView();
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(HeLitterman1999.PublishedWeightsPct[i], Math.Round(r.UnconstrainedWeights[i] * 100, 1), 10);
            double deviation = r.UnconstrainedWeights[i] - (HeLitterman1999.MarketWeights[i] / (1 + HeLitterman1999.Tau));
            Assert.Equal(HeLitterman1999.PublishedDeviationPct[i], Math.Round(deviation * 100, 1), 10);
        }

        // He–Litterman: w* = (w_eq + Pᵀλ)/(1+τ) — assets outside the view keep w_eq/(1+τ).
        Assert.Equal(0.016 / 1.05, r.UnconstrainedWeights[0], 10);
        Assert.Equal(0.116 / 1.05, r.UnconstrainedWeights[4], 10);
        Assert.Equal(0.615 / 1.05, r.UnconstrainedWeights[6], 10);
    }

    [Fact]
    public void Compute_WithoutViews_PosteriorEqualsEquilibrium()
    {
        var r = BlackLittermanModel.Compute(HeLitterman1999.Assets, HeLitterman1999.CovarianceRowMajor(), HeLitterman1999.MarketWeights, 2.5, 0.05, []);
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(r.EquilibriumReturns[i], r.PosteriorReturns[i], 14);
            // w* = w_mkt / (1 + τ)
            Assert.Equal(HeLitterman1999.MarketWeights[i] / 1.05, r.UnconstrainedWeights[i], 10);
        }
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Compute_IdzorekConfidence_TiltIsThatFractionOfTheFullConfidenceTilt(double confidence)
    {
        // Independent check of Idzorek's calibration: with weights (δΣ)⁻¹μ, the move away from w_mkt produced by
        // the view at confidence c is c × the move produced by the same view at 100% confidence.
        var cov = HeLitterman1999.CovarianceRowMajor();
        var full = GermanyView(1.0);
        var partial = GermanyView(confidence);
        var sigma = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(7, 7, (i, j) => cov[(i * 7) + j]);
        var wFull = (2.5 * sigma).Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfEnumerable(full.PosteriorReturns));
        var wPart = (2.5 * sigma).Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfEnumerable(partial.PosteriorReturns));
        for (int i = 0; i < 7; i++)
        {
            double tiltFull = wFull[i] - HeLitterman1999.MarketWeights[i];
            double tiltPart = wPart[i] - HeLitterman1999.MarketWeights[i];
            Assert.Equal(confidence * tiltFull, tiltPart, 10);
        }

        // and a 100%-confident view is met exactly by the posterior
        double viewReturn = 0;
        foreach (var (asset, w) in HeLitterman1999.GermanyViewWeights())
        {
            viewReturn += w * full.PosteriorReturns[Array.IndexOf(HeLitterman1999.Assets, asset)];
        }

        Assert.Equal(0.05, viewReturn, 12);
    }

    [Fact]
    public void Compute_ConfidenceHalf_EqualsHeLittermanOmega()
    {
        var a = GermanyView();
        var b = GermanyView(0.5);
        Assert.Equal(a.OmegaDiagonal[0], b.OmegaDiagonal[0], 15);
    }

    [Fact]
    public void Compute_ViewNamingUnknownAsset_ThrowsNamingField()
    {
        var ex = Assert.Throws<OptimizationInputException>(() => BlackLittermanModel.Compute(
            HeLitterman1999.Assets, HeLitterman1999.CovarianceRowMajor(), HeLitterman1999.MarketWeights, 2.5, 0.05,
            [new BlackLittermanView(new Dictionary<string, double> { ["GER"] = 1 }, 0.05, null), new BlackLittermanView(new Dictionary<string, double> { ["ITA"] = 1 }, 0.05, null)]));
        Assert.Equal("views[1].weights", ex.Field);
        Assert.Contains("'ITA'", ex.Message, StringComparison.Ordinal);
    }
}
