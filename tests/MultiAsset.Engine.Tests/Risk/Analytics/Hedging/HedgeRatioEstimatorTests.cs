using FsCheck.Xunit;
using MultiAsset.Engine.Risk.Analytics.Hedging;

namespace MultiAsset.Engine.Tests.Risk.Analytics.Hedging;

public sealed class HedgeRatioEstimatorTests
{
    [Fact]
    public void Ewma_ThreePoints_MatchesHandComputedBeta()
    {
        // λ = 0.9: weights (1−λ)λ², (1−λ)λ, (1−λ) = 0.081, 0.09, 0.1 on t = 0, 1, 2 (zero-mean products).
        double[] a = [0.01, -0.02, 0.03];
        double[] h = [0.02, -0.01, 0.01];
        double cov = (0.081 * 0.0002) + (0.09 * 0.0002) + (0.1 * 0.0003);     // 6.42e-5
        double varH = (0.081 * 0.0004) + (0.09 * 0.0001) + (0.1 * 0.0001);    // 5.14e-5
        double varA = (0.081 * 0.0001) + (0.09 * 0.0004) + (0.1 * 0.0009);    // 1.341e-4

        var estimate = HedgeRatioEstimator.Ewma(a, h, 0.9);

        Assert.Equal(6.42e-5 / 5.14e-5, estimate.Beta, 12);
        Assert.Equal(1.2490272373540856, estimate.Beta, 12);
        Assert.Equal(cov / Math.Sqrt(varA * varH), estimate.Correlation, 12);
        Assert.Equal("ewma", estimate.Method);
        Assert.Equal(3, estimate.Observations);
    }

    [Fact]
    public void Ols_MatchesSampleCovarianceOverVariance()
    {
        var random = new Random(7);
        var h = Enumerable.Range(0, 60).Select(_ => (random.NextDouble() - 0.5) * 0.04).ToArray();
        var a = h.Select(x => 0.001 + (1.7 * x) + ((random.NextDouble() - 0.5) * 0.01)).ToArray();
        double ma = a.Average(), mh = h.Average();
        double cov = a.Zip(h, (x, y) => (x - ma) * (y - mh)).Sum();
        double var = h.Sum(y => (y - mh) * (y - mh));

        var estimate = HedgeRatioEstimator.Ols(a, h);

        Assert.Equal(cov / var, estimate.Beta, 10);
        Assert.InRange(estimate.Beta, 1.5, 1.9);
    }

    [Fact]
    public void RollingOls_EachWindowEqualsOlsOnItsSlice()
    {
        var random = new Random(11);
        var h = Enumerable.Range(0, 40).Select(_ => random.NextDouble() - 0.5).ToArray();
        var a = h.Select((x, t) => ((t < 20 ? 0.5 : 2.0) * x) + (0.1 * (random.NextDouble() - 0.5))).ToArray();

        var rolling = HedgeRatioEstimator.RollingOls(a, h, 10);

        Assert.Equal(31, rolling.Count);
        Assert.Equal(9, rolling[0].EndIndex);
        Assert.Equal(39, rolling[^1].EndIndex);
        Assert.Equal(HedgeRatioEstimator.Ols(a[30..], h[30..]).Beta, rolling[^1].Beta, 12);
        Assert.InRange(rolling[0].Beta, 0.3, 0.7);
        Assert.InRange(rolling[^1].Beta, 1.8, 2.2);
    }

    [Fact]
    public void Estimators_RejectBadInput()
    {
        Assert.Throws<ArgumentException>(() => HedgeRatioEstimator.Ewma([0.1, 0.2], [0.1]));
        Assert.Throws<ArgumentException>(() => HedgeRatioEstimator.Ewma([0.1, double.NaN], [0.1, 0.2]));
        Assert.Throws<ArgumentException>(() => HedgeRatioEstimator.Ewma([0.1, 0.2], [0, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => HedgeRatioEstimator.Ewma([0.1, 0.2], [0.1, 0.3], 1.0));
        Assert.Throws<ArgumentException>(() => HedgeRatioEstimator.Ols([0.1, 0.2, 0.3], [0.5, 0.5, 0.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => HedgeRatioEstimator.RollingOls([0.1, 0.2, 0.3], [0.5, 0.1, 0.5], 4));
    }

    [Property(MaxTest = 100)]
    public bool ToStrategy_EffectivenessIsRhoSquared(int seed)
    {
        var random = new Random(seed);
        var h = Enumerable.Range(0, 30).Select(_ => random.NextDouble() - 0.5).ToArray();
        double slope = (random.NextDouble() * 4) - 2, noise = random.NextDouble() + 0.01;
        var a = h.Select(x => (slope * x) + (noise * (random.NextDouble() - 0.5))).ToArray();
        var estimate = HedgeRatioEstimator.Ewma(a, h, 0.94);
        double exposure = (random.NextDouble() - 0.5) * 2e6;

        var strategy = HedgeRatioEstimator.ToStrategy("A", exposure, "H", estimate, price: 50m, lotSize: 1m);

        return Math.Abs(strategy.Effectiveness - (estimate.Correlation * estimate.Correlation)) < 1e-9
            && strategy.Effectiveness is >= 0 and <= 1
            && Math.Abs(strategy.Notional + (estimate.Beta * exposure)) < 1e-6
            && strategy.Quantity == Math.Round((decimal)strategy.Notional / 50m, 0, MidpointRounding.AwayFromZero);
    }
}
