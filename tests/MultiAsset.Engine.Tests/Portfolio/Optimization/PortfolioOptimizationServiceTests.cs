using System.Text.Json;
using MultiAsset.Engine.Portfolio.Optimization;
using MultiAsset.Engine.Portfolio.Optimization.Contract;

namespace MultiAsset.Engine.Tests.Portfolio.Optimization;

public class PortfolioOptimizationServiceTests
{
    // The request example of issue 8 (with concrete numbers filled in for the "..." parts).
    private const string IssueExample = """
        {
          "optimizationMethod": "MeanVariance",
          "objective": "MaxSharpe",
          "assets": ["SPY", "QQQ", "BTC", "EURUSD"],
          "expectedReturns": [0.07, 0.09, 0.25, 0.01],
          "covariance": [[0.0324, 0.0350, 0.0200, 0.0010],
                         [0.0350, 0.0484, 0.0300, 0.0012],
                         [0.0200, 0.0300, 0.4900, 0.0020],
                         [0.0010, 0.0012, 0.0020, 0.0064]],
          "riskFreeRate": 0.02,
          "targetReturn": 0.08,
          "targetRisk": 0.1,
          "riskAversion": 2.5,
          "tau": 0.05,
          "assetInfo": {
            "SPY": {"assetClass": "STOCK", "sector": "Broad", "country": "US"},
            "QQQ": {"assetClass": "STOCK", "sector": "Tech", "country": "US"},
            "BTC": {"assetClass": "CRYPTO", "sector": "Digital", "country": "GLOBAL"},
            "EURUSD": {"assetClass": "FOREX", "sector": "Currency", "country": "EU"}
          },
          "constraints": {
            "longOnly": true,
            "maxAssetWeight": 0.35,
            "maxSectorWeight": 0.5,
            "maxCountryWeight": 0.6,
            "minDiversification": 3,
            "assetClassBounds": {"CRYPTO": {"min": 0, "max": 0.2}},
            "maxTurnover": 0.6,
            "currentWeights": [0.3, 0.3, 0.1, 0.3]
          }
        }
        """;

    private static readonly PortfolioOptimizationService Service = new();
    private static readonly JsonSerializerOptions WebOptions = new(JsonSerializerDefaults.Web);

    [Fact]
    public void OptimizeJson_IssueExample_RoundTripsAndHonoursEveryConstraint()
    {
        var request = PortfolioOptimizationService.ParseRequest(IssueExample);
        Assert.Equal("MeanVariance", request.OptimizationMethod);
        Assert.Equal(4, request.Assets!.Count);
        Assert.Equal(0.2, request.Constraints!.AssetClassBounds!["CRYPTO"].Max);

        // request → JSON → request is lossless
        var again = PortfolioOptimizationService.ParseRequest(PortfolioOptimizationService.Serialize(request));
        Assert.Equal(PortfolioOptimizationService.Serialize(request), PortfolioOptimizationService.Serialize(again));

        string json = Service.OptimizeJson(IssueExample);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var weights = root.GetProperty("weights");
        Assert.Equal(["SPY", "QQQ", "BTC", "EURUSD"], weights.EnumerateObject().Select(p => p.Name).ToArray());
        var w = weights.EnumerateObject().Select(p => p.Value.GetDouble()).ToArray();
        Assert.Equal(1.0, w.Sum(), 8);
        Assert.All(w, x => Assert.True(x >= -1e-9 && x <= 0.35 + 1e-9));
        Assert.True(w[2] <= 0.2 + 1e-9);                       // CRYPTO max
        Assert.True(w[0] + w[1] <= 0.6 + 1e-9);                 // country US
        Assert.True(1 / w.Sum(x => x * x) >= 3 - 1e-9);         // minDiversification
        double[] w0 = [0.3, 0.3, 0.1, 0.3];
        Assert.True(w.Select((x, i) => Math.Abs(x - w0[i])).Sum() <= 0.6 + 1e-7);

        double expected = (0.07 * w[0]) + (0.09 * w[1]) + (0.25 * w[2]) + (0.01 * w[3]);
        Assert.Equal(expected, root.GetProperty("expectedReturn").GetDouble(), 10);
        double vol = root.GetProperty("volatility").GetDouble();
        Assert.Equal((expected - 0.02) / vol, root.GetProperty("sharpe").GetDouble(), 10);
        Assert.Equal(1.0, root.GetProperty("riskContributions").EnumerateObject().Sum(p => p.Value.GetDouble()), 10);
        Assert.True(root.GetProperty("converged").GetBoolean());
        Assert.True(root.GetProperty("iterations").GetInt32() > 0);
        Assert.False(root.TryGetProperty("posteriorReturns", out _));

        // response → object → JSON is lossless too
        var response = JsonSerializer.Deserialize<OptimizeResponse>(json, WebOptions);
        Assert.NotNull(response);
        Assert.Equal(w[1], response!.Weights["QQQ"], 15);
    }

