using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Portfolio.Optimization;
using MultiAsset.Engine.Portfolio.Optimization.Contract;
using MultiAsset.Engine.Portfolio.Optimization.Live;

namespace MultiAsset.Engine.Tests.Portfolio.Optimization.Live;

/// <summary>The live estimates an optimiser runs on: EWMA covariance of a tiny series and momentum expected returns, by hand.</summary>
public class LiveEstimatorTests
{
    private const long Day = 86_400_000_000_000;
    private const long Start = 20_000 * Day;

    // Two instruments, ids 0 (A) and 1 (B); λ = 0.5 on a 1-day bar clock; expected returns from 20 daily bars.
    private static readonly LiveEstimateOptions Options = new(86_400, 0.5, [60, 86_400], 20, 86_400);

    /// <summary>
    /// Prices A: 100, 110, 99, 99 and B: 50, 50, 55, 60.5 at four day boundaries. Log returns r1 = (ln 1.1, 0),
    /// r2 = (ln 0.9, ln 1.1), r3 = (0, ln 1.1). Σ ← ½Σ + ½ r rᵀ from 0:
    /// Σ1 = ½ r1r1ᵀ; Σ2 = ¼ r1r1ᵀ + ½ r2r2ᵀ; Σ3 = ⅛ r1r1ᵀ + ¼ r2r2ᵀ + ½ r3r3ᵀ.
    /// Σ3_AA = ⅛ ln²1.1 + ¼ ln²0.9 = 0.0039107134; Σ3_AB = ¼ ln0.9 ln1.1 = −0.0025104824; Σ3_BB = ¼ ln²1.1 + ½ ln²1.1 = 0.0068130228.
    /// </summary>
    internal static EwmaCovarianceMatrix TinySeries(int steps = 3)
    {
        var matrix = new EwmaCovarianceMatrix([0, 1], 2, 0.5, Day);
        (double A, double B)[] prices = [(100, 50), (110, 50), (99, 55), (99, 60.5)];
        var states = new InstrumentState[2];
        for (var t = 0; t <= steps; t++)
        {
            states[0].Last = (long)(prices[t].A * 1e8);
            states[1].Last = (long)(prices[t].B * 1e8);
            matrix.OnTime(Start + (t * Day), states);
        }

        return matrix;
    }

    [Fact]
    public void EwmaCovariance_OfATinySeries_MatchesTheHandComputedValues()
    {
        var matrix = TinySeries();
        Assert.Equal(3, matrix.Updates);
        Assert.Equal(0.0039107134, matrix.Covariance(0, 0), 9);
        Assert.Equal(-0.0025104824, matrix.Covariance(0, 1), 9);
        Assert.Equal(-0.0025104824, matrix.Covariance(1, 0), 9);
        Assert.Equal(0.0068130228, matrix.Covariance(1, 1), 9);
    }

    [Fact]
    public void Estimates_AnnualiseTheCovarianceAndTheMomentum()
    {
        var source = new TinySource(TinySeries(), momentumA: 0.10, momentumB: -0.05);
        var estimates = LiveEstimator.Estimate(source, [(0, "A"), (1, "B")], Options, asOf: Start + (3 * Day));

        // × 365.25 steps a year (1-day clock).
        Assert.Equal(1.4283880554, estimates.Covariance[0][0], 8);
        Assert.Equal(-0.9169537050, estimates.Covariance[0][1], 8);
        Assert.Equal(2.4884565707, estimates.Covariance[1][1], 8);
        // μ = ln(1 + R) × 365.25 / 20 (20 daily bars): ln 1.1 × 18.2625 = 1.7406021587; ln 0.95 × 18.2625 = −0.9367437888.
        Assert.Equal(1.7406021587, estimates.ExpectedReturns[0], 8);
        Assert.Equal(-0.9367437888, estimates.ExpectedReturns[1], 8);
        Assert.Equal(3, estimates.Observations);
        Assert.Equal(3, estimates.RequiredObservations); // max(n + 1, ⌈1 / (1 − 0.5)⌉) = max(3, 2)
    }

