using MultiAsset.Engine.MarketData.Synthetic;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.MarketData.Synthetic;

public class SyntheticMarketStatisticsTests
{
    private const int Rounds = 20_000;

    // Hourly steps: every per-round move is tens of ticks, so tick rounding of the quoted mid adds negligible noise.
    private const string CalmJson = """
    {
      "type": "synthetic", "seed": 2024,
      "time": { "mode": "simulated", "start": "2024-01-02T00:00:00Z", "step": "1h" },
      "classes": {
        "STOCK": { "volatility": 0.30, "tradingHoursPerYear": 8760 },
        "FOREX": { "volatility": 0.10, "tradingHoursPerYear": 8760 },
        "CRYPTO": { "volatility": 0.60, "tradingHoursPerYear": 8760 }
      },
      "correlation": { "pairs": { "AAA/BBB": 0.7, "AAA/BTCUSD": 0.3, "CCC/TLT": -0.25 } },
      "jumps": { "intensityPerYear": 0 },
      "regimes": { "enabled": false }
    }
    """;

    [Fact]
    public void Realised_correlations_match_the_configured_matrix_within_sampling_error()
    {
        var catalog = SyntheticTestData.AlwaysOpenCatalog;
        var market = new SyntheticMarket(catalog, SyntheticTestData.Options(CalmJson));
        var returns = LogReturnsOfQuotedMids(market, catalog.Count, Rounds);

        (string A, string B, double? Configured)[] pairs =
        [
            ("AAA", "BBB", 0.7), ("AAA", "BTCUSD", 0.3), ("CCC", "TLT", -0.25),
            ("EURUSD", "GBPUSD", 0.45), ("EURUSD", "USDCHF", -0.45), ("AAA", "CCC", null), ("BTCUSD", "ETHUSD", 0.8),
        ];
        foreach (var (a, b, configured) in pairs)
        {
            var idA = Id(a);
            var idB = Id(b);
            double expected = market.CalmCorrelation(idA, idB);
            if (configured is { } c)
            {
                Assert.Equal(c, expected, 12);
            }

            double realised = Correlation(returns[idA.Value], returns[idB.Value]);
            double standardError = (1 - (expected * expected)) / Math.Sqrt(Rounds);
            Assert.True(
                Math.Abs(realised - expected) < 4 * standardError,
                $"{a}/{b}: realised {realised:F4}, configured {expected:F4}, 4 s.e. = {4 * standardError:F4}");
        }
    }

    [Theory]
    [InlineData("AAA", 0.30)]
    [InlineData("CCC", 0.30)]
    [InlineData("EURUSD", 0.10)]
    [InlineData("USDCHF", 0.10)]
    [InlineData("BTCUSD", 0.60)]
    public void Realised_annualised_volatility_matches_the_class_setting(string symbol, double configured)
    {
        var catalog = SyntheticTestData.AlwaysOpenCatalog;
        var market = new SyntheticMarket(catalog, SyntheticTestData.Options(CalmJson));
        var returns = LogReturnsOfQuotedMids(market, catalog.Count, Rounds)[Id(symbol).Value];
        double annualised = StandardDeviation(returns) * Math.Sqrt(8760);
        // The standard error of a volatility estimate is σ/√(2N): 0.5 % here; 4 s.e. plus a little for tick rounding.
        double tolerance = (4 * configured / Math.Sqrt(2.0 * Rounds)) + (0.005 * configured);
        Assert.InRange(annualised, configured - tolerance, configured + tolerance);
    }

