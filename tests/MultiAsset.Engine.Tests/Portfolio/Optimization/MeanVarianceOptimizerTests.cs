using MathNet.Numerics.LinearAlgebra;
using MultiAsset.Engine.Portfolio.Optimization;

namespace MultiAsset.Engine.Tests.Portfolio.Optimization;

public class MeanVarianceOptimizerTests
{
    private static readonly string[] Assets = HeLitterman1999.Assets;
    private static readonly double[] Cov = HeLitterman1999.CovarianceRowMajor();
    private static readonly double[] Mu = [0.039, 0.069, 0.084, 0.090, 0.043, 0.068, 0.076];

    private static PortfolioSolution Solve(PortfolioConstraints c, MeanVarianceObjective objective, double? target = null, double rf = 0, IReadOnlyList<AssetInfo?>? info = null, double[]? mu = null)
    {
        var set = ConstraintBuilder.Build(Assets, c, info ?? Assets.Select(_ => (AssetInfo?)null).ToList());
        return MeanVarianceOptimizer.Optimize(mu ?? Mu, Cov, set, c.MinDiversification, new MeanVarianceParameters
        {
            Objective = objective,
            RiskFreeRate = rf,
            TargetReturn = objective == MeanVarianceObjective.TargetReturn ? target : null,
            TargetRisk = objective == MeanVarianceObjective.TargetRisk ? target : null,
        });
    }

    private static Matrix<double> Sigma => Matrix<double>.Build.Dense(7, 7, (i, j) => Cov[(i * 7) + j]);

    private static double Vol(IReadOnlyList<double> w)
    {
        var v = Vector<double>.Build.DenseOfEnumerable(w);
        return Math.Sqrt(v * (Sigma * v));
    }