    [Fact]
    public void TooFewObservations_SaysHowManyAreNeeded()
    {
        var source = new TinySource(TinySeries(steps: 2), 0.1, 0.1);
        var e = Assert.Throws<LiveEstimatesUnavailableException>(() => LiveEstimator.Estimate(source, [(0, "A"), (1, "B")], Options, 0));
        Assert.Contains("2 of the 3 observations needed", e.Message, StringComparison.Ordinal);
        Assert.Contains("one per 1d of event time", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingMomentum_SaysHowManyBarsAreNeeded()
    {
        var source = new TinySource(TinySeries(), double.NaN, 0.1) { Bars = 7 };
        var e = Assert.Throws<LiveEstimatesUnavailableException>(() => LiveEstimator.Estimate(source, [(0, "A"), (1, "B")], Options, 0));
        Assert.Equal("Not enough data yet: A has 7 of the 21 completed 1d bars its expected return (momentum) needs.", e.Message);
    }

    [Fact]
    public void AssetOutsideTheCovarianceUniverse_IsNamed()
    {
        var source = new TinySource(TinySeries(), 0.1, 0.1);
        var e = Assert.Throws<LiveEstimatesUnavailableException>(() => LiveEstimator.Estimate(source, [(0, "A"), (5, "XLF")], Options, 0));
        Assert.StartsWith("XLF is not in the live covariance universe", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MeanVariance", """ "objective": "MaxSharpe" """)]
    [InlineData("MeanVariance", """ "objective": "MinVariance" """)]
    [InlineData("RiskParity", "")]
    [InlineData("BlackLitterman", """ "views": [ { "weights": { "A": 1 }, "expectedReturn": 0.2 } ] """)]
    [InlineData("Momentum", "")]
    public void OptimiserOnLiveEstimates_EqualsTheOfflineOptimiserOnTheSameCovariance(string method, string extra)
    {
        var service = new PortfolioOptimizationService();
        var source = new TinySource(TinySeries(), momentumA: 0.10, momentumB: -0.05);
        var estimates = LiveEstimator.Estimate(source, [(0, "A"), (1, "B")], Options, asOf: 0);
        var assetInfo = """ "assetInfo": { "A": { "assetClass": "STOCK" }, "B": { "assetClass": "STOCK" } } """;
        var comma = extra.Length > 0 ? "," : string.Empty;
        var live = PortfolioOptimizationService.ParseRequest($$"""{ "optimizationMethod": "{{method}}", "portfolioId": "alpha", {{assetInfo}}{{comma}}{{extra}} }""");

        // The offline request: the same numbers, written out by hand (covariance and μ from the test above; BlackLitterman
        // market weights 1/n).
        var offline = PortfolioOptimizationService.ParseRequest($$"""
            {
              "optimizationMethod": "{{method}}", "assets": ["A", "B"], {{assetInfo}},
              "covariance": [[1.4283880553654387, -0.9169537049663996], [-0.9169537049663996, 2.4884565706687773]],
              "expectedReturns": [1.7406021586764842, -0.9367437887526425]
              {{(method == "BlackLitterman" ? ", \"marketWeights\": [0.5, 0.5]" : string.Empty)}}{{comma}}{{extra}}
            }
            """);

        var fromLive = service.Optimize(LiveOptimization.WithEstimates(live, estimates));
        var fromOffline = service.Optimize(offline);
        Assert.Equal(fromOffline.Weights["A"], fromLive.Weights["A"], 9);
        Assert.Equal(fromOffline.Weights["B"], fromLive.Weights["B"], 9);
        Assert.Equal(fromOffline.Volatility, fromLive.Volatility, 9);
    }

    [Fact]
    public void LiveRequest_MustNotBringItsOwnCovariance()
    {
        var estimates = LiveEstimator.Estimate(new TinySource(TinySeries(), 0.1, 0.1), [(0, "A"), (1, "B")], Options, 0);
        var request = PortfolioOptimizationService.ParseRequest("""{ "optimizationMethod": "RiskParity", "portfolioId": "alpha", "covariance": [[1]] }""");
        var e = Assert.Throws<OptimizationInputException>(() => LiveOptimization.WithEstimates(request, estimates));
        Assert.Equal("covariance", e.Field);
        // And the library call without an engine refuses a portfolio id.
        Assert.Equal("portfolioId", Assert.Throws<OptimizationInputException>(() => new PortfolioOptimizationService().Optimize(request)).Field);
    }

    private sealed class TinySource(EwmaCovarianceMatrix matrix, double momentumA, double momentumB) : ILiveAnalytics
    {
        public long Bars { get; init; } = 64;

        public long CovarianceObservations => matrix.Updates;

        public bool InCovariance(int instrument) => instrument is 0 or 1;

        public double Covariance(int a, int b) => matrix.Covariance(a, b);

        public double Momentum(int instrument, int timeframe)
        {
            Assert.Equal(1, timeframe); // the 1-day timeframe's index
            return instrument == 0 ? momentumA : momentumB;
        }

        public long CompletedBars(int instrument, int timeframe) => Bars;
    }
}