    [Fact]
    public void Stressed_regime_raises_volatility_and_safe_havens_outperform_equities()
    {
        const string Json = """
        {
          "type": "synthetic", "seed": 99,
          "time": { "step": "1h" },
          "classes": { "STOCK": { "volatility": 0.20, "tradingHoursPerYear": 8760 } },
          "jumps": { "intensityPerYear": 0 },
          "regimes": { "calmToStressed": 0.01, "stressedToCalm": 0.01, "volatilityMultiplier": 3, "flightToQualityDrift": 3 }
        }
        """;
        var catalog = SyntheticTestData.AlwaysOpenCatalog;
        var market = new SyntheticMarket(catalog, SyntheticTestData.Options(Json));
        var previous = new double[catalog.Count];
        var calm = new List<double>();
        var stressed = new List<double>();
        double havensMinusEquities = 0;
        int stressedRounds = 0;
        string[] equities = ["AAA", "BBB", "CCC"];
        string[] havens = ["TLT", "GLD"];
        for (int r = 0; r < 40_000; r++)
        {
            market.Advance();
            var mids = MidsOf(market.Events, catalog.Count);
            if (r > 0)
            {
                double aaa = Math.Log(mids[Id("AAA").Value] / previous[Id("AAA").Value]);
                (market.Regime == MarketRegime.Stressed ? stressed : calm).Add(aaa);
                if (market.Regime == MarketRegime.Stressed)
                {
                    stressedRounds++;
                    foreach (var h in havens)
                    {
                        havensMinusEquities += Math.Log(mids[Id(h).Value] / previous[Id(h).Value]) / havens.Length;
                    }

                    foreach (var e in equities)
                    {
                        havensMinusEquities -= Math.Log(mids[Id(e).Value] / previous[Id(e).Value]) / equities.Length;
                    }
                }
            }

            Array.Copy(mids, previous, mids.Length);
        }

        Assert.InRange(stressedRounds, 12_000, 28_000);
        Assert.Equal(stressedRounds, market.StressedRounds);
        double ratio = StandardDeviation(stressed) / StandardDeviation(calm);
        Assert.InRange(ratio, 2.8, 3.2);
        // Expected gap: 2 × drift × years stressed (≈ 2 × 3 × 20 000 / 8760 ≈ 14 in log terms); noise is ≈ 1.
        double years = stressedRounds / 8760.0;
        Assert.InRange(havensMinusEquities, 2 * 3 * years * 0.7, 2 * 3 * years * 1.3);
    }

    [Fact]
    public void Only_crypto_jumps()
    {
        const string Json = """{ "jumps": { "intensityPerYear": 20000 }, "time": { "step": "1m" } }""";
        var catalog = SyntheticTestData.ShippedCatalog;
        var market = new SyntheticMarket(catalog, SyntheticTestData.Options(Json));
        for (int r = 0; r < 3_000; r++)
        {
            market.Advance();
        }

        foreach (var instrument in catalog.Tradable)
        {
            long jumps = market.JumpCount(instrument.Id);
            if (instrument.AssetClass == AssetClass.Crypto)
            {
                Assert.True(jumps > 0, $"{instrument.Symbol} never jumped");
            }
            else
            {
                Assert.Equal(0, jumps);
            }
        }
    }

    private static InstrumentId Id(string symbol)
        => SyntheticTestData.AlwaysOpenCatalog.TryGet(symbol, out var i) ? i.Id : throw new ArgumentException(symbol);

    private static double[] MidsOf(ReadOnlySpan<InputEvent> events, int count)
    {
        var mids = new double[count];
        foreach (var e in events)
        {
            if (e.Kind == InputEventKind.Quote)
            {
                mids[e.Instrument.Value] = (e.Quote.Bid.ToDouble() + e.Quote.Ask.ToDouble()) / 2;
            }
        }

        return mids;
    }

    private static List<double>[] LogReturnsOfQuotedMids(SyntheticMarket market, int instruments, int rounds)
    {
        var result = new List<double>[instruments];
        for (int i = 0; i < instruments; i++)
        {
            result[i] = new List<double>(rounds);
        }

        double[]? previous = null;
        for (int r = 0; r <= rounds; r++)
        {
            market.Advance();
            var mids = MidsOf(market.Events, instruments);
            if (previous is not null)
            {
                for (int i = 0; i < instruments; i++)
                {
                    if (mids[i] > 0)
                    {
                        result[i].Add(Math.Log(mids[i] / previous[i]));
                    }
                }
            }

            previous = mids;
        }

        return result;
    }

    private static double Correlation(List<double> x, List<double> y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    private static double StandardDeviation(List<double> x)
    {
        double mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Count - 1));
    }
}