    [Fact]
    public void OptimizeJson_BlackLittermanHeLitterman_ReturnsPublishedEquilibriumAndPosterior()
    {
        var cov = HeLitterman1999.CovarianceRowMajor();
        var request = new OptimizeRequest
        {
            OptimizationMethod = "BlackLitterman",
            Assets = HeLitterman1999.Assets,
            Covariance = Enumerable.Range(0, 7).Select(i => (IReadOnlyList<double>)cov.Skip(i * 7).Take(7).ToArray()).ToArray(),
            MarketWeights = HeLitterman1999.MarketWeights,
            RiskAversion = 2.5,
            Tau = 0.05,
            Views = [new OptimizeView { Weights = HeLitterman1999.GermanyViewWeights(), ExpectedReturn = 0.05 }],
            Constraints = new OptimizeConstraints { LongOnly = false },
        };
        string json = Service.OptimizeJson(PortfolioOptimizationService.Serialize(request));
        using var doc = JsonDocument.Parse(json);
        var eq = doc.RootElement.GetProperty("equilibriumReturns");
        var post = doc.RootElement.GetProperty("posteriorReturns");
        for (int i = 0; i < 7; i++)
        {
            string a = HeLitterman1999.Assets[i];
            Assert.Equal(HeLitterman1999.PublishedEquilibriumPct[i], Math.Round(eq.GetProperty(a).GetDouble() * 100, 1), 10);
            Assert.Equal(HeLitterman1999.PublishedPosteriorPct[i], Math.Round(post.GetProperty(a).GetDouble() * 100, 1), 10);
        }

        // MaxUtility under the budget: Germany is overweighted and France/UK underweighted relative to the market
        var w = doc.RootElement.GetProperty("weights");
        Assert.True(w.GetProperty("GER").GetDouble() > 0.3);
        Assert.True(w.GetProperty("FRA").GetDouble() < 0);
        Assert.True(w.GetProperty("UK").GetDouble() < 0);
        Assert.Equal(1.0, w.EnumerateObject().Sum(p => p.Value.GetDouble()), 8);
    }

    [Fact]
    public void Optimize_CovarianceRowTooShort_ErrorNamesFieldAndShape()
    {
        var ex = Assert.Throws<OptimizationInputException>(() => Service.OptimizeJson("""
            {"optimizationMethod":"MeanVariance","assets":["A","B","C"],"covariance":[[1,0,0],[0,1],[0,0,1]]}
            """));
        Assert.Equal("covariance", ex.Field);
        Assert.Equal("covariance must be 3x3 (assets has 3 entries) but row 1 has 2 values", ex.Message);
    }

    [Fact]
    public void Optimize_NonSymmetricCovariance_ErrorNamesTheEntries()
    {
        var ex = Assert.Throws<OptimizationInputException>(() => Service.OptimizeJson("""
            {"optimizationMethod":"MeanVariance","assets":["A","B"],"covariance":[[0.04,0.01],[0.02,0.09]]}
            """));
        Assert.Equal("covariance is not symmetric: covariance[0][1] = 0.01 but covariance[1][0] = 0.02", ex.Message);
    }

    [Fact]
    public void Optimize_NonPsdCovariance_ErrorGivesSmallestEigenvalue()
    {
        var ex = Assert.Throws<OptimizationInputException>(() => Service.OptimizeJson("""
            {"optimizationMethod":"MeanVariance","assets":["A","B"],"covariance":[[0.01,0.05],[0.05,0.01]]}
            """));
        Assert.Equal("covariance is not positive semidefinite: smallest eigenvalue -0.04", ex.Message);
    }

