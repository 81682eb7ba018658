using System.Globalization;
using System.Text.Json;
using MultiAsset.Engine.Portfolio.Optimization;
using MultiAsset.Engine.Portfolio.Optimization.Contract;

namespace MultiAsset.Engine.Tests.Portfolio.Optimization;

/// <summary>
/// The optimiser contract, exact and strict: Black–Litterman's full output against He &amp; Litterman (1999), the budget
/// flag, echoed defaults, risk contributions in both forms, and 400s for unit mistakes.
/// </summary>
public class QuantApiContractTests
{
    private static readonly PortfolioOptimizationService Service = new();

    private static string Covariance()
    {
        var c = HeLitterman1999.CovarianceRowMajor();
        return "[" + string.Join(",", Enumerable.Range(0, 7).Select(i => "[" + string.Join(",", Enumerable.Range(0, 7).Select(j => c[(i * 7) + j].ToString("R", CultureInfo.InvariantCulture))) + "]")) + "]";
    }

    private static string Germany => """{ "weights": { "GER": 1, "FRA": -0.29545454545454547, "UK": -0.7045454545454546 }, "expectedReturn": 0.05 }""";

    private static string Canada => """{ "weights": { "CAN": 1, "USA": -1 }, "expectedReturn": 0.03 }""";

    private static string BlRequest(string views, string constraints = """{ "longOnly": false, "budget": false }""", string extra = "") => $$"""
        { "optimizationMethod": "BlackLitterman", "assets": ["AUS","CAN","FRA","GER","JAP","UK","USA"],
          "covariance": {{Covariance()}}, "marketWeights": [0.016, 0.022, 0.052, 0.055, 0.116, 0.124, 0.615],
          "riskAversion": 2.5, "tau": 0.05, "views": [{{views}}], "constraints": {{constraints}} {{extra}} }
        """;

    private static double[] Values(IReadOnlyDictionary<string, double> map) => [.. HeLitterman1999.Assets.Select(a => map[a])];

    [Fact]
    public void BlackLitterman_GermanyView_ReturnsOmegaLambdaPosteriorCovarianceAndBothUnconstrainedConventions()
    {
        var r = Service.Optimize(PortfolioOptimizationService.ParseRequest(BlRequest(Germany)));
        var bl = r.BlackLitterman!;
        var w = Values(bl.UnconstrainedWeights);
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(HeLitterman1999.PublishedWeightsPct[i], Math.Round(w[i] * 100, 1), 10);
            Assert.Equal(HeLitterman1999.PublishedPosteriorPct[i], Math.Round(Values(bl.PosteriorReturns)[i] * 100, 1), 10);
            Assert.Equal(HeLitterman1999.PublishedEquilibriumPct[i], Math.Round(Values(bl.EquilibriumReturns)[i] * 100, 1), 10);
        }

        // Ω = τ·pΣpᵀ (He–Litterman).
        var sigma = HeLitterman1999.CovarianceRowMajor();
        var p = new double[] { 0, 0, -0.29545454545454547, 1, 0, -0.7045454545454546, 0 };
        double pSp = 0;
        for (int i = 0; i < 7; i++)
        {
            for (int j = 0; j < 7; j++)
            {
                pSp += p[i] * sigma[(i * 7) + j] * p[j];
            }
        }

        Assert.Equal(0.05 * pSp, bl.Omega[0][0], 15);
        // Λ from the printed w*_GER = 35.4 %: (1 + τ)·0.354 − 0.055 = 0.3167 (±1.05·0.0005 from the printed rounding).
        Assert.InRange(bl.Lambda[0], (1.05 * 0.3535) - 0.055, (1.05 * 0.3545) - 0.055);

