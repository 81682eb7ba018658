using MultiAsset.Engine.Routing.Algorithms;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Routing;

public class AlmgrenChrissTests
{
    // τ = 60 s, σ = 0.02 currency/unit/√s, η = 2.5e-6, γ = 2.5e-8 ⇒ η̃ = 2.5e-6 − 2.5e-8·60/2 = 1.75e-6.
    private const double Tau = 60, Sigma = 0.02, Eta = 2.5e-6, Gamma = 2.5e-8;

    private static AlmgrenChrissParameters Model(double lambda) => new(Tau, Sigma, Eta, Gamma, lambda);

    /// <summary>The paper's closed form, written out independently of the implementation (acosh, plain sinh).</summary>
    private static double[] ClosedFormHoldings(double lambda, int n, double x)
    {
        double etaTilde = Eta - (Gamma * Tau / 2);
        double kappa = Math.Acosh(1 + (lambda * Sigma * Sigma * Tau * Tau / (2 * etaTilde))) / Tau;
        double horizon = n * Tau;
        return Enumerable.Range(0, n + 1).Select(j => x * Math.Sinh(kappa * (horizon - (j * Tau))) / Math.Sinh(kappa * horizon)).ToArray();
    }

    [Theory]
    [InlineData(1e-8, 30)]   // κT ≈ 2.7: the sinh branch
    [InlineData(1e-7, 30)]   // κT ≈ 8.5
    [InlineData(1e-6, 30)]   // κT ≈ 26: the exponential branch
    [InlineData(3e-7, 7)]
    public void HoldingFractions_EqualTheClosedFormAtEveryPoint(double lambda, int n)
    {
        var holdings = new double[n + 1];
        AlmgrenChriss.HoldingFractions(Model(lambda), holdings);
        var expected = ClosedFormHoldings(lambda, n, 1);
        for (int j = 0; j <= n; j++)
        {
            Assert.Equal(expected[j], holdings[j], 1e-12);
        }

        Assert.Equal(1, holdings[0]);
        Assert.Equal(0, holdings[n]);
    }

    [Theory]
    [InlineData(1e-8)]
    [InlineData(1e-6)]
    public void Compute_RoundedLots_TrackTheClosedFormWithinHalfALot_AndSumToParent(double lambda)
    {
        const long Lots = 10_007;
        const int N = 30;
        var children = new long[N];
        AlmgrenChriss.Compute(Lots, Model(lambda), children);
        var x = ClosedFormHoldings(lambda, N, Lots);
        long executed = 0;
        for (int j = 1; j <= N; j++)
        {
            executed += children[j - 1];
            Assert.True(children[j - 1] >= 0);
            Assert.InRange(Lots - executed - x[j], -0.5, 0.5);
            Assert.InRange(children[j - 1] - (x[j - 1] - x[j]), -1.0, 1.0);
        }

        Assert.Equal(Lots, executed);
    }