    [Fact]
    public void Optimize_MissingMethod_ErrorListsMethods()
    {
        var ex = Assert.Throws<OptimizationInputException>(() => Service.OptimizeJson("""{"assets":["A"],"covariance":[[0.01]]}"""));
        Assert.Equal("optimizationMethod", ex.Field);
        Assert.Contains("MeanVariance, BlackLitterman, RiskParity, Momentum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_UnknownJsonField_ErrorNamesIt()
    {
        var ex = Assert.Throws<OptimizationInputException>(() => Service.OptimizeJson("""
            {"optimizationMethod":"MeanVariance","assets":["A"],"covariance":[[0.01]],"constraints":{"maxAssetWeigth":0.3}}
            """));
        Assert.Contains("maxAssetWeigth", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_WrongTypeInJson_ErrorNamesPath()
    {
        var ex = Assert.Throws<OptimizationInputException>(() => Service.OptimizeJson("""
            {"optimizationMethod":"MeanVariance","assets":["A"],"covariance":[["x"]]}
            """));
        Assert.StartsWith("covariance", ex.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_MissingAssetInfoWithoutLookup_ErrorNamesAsset()
    {
        var ex = Assert.Throws<OptimizationInputException>(() => Service.OptimizeJson("""
            {"optimizationMethod":"MeanVariance","assets":["A","B"],"covariance":[[0.04,0],[0,0.09]],
             "assetInfo":{"A":{"assetClass":"STOCK"}},"constraints":{"assetClassBounds":{"STOCK":{"max":0.8}}}}
            """));
        Assert.Equal("assetInfo.B", ex.Field);
        Assert.Contains("'B' has no assetClass", ex.Message, StringComparison.Ordinal);
    }

    private sealed class Catalogue : IAssetInfoLookup
    {
        public bool TryGet(string symbol, out AssetInfo? info)
        {
            info = symbol == "B" ? new AssetInfo("CRYPTO", "Digital", "GLOBAL") : null;
            return info is not null;
        }
    }

    [Fact]
    public void Optimize_MissingAssetInfoWithLookup_UsesCatalogue()
    {
        var service = new PortfolioOptimizationService(new Catalogue());
        var r = service.Optimize(PortfolioOptimizationService.ParseRequest("""
            {"optimizationMethod":"MeanVariance","assets":["A","B"],"covariance":[[0.04,0],[0,0.01]],
             "assetInfo":{"A":{"assetClass":"STOCK"}},"constraints":{"assetClassBounds":{"CRYPTO":{"max":0.3}}}}
            """));
        Assert.Equal(0.3, r.Weights["B"], 9); // min variance would put 80% in B; the CRYPTO cap binds
    }

    [Fact]
    public void Optimize_RiskParityViaJson_EqualContributions()
    {
        var r = Service.Optimize(PortfolioOptimizationService.ParseRequest("""
            {"optimizationMethod":"RiskParity","assets":["A","B","C"],"covariance":[[0.04,0.006,0.002],[0.006,0.09,0.009],[0.002,0.009,0.0225]]}
            """));
        Assert.All(r.RiskContributions.Values, v => Assert.Equal(1.0 / 3, v, 9));
        Assert.True(r.Converged);
    }

    [Fact]
    public void Optimize_RiskParityWithBindingCap_ThrowsNamingTheCap()
    {
        var ex = Assert.Throws<OptimizationInfeasibleException>(() => Service.OptimizeJson("""
            {"optimizationMethod":"RiskParity","assets":["A","B","C"],"covariance":[[0.04,0,0],[0,0.09,0],[0,0,0.0025]],"constraints":{"maxAssetWeight":0.4}}
            """));
        Assert.Contains("maxAssetWeight[C]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_MomentumViaJson_HoldsTopKInverseVolWeighted()
    {
        var r = Service.Optimize(PortfolioOptimizationService.ParseRequest("""
            {"optimizationMethod":"Momentum","assets":["A","B","C","D"],"momentumScores":[0.10,-0.05,0.30,0.02],"topK":2,
             "covariance":[[0.04,0,0,0],[0,0.09,0,0],[0,0,0.16,0],[0,0,0,0.01]]}
            """));
        // top-2 = C (0.30) and A (0.10); weights ∝ 1/σ: A 1/0.2 = 5, C 1/0.4 = 2.5
        Assert.Equal(5 / 7.5, r.Weights["A"], 8);
        Assert.Equal(2.5 / 7.5, r.Weights["C"], 8);
        Assert.Equal(0.0, r.Weights["B"], 9);
        Assert.Equal(0.0, r.Weights["D"], 9);
    }
}
