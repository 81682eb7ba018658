using MultiAsset.Engine.Risk.Analytics.Measures;

namespace MultiAsset.Engine.Tests.Risk.Analytics.Measures;

/// <summary>Shared books for the risk-measure tests.</summary>
internal static class RiskTestData
{
    /// <summary>z_0.99 to the digits published in standard tables.</summary>
    public const double Z99 = 2.326347874;

    /// <summary>
    /// Two assets: 1 000 000 in a 2%-daily-vol stock, 500 000 in a 5%-daily-vol coin, correlation 0.3.
    /// wᵀΣw = 4e8 + 3e8 + 6.25e8 = 1.325e9, σ = 36 400.549446…, Σw = (550, 1550).
    /// </summary>
    public static RiskMeasureInput TwoAssets() => new()
    {
        Positions = [new("AAPL", "STOCK", "USD", 1_000_000), new("BTC-USD", "CRYPTO", "USD", 500_000)],
        Covariance = new RiskMatrix(2, 2, [0.0004, 0.0003, 0.0003, 0.0025]),
    };

    /// <summary>A random book: factor-model covariance (PD), exposures mixed long/short, 3 classes, 4 currencies.</summary>
    public static RiskMeasureInput RandomBook(int n, int seed, int returnRows = 0)
    {
        var random = new Random(seed);
        string[] classes = ["STOCK", "FOREX", "CRYPTO"];
        string[] currencies = ["USD", "EUR", "JPY", "GBP"];
        var positions = new RiskPosition[n];
        for (int i = 0; i < n; i++)
        {
            double exposure = (random.NextDouble() - 0.3) * 1_000_000;
            positions[i] = new RiskPosition($"S{i}", classes[i % 3], currencies[(i / 3) % 4], exposure);
        }

        var loadings = new double[n * 3];
        var specific = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int f = 0; f < 3; f++)
            {
                loadings[(i * 3) + f] = (random.NextDouble() - 0.2) * 0.01;
            }

            specific[i] = 0.005 + (random.NextDouble() * 0.01);
        }

        var cov = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double c = 0;
                for (int f = 0; f < 3; f++)
                {
                    c += loadings[(i * 3) + f] * loadings[(j * 3) + f];
                }

                cov[(i * n) + j] = c + (i == j ? specific[i] * specific[i] : 0);
            }
        }

        RiskMatrix? returns = null;
        if (returnRows > 0)
        {
            var r = new double[returnRows * n];
            for (int s = 0; s < returnRows; s++)
            {
                double f0 = Gaussian(random), f1 = Gaussian(random), f2 = Gaussian(random);
                for (int i = 0; i < n; i++)
                {
                    r[(s * n) + i] = (loadings[i * 3] * f0) + (loadings[(i * 3) + 1] * f1) + (loadings[(i * 3) + 2] * f2) + (specific[i] * Gaussian(random));
                }
            }

            returns = new RiskMatrix(returnRows, n, r);
        }

        return new RiskMeasureInput { Positions = positions, Covariance = new RiskMatrix(n, n, cov), Returns = returns };
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public static void Close(double expected, double actual, double relative, string? what = null)
    {
        double tolerance = relative * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:G3})");
    }
}