    [Fact]
    public void Optimize_MinVarianceWithShorts_MatchesClosedForm()
    {
        var sol = Solve(new PortfolioConstraints { LongOnly = false }, MeanVarianceObjective.MinVariance);
        var ones = Vector<double>.Build.Dense(7, 1.0);
        var s = Sigma.Solve(ones);
        var expected = s / s.Sum();
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(expected[i], sol.Weights[i], 8);
        }
    }

    [Fact]
    public void Optimize_MaxSharpeWithShorts_MatchesTangencyPortfolio()
    {
        const double rf = 0.01;
        var sol = Solve(new PortfolioConstraints { LongOnly = false }, MeanVarianceObjective.MaxSharpe, rf: rf);
        var excess = Vector<double>.Build.DenseOfEnumerable(Mu.Select(m => m - rf));
        var t = Sigma.Solve(excess);
        var expected = t / t.Sum();
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(expected[i], sol.Weights[i], 7);
        }
    }

    [Fact]
    public void Optimize_MaxSharpeLongOnly_BeatsNeighbouringFeasiblePortfolios()
    {
        var sol = Solve(PortfolioConstraints.Default, MeanVarianceObjective.MaxSharpe);
        double Sharpe(double[] w) => w.Select((x, i) => x * Mu[i]).Sum() / Vol(w);
        double best = Sharpe([.. sol.Weights]);
        var rng = new Random(7);
        for (int k = 0; k < 200; k++)
        {
            // random feasible perturbation: move 1e-3 between two assets
            var w = sol.Weights.ToArray();
            int a = rng.Next(7), b = rng.Next(7);
            double d = Math.Min(1e-3, w[a]);
            w[a] -= d;
            w[b] += d;
            Assert.True(Sharpe(w) <= best + 1e-12, $"perturbation {k} improved the Sharpe ratio");
        }

        Assert.Equal(1.0, sol.Weights.Sum(), 10);
        Assert.All(sol.Weights, w => Assert.True(w >= -1e-10));
    }

    [Fact]
    public void Optimize_MaxAssetWeightThatBinds_EndsExactlyAtTheCap()
    {
        var free = Solve(PortfolioConstraints.Default, MeanVarianceObjective.MinVariance);
        double top = free.Weights.Max();
        double cap = Math.Round(top - 0.1, 2);
        var sol = Solve(new PortfolioConstraints { MaxAssetWeight = cap }, MeanVarianceObjective.MinVariance);
        Assert.Equal(cap, sol.Weights.Max(), 9);
        Assert.All(sol.Weights, w => Assert.True(w <= cap + 1e-9));
        Assert.Equal(1.0, sol.Weights.Sum(), 10);
    }

    [Fact]
    public void Optimize_TargetReturnAboveMinVarianceReturn_HitsTargetExactly()
    {
        var sol = Solve(PortfolioConstraints.Default, MeanVarianceObjective.TargetReturn, target: 0.08);
        Assert.Equal(0.08, sol.Weights.Select((w, i) => w * Mu[i]).Sum(), 9);
    }

    [Fact]
    public void Optimize_TargetReturnAboveBestAsset_ThrowsNamingTargetReturn()
    {
        var ex = Assert.Throws<OptimizationInfeasibleException>(() => Solve(PortfolioConstraints.Default, MeanVarianceObjective.TargetReturn, target: 0.2));
        Assert.Contains("targetReturn 0.2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("targetReturn", ex.Constraints);
    }

    [Fact]
    public void Optimize_TargetRisk_HitsTargetVolatilityAndBeatsMinVarianceReturn()
    {
        var sol = Solve(PortfolioConstraints.Default, MeanVarianceObjective.TargetRisk, target: 0.17);
        Assert.Equal(0.17, Vol(sol.Weights), 7);
        // it is the highest-return portfolio at that risk: TargetReturn at its return has the same volatility
        double ret = sol.Weights.Select((w, i) => w * Mu[i]).Sum();
        var check = Solve(PortfolioConstraints.Default, MeanVarianceObjective.TargetReturn, target: ret);
        Assert.Equal(0.17, Vol(check.Weights), 6);
    }

    [Fact]
    public void Optimize_TargetRiskBelowMinimumVolatility_ThrowsNamingTargetRisk()
    {
        var ex = Assert.Throws<OptimizationInfeasibleException>(() => Solve(PortfolioConstraints.Default, MeanVarianceObjective.TargetRisk, target: 0.05));
        Assert.StartsWith("targetRisk 0.05 is below the minimum volatility", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_MinDiversificationThatBinds_EffectiveNumberEqualsTarget()
    {
        var free = Solve(PortfolioConstraints.Default, MeanVarianceObjective.MinVariance);
        double freeN = 1 / free.Weights.Sum(w => w * w);
        double target = Math.Min(6.5, freeN + 1.5);
        var sol = Solve(new PortfolioConstraints { MinDiversification = target }, MeanVarianceObjective.MinVariance);
        double effN = 1 / sol.Weights.Sum(w => w * w);
        Assert.True(effN >= target - 1e-9, $"effective N {effN} < {target}");
        Assert.Equal(target, effN, 6);
        Assert.True(Vol(sol.Weights) > Vol(free.Weights));
    }

    [Fact]
    public void Optimize_MaxSharpeWithMinDiversification_SatisfiesItAndIsNoBetterThanUnconstrained()
    {
        var free = Solve(PortfolioConstraints.Default, MeanVarianceObjective.MaxSharpe);
        var sol = Solve(new PortfolioConstraints { MinDiversification = 5 }, MeanVarianceObjective.MaxSharpe);
        double Sharpe(IReadOnlyList<double> w) => w.Select((x, i) => x * Mu[i]).Sum() / Vol(w);
        Assert.True(1 / sol.Weights.Sum(w => w * w) >= 5 - 1e-9);
        Assert.True(Sharpe(sol.Weights) <= Sharpe(free.Weights) + 1e-12);
        Assert.True(Sharpe(sol.Weights) > 0.9 * Sharpe(free.Weights));
    }

    [Fact]
    public void Optimize_MinDiversificationAboveAssetCount_ThrowsNamingIt()
    {
        var ex = Assert.Throws<OptimizationInfeasibleException>(() => Solve(new PortfolioConstraints { MinDiversification = 8 }, MeanVarianceObjective.MinVariance));
        Assert.Equal("minDiversification 8 exceeds the number of assets 7", ex.Message);
    }

    [Fact]
    public void Optimize_MinDiversificationUnattainableUnderCaps_ThrowsNamingIt()
    {
        // class min forces ≥ 90% into two assets → effective N ≤ ~2.5
        var info = Assets.Select(a => (AssetInfo?)new AssetInfo(a is "GER" or "FRA" ? "CRYPTO" : "STOCK", null, null)).ToList();
        var c = new PortfolioConstraints { MinDiversification = 5, AssetClassBounds = new Dictionary<string, WeightBand> { ["CRYPTO"] = new(0.9, null) } };
        var ex = Assert.Throws<OptimizationInfeasibleException>(() => Solve(c, MeanVarianceObjective.MinVariance, info: info));
        Assert.StartsWith("minDiversification 5 is unattainable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_SectorCapThatBinds_SectorSumEqualsCap()
    {
        // two sectors: Europe (FRA, GER, UK) and Other
        var info = Assets.Select(a => (AssetInfo?)new AssetInfo("STOCK", a is "FRA" or "GER" or "UK" ? "Europe" : "Other", a)).ToList();
        var free = Solve(PortfolioConstraints.Default, MeanVarianceObjective.MaxSharpe, info: info);
        double europe = free.Weights[2] + free.Weights[3] + free.Weights[5];
        double larger = Math.Max(europe, 1 - europe);
        double cap = Math.Round((larger + 0.5) / 2, 3);
        var sol = Solve(new PortfolioConstraints { MaxSectorWeight = cap }, MeanVarianceObjective.MaxSharpe, info: info);
        double europeNow = sol.Weights[2] + sol.Weights[3] + sol.Weights[5];
        Assert.Equal(cap, Math.Max(europeNow, 1 - europeNow), 8);
    }

    [Fact]
    public void Optimize_CountryCapThatBinds_CountrySumEqualsCap()
    {
        var info = Assets.Select(a => (AssetInfo?)new AssetInfo("STOCK", null, a is "USA" or "CAN" ? "NA" : "RoW")).ToList();
        var free = Solve(PortfolioConstraints.Default, MeanVarianceObjective.MinVariance, info: info);
        double na = free.Weights[1] + free.Weights[6];
        double larger = Math.Max(na, 1 - na);
        double cap = Math.Round((larger + 0.5) / 2, 3);
        var sol = Solve(new PortfolioConstraints { MaxCountryWeight = cap }, MeanVarianceObjective.MinVariance, info: info);
        double naNow = sol.Weights[1] + sol.Weights[6];
        Assert.Equal(cap, Math.Max(naNow, 1 - naNow), 8);
    }

    [Fact]
    public void Optimize_AssetClassMinThatBinds_ClassSumEqualsMin()
    {
        var info = Assets.Select(a => (AssetInfo?)new AssetInfo(a is "GER" or "FRA" ? "CRYPTO" : "STOCK", null, null)).ToList();
        var c = new PortfolioConstraints { AssetClassBounds = new Dictionary<string, WeightBand> { ["CRYPTO"] = new(0.3, 0.4), ["STOCK"] = new(0.6, 0.8) } };
        var sol = Solve(c, MeanVarianceObjective.MinVariance, info: info);
        Assert.Equal(0.3, sol.Weights[2] + sol.Weights[3], 9);
        Assert.Equal(0.7, sol.Weights.Sum() - (sol.Weights[2] + sol.Weights[3]), 9);
    }

    [Fact]
    public void Optimize_TurnoverLimitThatBinds_TurnoverEqualsLimit()
    {
        double[] w0 = [1.0 / 7, 1.0 / 7, 1.0 / 7, 1.0 / 7, 1.0 / 7, 1.0 / 7, 1.0 / 7];
        var free = Solve(PortfolioConstraints.Default, MeanVarianceObjective.MinVariance);
        double freeTurnover = free.Weights.Select((w, i) => Math.Abs(w - w0[i])).Sum();
        double limit = Math.Round(freeTurnover / 2, 3);
        var sol = Solve(new PortfolioConstraints { MaxTurnover = limit, CurrentWeights = w0 }, MeanVarianceObjective.MinVariance);
        double turnover = sol.Weights.Select((w, i) => Math.Abs(w - w0[i])).Sum();
        Assert.Equal(limit, turnover, 7);
        Assert.True(Vol(sol.Weights) < Vol(w0));
    }

    [Fact]
    public void Optimize_BoundedShorts_ShortEndsAtBound()
    {
        double[] mu = [0.039, 0.069, 0.084, 0.090, -0.02, 0.068, 0.076]; // Japan expected to fall
        var free = Solve(new PortfolioConstraints { LongOnly = false }, MeanVarianceObjective.MaxSharpe, mu: mu);
        double most = free.Weights.Min();
        Assert.True(most < -0.05, $"unconstrained short {most}");
        var sol = Solve(new PortfolioConstraints { LongOnly = false, MaxShortWeight = 0.05 }, MeanVarianceObjective.MaxSharpe, mu: mu);
        Assert.Equal(-0.05, sol.Weights.Min(), 8);
    }

    [Fact]
    public void Optimize_WhenClassMinsExceedBudget_ThrowsNamingBothBounds()
    {
        var info = Assets.Select(a => (AssetInfo?)new AssetInfo(a is "GER" or "FRA" ? "CRYPTO" : "STOCK", null, null)).ToList();
        var c = new PortfolioConstraints { AssetClassBounds = new Dictionary<string, WeightBand> { ["CRYPTO"] = new(0.5, null), ["STOCK"] = new(0.6, null) } };
        var ex = Assert.Throws<OptimizationInfeasibleException>(() => Solve(c, MeanVarianceObjective.MinVariance, info: info));
        Assert.Equal("assetClassBounds.CRYPTO.min 0.5 + assetClassBounds.STOCK.min 0.6 exceed budget 1", ex.Message);
        Assert.Contains("assetClassBounds.CRYPTO.min", ex.Constraints);
        Assert.Contains("assetClassBounds.STOCK.min", ex.Constraints);
    }

    [Fact]
    public void Optimize_WhenAssetCapCannotReachBudget_ThrowsNamingIt()
    {
        var ex = Assert.Throws<OptimizationInfeasibleException>(() => Solve(new PortfolioConstraints { MaxAssetWeight = 0.1 }, MeanVarianceObjective.MinVariance));
        Assert.Equal("maxAssetWeight 0.1 × 7 assets = 0.7 is below budget 1", ex.Message);
    }

    [Fact]
    public void Optimize_WhenClassMaxesBelowBudget_ThrowsNamingThem()
    {
        var info = Assets.Select(a => (AssetInfo?)new AssetInfo(a is "GER" or "FRA" ? "CRYPTO" : "STOCK", null, null)).ToList();
        var c = new PortfolioConstraints { AssetClassBounds = new Dictionary<string, WeightBand> { ["CRYPTO"] = new(null, 0.2), ["STOCK"] = new(null, 0.7) } };
        var ex = Assert.Throws<OptimizationInfeasibleException>(() => Solve(c, MeanVarianceObjective.MinVariance, info: info));
        Assert.Equal("assetClassBounds.CRYPTO.max 0.2 + assetClassBounds.STOCK.max 0.7 is below budget 1", ex.Message);
    }

    [Fact]
    public void Optimize_SectorCapAgainstClassMin_SolverCertificateNamesBoth()
    {
        // Not an "obvious" conflict: CRYPTO (GER, FRA) must hold ≥ 60% but their sector is capped at 40%.
        var info = Assets.Select(a => (AssetInfo?)new AssetInfo(a is "GER" or "FRA" ? "CRYPTO" : "STOCK", a is "GER" or "FRA" ? "DigitalAssets" : a, null)).ToList();
        var c = new PortfolioConstraints { MaxSectorWeight = 0.4, AssetClassBounds = new Dictionary<string, WeightBand> { ["CRYPTO"] = new(0.6, null) } };
        var ex = Assert.Throws<OptimizationInfeasibleException>(() => Solve(c, MeanVarianceObjective.MinVariance, info: info));
        Assert.Contains("maxSectorWeight[DigitalAssets]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("assetClassBounds.CRYPTO.min", ex.Message, StringComparison.Ordinal);
        Assert.Contains("maxSectorWeight[DigitalAssets]", ex.Constraints);
    }

    [Fact]
    public void Optimize_SectorConstraintWithoutSectorInfo_ThrowsNamingAsset()
    {
        var info = Assets.Select(a => (AssetInfo?)new AssetInfo("STOCK", a == "JAP" ? null : "S", null)).ToList();
        var ex = Assert.Throws<OptimizationInputException>(() => Solve(new PortfolioConstraints { MaxSectorWeight = 0.5 }, MeanVarianceObjective.MinVariance, info: info));
        Assert.Equal("assetInfo.JAP", ex.Field);
        Assert.Contains("'JAP' has no sector", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_MaxSharpeWhenNoAssetBeatsRiskFree_ThrowsNamingRiskFreeRate()
    {
        var ex = Assert.Throws<OptimizationInfeasibleException>(() => Solve(PortfolioConstraints.Default, MeanVarianceObjective.MaxSharpe, rf: 0.5));
        Assert.Contains("riskFreeRate 0.5", ex.Message, StringComparison.Ordinal);
    }
}
