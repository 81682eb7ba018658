using MultiAsset.Engine.Portfolio.Optimization.Estimation;

namespace MultiAsset.Engine.Tests.Portfolio.Optimization;

public class CovarianceEstimatorsTests
{
    private static readonly double[][] Small =
    [
        [0.01, 0.02],
        [-0.02, 0.00],
        [0.03, 0.01],
        [0.00, -0.03],
    ];

    [Fact]
    public void Sample_SmallData_MatchesHandComputedValues()
    {
        // means 0.005, 0.0; deviations a = (0.005, −0.025, 0.025, −0.005), b = (0.02, 0, 0.01, −0.03)
        // var a = (0.000025 + 0.000625 + 0.000625 + 0.000025)/3 = 0.0013/3
        // var b = (0.0004 + 0 + 0.0001 + 0.0009)/3 = 0.0014/3
        // cov  = (0.0001 + 0 + 0.00025 + 0.00015)/3 = 0.0005/3
        var s = CovarianceEstimators.Sample(Small, periodsPerYear: 3);
        Assert.Equal(0.0013, s[0, 0], 15);
        Assert.Equal(0.0014, s[1, 1], 15);
        Assert.Equal(0.0005, s[0, 1], 15);
        Assert.Equal(s[0, 1], s[1, 0], 15);
    }

    [Fact]
    public void Ewma_WeightsRecentObservationByOneMinusLambda()
    {
        // two observations: weights (1−λ)λ and (1−λ), normalised
        double[][] r = [[0.1], [0.2]];
        var e = CovarianceEstimators.Ewma(r, lambda: 0.5);
        double w1 = 0.25, w2 = 0.5;
        Assert.Equal(((w1 * 0.01) + (w2 * 0.04)) / (w1 + w2), e[0, 0], 15);
    }

    [Fact]
    public void Ewma_ConstantReturns_EqualsOuterProduct()
    {
        double[][] r = Enumerable.Repeat(new[] { 0.01, -0.02 }, 50).ToArray();
        var e = CovarianceEstimators.Ewma(r);
        Assert.Equal(0.0001, e[0, 0], 15);
        Assert.Equal(-0.0002, e[0, 1], 15);
        Assert.Equal(0.0004, e[1, 1], 15);
    }

    private static double[][] Simulated(int t, int n, int seed)
    {
        var rng = new Random(seed);
        var x = new double[t][];
        for (int k = 0; k < t; k++)
        {
            double common = Normal(rng);
            x[k] = Enumerable.Range(0, n).Select(i => (0.01 * common) + (0.01 * (1 + (i % 3)) * Normal(rng))).ToArray();
        }

        return x;
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    [Theory]
    [InlineData(ShrinkageTarget.ConstantCorrelation)]
    [InlineData(ShrinkageTarget.ScaledIdentity)]
    public void LedoitWolf_FewObservations_ShrinksMoreThanWithMany(ShrinkageTarget target)
    {
        var few = CovarianceEstimators.LedoitWolf(Simulated(30, 20, 1), target);
        var many = CovarianceEstimators.LedoitWolf(Simulated(3000, 20, 1), target);
        Assert.InRange(few.Shrinkage, 0, 1);
        Assert.InRange(many.Shrinkage, 0, 1);
        Assert.True(few.Shrinkage > 0.05, $"few {few.Shrinkage}");
        Assert.True(many.Shrinkage < few.Shrinkage / 5, $"few {few.Shrinkage} many {many.Shrinkage}");
    }

    [Fact]
    public void LedoitWolf_Identity_IsConvexCombinationOfSampleAndScaledIdentity()
    {
        var data = Simulated(40, 10, 3);
        var lw = CovarianceEstimators.LedoitWolf(data, ShrinkageTarget.ScaledIdentity);
        var s = CovarianceEstimators.Sample(data);
        double ml = 39.0 / 40; // LW uses divisor T
        double m = Enumerable.Range(0, 10).Average(i => s[i, i] * ml);
        for (int i = 0; i < 10; i++)
        {
            for (int j = 0; j < 10; j++)
            {
                double expected = (lw.Shrinkage * (i == j ? m : 0)) + ((1 - lw.Shrinkage) * s[i, j] * ml);
                Assert.Equal(expected, lw[i, j], 14);
            }
        }
    }

    [Fact]
    public void LedoitWolf_ConstantCorrelation_PreservesVariances()
    {
        var data = Simulated(40, 10, 5);
        var lw = CovarianceEstimators.LedoitWolf(data);
        var s = CovarianceEstimators.Sample(data);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(s[i, i] * 39.0 / 40, lw[i, i], 15);
        }
    }
}