    [Fact]
    public void KappaTau_MatchesAcoshRoot()
    {
        double lambda = 1e-6;
        double a = lambda * Sigma * Sigma * Tau * Tau / (2 * (Eta - (Gamma * Tau / 2)));
        Assert.Equal(Math.Acosh(1 + a), AlmgrenChriss.KappaTau(Model(lambda)), 1e-13);
        Assert.Equal(Math.Acosh(1 + a) / Tau, AlmgrenChriss.Kappa(Model(lambda)), 1e-15);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1e-300)]
    [InlineData(1e-30)]
    public void RiskNeutralOrTinyKappa_IsTwapWithoutNaN(double lambda)
    {
        const int N = 8;
        var holdings = new double[N + 1];
        AlmgrenChriss.HoldingFractions(Model(lambda), holdings);
        for (int j = 0; j <= N; j++)
        {
            Assert.Equal((double)(N - j) / N, holdings[j], 1e-14);
        }

        var ac = new long[N];
        var twap = new long[N];
        AlmgrenChriss.Compute(1000, Model(lambda), ac);
        TwapSchedule.Compute(1000, twap);
        Assert.Equal(twap, ac);
    }

    [Fact]
    public void ZeroVolatilityOrVanishingSliceLength_DegeneratesToTwap()
    {
        var holdings = new double[5];
        AlmgrenChriss.HoldingFractions(new AlmgrenChrissParameters(60, 0, Eta, Gamma, 1e-6), holdings);
        Assert.Equal([1, 0.75, 0.5, 0.25, 0], holdings);
        AlmgrenChriss.HoldingFractions(new AlmgrenChrissParameters(1e-12, Sigma, Eta, Gamma, 1e-6), holdings);
        Assert.All(holdings, h => Assert.False(double.IsNaN(h)));
        Assert.Equal(0.75, holdings[1], 1e-12);
    }

    [Fact]
    public void TendsToTwap_AsRiskAversionFallsToZero()
    {
        const int N = 20;
        var holdings = new double[N + 1];
        double previousGap = double.PositiveInfinity;
        foreach (double lambda in new[] { 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-12, 1e-14 })
        {
            AlmgrenChriss.HoldingFractions(Model(lambda), holdings);
            double gap = Enumerable.Range(0, N + 1).Max(j => Math.Abs(holdings[j] - ((double)(N - j) / N)));
            Assert.True(gap < previousGap, $"λ={lambda}: max gap to TWAP {gap} did not shrink (was {previousGap})");
            previousGap = gap;
        }

        Assert.True(previousGap < 1e-6, $"at λ = 1e-14 the gap to TWAP is {previousGap}");
    }

    [Fact]
    public void FrontLoads_AsRiskAversionGrows()
    {
        const int N = 20;
        var lower = new double[N + 1];
        var higher = new double[N + 1];
        var firstChildren = new List<long>();
        double[] lambdas = [0, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5];
        for (int k = 0; k < lambdas.Length; k++)
        {
            AlmgrenChriss.HoldingFractions(Model(lambdas[k]), higher);
            if (k > 0)
            {
                for (int j = 1; j < N; j++)
                {
                    Assert.True(higher[j] < lower[j], $"λ={lambdas[k]}: holdings at {j} not below λ={lambdas[k - 1]}");
                }
            }

            var children = new long[N];
            AlmgrenChriss.Compute(100_000, Model(lambdas[k]), children);
            firstChildren.Add(children[0]);
            for (int j = 1; j < N; j++)
            {
                Assert.True(children[j] <= children[j - 1] + 1, "the optimal trajectory trades less and less over time");
            }

            Array.Copy(higher, lower, N + 1);
        }

        Assert.Equal(firstChildren.Order(), firstChildren);
        Assert.True(firstChildren[^1] > 5 * firstChildren[0]);
    }

    [Fact]
    public void HugeKappa_DoesNotOverflow_AndTradesAlmostEverythingFirst()
    {
        var holdings = new double[101];
        AlmgrenChriss.HoldingFractions(Model(10), holdings); // κT in the thousands: sinh(κT) would overflow
        Assert.All(holdings, h => Assert.True(double.IsFinite(h)));
        Assert.True(holdings[1] < 1e-6); // κτ ≈ 15.9: e^{−15.9} ≈ 1.2e-7 of the order left after the first slice
        Assert.Equal(Math.Exp(-2 * AlmgrenChriss.KappaTau(Model(10))), holdings[2], 1e-20);
    }

    [Fact]
    public void ZeroAdjustedTemporaryImpact_WithRisk_TradesEverythingInTheFirstSlice()
    {
        var model = new AlmgrenChrissParameters(10, Sigma, 0.5 * 1e-3 * 10, 1e-3, 1e-6); // η = γτ/2 ⇒ η̃ = 0
        Assert.True(double.IsPositiveInfinity(AlmgrenChriss.KappaTau(model)));
        var children = new long[5];
        AlmgrenChriss.Compute(42, model, children);
        Assert.Equal([42L, 0, 0, 0, 0], children);
    }

    [Fact]
    public void Optimal_BeatsTwapAndPerturbations_OnMeanVariance()
    {
        const int N = 10;
        const long Lots = 1_000_000_000; // rounding to lots is negligible at this size
        double lambda = 1e-9; // κT ≈ 0.2: far enough from TWAP to tell apart
        var model = Model(lambda);
        var optimal = new long[N];
        AlmgrenChriss.Compute(Lots, model, optimal);
        double Utility(long[] s)
        {
            var c = ScheduleCostModel.Evaluate(s, 1, model);
            return c.ExpectedCost + (lambda * c.Variance);
        }

        double best = Utility(optimal);
        var twap = new long[N];
        TwapSchedule.Compute(Lots, twap);
        Assert.True(best < Utility(twap));
        for (int j = 0; j + 1 < N; j++)
        {
            foreach (long shift in new long[] { -2_000_000, 2_000_000 })
            {
                var moved = (long[])optimal.Clone();
                moved[j] += shift;
                moved[j + 1] -= shift;
                Assert.True(best < Utility(moved), $"moving {shift} from slice {j + 1} to {j} lowered E + λV");
            }
        }
    }

    [Fact]
    public void InvalidParameters_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AlmgrenChriss.KappaTau(new AlmgrenChrissParameters(60, Sigma, 1e-7, 1e-8, 1e-6))); // η̃ < 0
        Assert.Throws<ArgumentOutOfRangeException>(() => AlmgrenChriss.KappaTau(new AlmgrenChrissParameters(0, Sigma, Eta, Gamma, 1e-6)));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlmgrenChriss.KappaTau(new AlmgrenChrissParameters(60, double.NaN, Eta, Gamma, 1e-6)));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlmgrenChriss.KappaTau(new AlmgrenChrissParameters(60, Sigma, Eta, Gamma, -1)));
        Assert.Throws<ArgumentException>(() => AlmgrenChriss.HoldingFractions(Model(1e-6), new double[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlmgrenChriss.Compute(-1, Model(1e-6), new long[3]));
    }

    [Fact]
    public void Compute_DoesNotAllocate()
    {
        var children = new long[100];
        var model = Model(1e-7);
        AlmgrenChriss.Compute(1_000_000, model, children);
        const int Iterations = 2_000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            AlmgrenChriss.Compute(1_000_000 + i, model, children);
        }

        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, Iterations);
    }
}
