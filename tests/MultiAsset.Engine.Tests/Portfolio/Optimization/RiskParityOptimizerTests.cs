using MultiAsset.Engine.Portfolio.Optimization;

namespace MultiAsset.Engine.Tests.Portfolio.Optimization;

public class RiskParityOptimizerTests
{
    private static double[] Contributions(double[] cov, IReadOnlyList<double> w)
    {
        int n = w.Count;
        var rc = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++)
            {
                s += cov[(i * n) + j] * w[j];
            }

            rc[i] = w[i] * s;
            total += rc[i];
        }

        return rc.Select(v => v / total).ToArray();
    }

    [Fact]
    public void Optimize_HeLittermanCovariance_EqualRiskContributionsTo1e6()
    {
        var cov = HeLitterman1999.CovarianceRowMajor();
        var r = RiskParityOptimizer.Optimize(cov, 7);
        Assert.True(r.Converged);
        var rc = Contributions(cov, r.Weights); // recomputed independently of the solver
        Assert.All(rc, v => Assert.Equal(1.0 / 7, v, 6));
        Assert.Equal(1.0, r.Weights.Sum(), 12);
        Assert.All(r.Weights, w => Assert.True(w > 0));
    }

    [Fact]
    public void Optimize_DiagonalCovariance_IsInverseVolatility()
    {
        // uncorrelated assets: ERC weights ∝ 1/σ
        double[] vols = [0.1, 0.2, 0.4];
        var cov = new double[9];
        for (int i = 0; i < 3; i++)
        {
            cov[(i * 3) + i] = vols[i] * vols[i];
        }

        var r = RiskParityOptimizer.Optimize(cov, 3);
        double s = vols.Sum(v => 1 / v);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(1 / vols[i] / s, r.Weights[i], 9);
        }
    }

    [Fact]
    public void Optimize_ArbitraryBudgets_ContributionsMatchBudgets()
    {
        var cov = HeLitterman1999.CovarianceRowMajor();
        double[] budgets = [1, 2, 3, 4, 5, 6, 7];
        var r = RiskParityOptimizer.Optimize(cov, 7, budgets);
        var rc = Contributions(cov, r.Weights);
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(budgets[i] / 28.0, rc[i], 6);
        }
    }

    [Fact]
    public void Optimize_RandomLargeCovariance_ConvergesToEqualContributions()
    {
        int n = 60;
        var rng = new Random(11);
        var f = Enumerable.Range(0, n * 3).Select(_ => rng.NextDouble() - 0.2).ToArray();
        var cov = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < 3; k++)
                {
                    s += f[(i * 3) + k] * f[(j * 3) + k] * 0.01;
                }

                cov[(i * n) + j] = s + (i == j ? 0.002 : 0);
            }
        }

        var r = RiskParityOptimizer.Optimize(cov, n);
        Assert.True(r.Converged);
        Assert.All(Contributions(cov, r.Weights), v => Assert.Equal(1.0 / n, v, 6));
    }

    [Fact]
    public void Optimize_NegativeBudget_ThrowsNamingRiskBudgets()
    {
        var ex = Assert.Throws<OptimizationInputException>(() => RiskParityOptimizer.Optimize(HeLitterman1999.CovarianceRowMajor(), 7, [1, 1, 1, -1, 1, 1, 1]));
        Assert.Equal("riskBudgets", ex.Field);
        Assert.Contains("riskBudgets[3]", ex.Message, StringComparison.Ordinal);
    }
}