        // w* = (w_mkt + PᵀΛ)/(1 + τ) — the closed-form Λ reproduces w* to machine precision.
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal((HeLitterman1999.MarketWeights[i] + (p[i] * bl.Lambda[0])) / 1.05, w[i], 14);
        }

        // (δ(Σ+M))·w* = μ_BL and (δΣ)·w_prior = μ_BL.
        var mu = Values(bl.PosteriorReturns);
        var wPrior = Values(bl.UnconstrainedWeightsPriorCovariance);
        for (int i = 0; i < 7; i++)
        {
            double a = 0, b = 0;
            for (int j = 0; j < 7; j++)
            {
                a += 2.5 * bl.PosteriorCovariance[i][j] * w[j];
                b += 2.5 * sigma[(i * 7) + j] * wPrior[j];
            }

            Assert.Equal(mu[i], a, 14);
            Assert.Equal(mu[i], b, 14);
        }

        // One view, so Σ + M = (1 + τ)Σ − (τΣp)(τΣp)ᵀ/(τpΣpᵀ + ω), by hand.
        var tsp = new double[7];
        for (int i = 0; i < 7; i++)
        {
            for (int j = 0; j < 7; j++)
            {
                tsp[i] += 0.05 * sigma[(i * 7) + j] * p[j];
            }
        }

        double denominator = (0.05 * pSp) + bl.Omega[0][0];
        for (int i = 0; i < 7; i++)
        {
            for (int j = 0; j < 7; j++)
            {
                Assert.Equal((1.05 * sigma[(i * 7) + j]) - (tsp[i] * tsp[j] / denominator), bl.PosteriorCovariance[i][j], 15);
            }
        }
    }

    [Fact]
    public void BlackLitterman_GermanyAndCanadaViews_MatchHeLittermanTable()
    {
        // He & Litterman (1999), second view "Canada outperforms the US by 3 %": posterior returns, w* and Λ as printed.
        var r = Service.Optimize(PortfolioOptimizationService.ParseRequest(BlRequest(Germany + "," + Canada)));
        var bl = r.BlackLitterman!;
        double[] posteriorPct = [4.4, 8.7, 9.5, 11.2, 4.6, 7.0, 7.5];
        double[] weightsPct = [1.5, 41.9, -3.4, 33.6, 11.0, -8.2, 18.8];
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(posteriorPct[i], Math.Round(Values(bl.PosteriorReturns)[i] * 100, 1), 10);
            Assert.Equal(weightsPct[i], Math.Round(Values(bl.UnconstrainedWeights)[i] * 100, 1), 10);
        }

        // Λ from the printed w*: GER (1 + τ)·0.336 − 0.055 = 0.2978, CAN (1 + τ)·0.419 − 0.022 = 0.4180 (±0.000525).
        Assert.InRange(bl.Lambda[0], (1.05 * 0.3355) - 0.055, (1.05 * 0.3365) - 0.055);
        Assert.InRange(bl.Lambda[1], (1.05 * 0.4185) - 0.022, (1.05 * 0.4195) - 0.022);
        for (int i = 0; i < 7; i++)
        {
            double fromLambda = HeLitterman1999.MarketWeights[i];
            fromLambda += i == 3 ? bl.Lambda[0] : 0;
            fromLambda += i == 2 ? -0.29545454545454547 * bl.Lambda[0] : 0;
            fromLambda += i == 5 ? -0.7045454545454546 * bl.Lambda[0] : 0;
            fromLambda += i == 1 ? bl.Lambda[1] : i == 6 ? -bl.Lambda[1] : 0;
            Assert.Equal(fromLambda / 1.05, Values(bl.UnconstrainedWeights)[i], 14);
        }
        Assert.Equal([0, 1], bl.ViewIndices);
    }

    [Fact]
    public void BlackLitterman_NoBudgetNoLongOnly_WeightsAreHeLittermanWStar()
    {
        var r = Service.Optimize(PortfolioOptimizationService.ParseRequest(BlRequest(Germany)));
        var w = Values(r.Weights);
        var wStar = Values(r.BlackLitterman!.UnconstrainedWeights);
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(wStar[i], w[i], 8);
        }

        Assert.False(r.Settings.Budget);
        Assert.False(r.Settings.LongOnly);
        Assert.Equal("MaxUtility", r.Settings.Objective);
        Assert.Equal(0.05, r.Settings.Tau);
        Assert.Equal(2.5, r.Settings.RiskAversion);
    }

    [Fact]
    public void BlackLitterman_Defaults_AreBudgetAndLongOnlyAndEchoed()
    {
        var r = Service.Optimize(PortfolioOptimizationService.ParseRequest(BlRequest(Germany, "{}")));
        Assert.True(r.Settings.Budget);
        Assert.True(r.Settings.LongOnly);
        Assert.Equal(1.0, r.Weights.Values.Sum(), 9);
        Assert.All(r.Weights.Values, v => Assert.True(v >= -1e-9));
    }

    [Fact]
    public void RiskContributions_AbsoluteSumToVolatility_SharesSumToOne()
    {
        var r = Service.Optimize(PortfolioOptimizationService.ParseRequest(BlRequest(Germany, "{}")));
        Assert.Equal(r.Volatility, r.RiskContributionsAbsolute.Values.Sum(), 14);
        Assert.Equal(1.0, r.RiskContributionShares.Values.Sum(), 14);
        foreach (var (asset, share) in r.RiskContributionShares)
        {
            Assert.Equal(share * r.Volatility, r.RiskContributionsAbsolute[asset], 15);
            Assert.Equal(share, r.RiskContributions[asset]);
        }
    }

    [Fact]
    public void MarketWeights_NotSummingToOne_Are400UnlessNormalised()
    {
        string half = BlRequest(Germany, "{}").Replace("[0.016, 0.022, 0.052, 0.055, 0.116, 0.124, 0.615]", "[0.008, 0.011, 0.026, 0.0275, 0.058, 0.062, 0.3075]", StringComparison.Ordinal);
        var e = Assert.Throws<OptimizationInputException>(() => Service.Optimize(PortfolioOptimizationService.ParseRequest(half)));
        Assert.Equal("marketWeights", e.Field);
        Assert.Contains("normaliseMarketWeights", e.Message, StringComparison.Ordinal);

        string normalised = half.TrimEnd().TrimEnd('}') + """, "normaliseMarketWeights": true }""";
        var r = Service.Optimize(PortfolioOptimizationService.ParseRequest(normalised));
        Assert.True(r.Settings.MarketWeightsNormalised);
        Assert.Equal(0.615, r.BlackLitterman!.MarketWeights["USA"], 15);
        Assert.Equal(3.9, Math.Round(r.BlackLitterman.EquilibriumReturns["AUS"] * 100, 1), 10);
    }

    private const string Mv = """
        { "optimizationMethod": "MeanVariance", "objective": "MaxSharpe", "assets": ["A","B"], "expectedReturns": [0.05, 0.08],
          "covariance": [[0.04, 0.01],[0.01, 0.09]], "riskFreeRate": 0.01, "assetInfo": { "A": {"assetClass": "STOCK"}, "B": {"assetClass": "CRYPTO"} },
          "constraints": { "maxAssetWeight": 0.9, "assetClassBounds": { "CRYPTO": { "max": 0.5 } } } }
        """;

    [Theory]
    [InlineData("\"CRYPTO\": { \"max\": 0.5 }", "\"CRYPT\": { \"max\": 0.5 }", "constraints.assetClassBounds.CRYPT", "STOCK, FOREX, CRYPTO")]
    [InlineData("\"maxAssetWeight\": 0.9", "\"maxAssetWeight\": 90", "constraints.maxAssetWeight", "looks like a percent")]
    [InlineData("\"max\": 0.5", "\"max\": 50", "constraints.assetClassBounds.CRYPTO.max", "looks like a percent")]
    [InlineData("\"riskFreeRate\": 0.01", "\"riskFreeRate\": 1", "riskFreeRate", "looks like a percent")]
    [InlineData("[0.05, 0.08]", "[5, 8]", "expectedReturns[0]", "looks like a percent")]
    [InlineData("[[0.04, 0.01],[0.01, 0.09]]", "[[400, 1],[1, 900]]", "covariance[0][0]", "looks like a percent")]
    [InlineData("\"riskFreeRate\": 0.01", "\"riskFreeRate\": \"0.01\"", "riskFreeRate", "")]
    [InlineData("\"maxAssetWeight\": 0.9", "\"maxAssetWeight\": \"0.9\"", "constraints.maxAssetWeight", "")]
    [InlineData("\"maxAssetWeight\": 0.9", "\"maxAssetWeight\": 0.9, \"maxAssetWieght\": 0.5", "constraints.maxAssetWieght", "could not be mapped")]
    [InlineData("{\"assetClass\": \"STOCK\"}", "{\"assetClass\": \"STOCK\", \"region\": \"EU\"}", "assetInfo.A.region", "could not be mapped")]
    [InlineData("\"CRYPTO\": { \"max\": 0.5 }", "\"CRYPTO\": { \"max\": 0.5, \"cap\": 1 }", "constraints.assetClassBounds.CRYPTO.cap", "could not be mapped")]
    [InlineData("{\"assetClass\": \"CRYPTO\"}", "{\"assetClass\": \"CRYPT\"}", "assetInfo.B.assetClass", "STOCK, FOREX, CRYPTO")]
    [InlineData("\"riskFreeRate\": 0.01", "\"riskFreeRate\": 0.01, \"constraints2\": {}", "constraints2", "could not be mapped")]
    [InlineData("\"maxAssetWeight\": 0.9", "\"maxAssetWeight\": 0.9, \"budget\": false", "constraints.budget", "MaxUtility")]
    public void Optimize_UnitAndKeyMistakes_Are400NamingTheField(string from, string to, string field, string message)
    {
        Assert.Contains(from, Mv, StringComparison.Ordinal);
        string json = Mv.Replace(from, to, StringComparison.Ordinal);
        var e = Assert.Throws<OptimizationInputException>(() => Service.OptimizeJson(json));
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_ViewWithPercentReturn_Is400()
    {
        var e = Assert.Throws<OptimizationInputException>(() => Service.OptimizeJson(BlRequest(Germany.Replace("0.05", "5", StringComparison.Ordinal))));
        Assert.Equal("views[0].expectedReturn", e.Field);
    }

    [Fact]
    public void Optimize_MeanVarianceResponse_EchoesDefaults()
    {
        using var doc = JsonDocument.Parse(Service.OptimizeJson(Mv));
        var settings = doc.RootElement.GetProperty("settings");
        Assert.Equal("MeanVariance", settings.GetProperty("optimizationMethod").GetString());
        Assert.Equal("MaxSharpe", settings.GetProperty("objective").GetString());
        Assert.True(settings.GetProperty("longOnly").GetBoolean());
        Assert.True(settings.GetProperty("budget").GetBoolean());
        Assert.Equal(0.01, settings.GetProperty("riskFreeRate").GetDouble());
    }
}
