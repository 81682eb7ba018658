using System.Globalization;

namespace MultiAsset.Engine.Portfolio.Optimization;

/// <summary>
/// Cross-sectional momentum: rank assets by a momentum score, keep the top k, weight them by inverse volatility
/// (volatility scaling: each holding contributes a similar stand-alone risk), then project that target onto the
/// constraints (nearest feasible weights in the least-squares sense, solved as a QP).
/// </summary>
public static class MomentumOptimizer
{
    /// <summary>
    /// Momentum score per asset from a price history (oldest first): the total return from
    /// <c>lookback</c> periods ago to <c>skip</c> periods ago (e.g. 12-1 month momentum: lookback 12, skip 1).
    /// </summary>
    public static double[] Scores(IReadOnlyList<IReadOnlyList<double>> pricesPerAsset, int lookback, int skip = 0)
    {
        ArgumentNullException.ThrowIfNull(pricesPerAsset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lookback);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        if (skip >= lookback)
        {
            throw new ArgumentOutOfRangeException(nameof(skip), "skip must be smaller than lookback");
        }

        var s = new double[pricesPerAsset.Count];
        for (int a = 0; a < s.Length; a++)
        {
            var p = pricesPerAsset[a];
            if (p.Count <= lookback)
            {
                throw new ArgumentException($"asset {a}: {p.Count} prices, need more than lookback {lookback}", nameof(pricesPerAsset));
            }

            double start = p[p.Count - 1 - lookback];
            double end = p[p.Count - 1 - skip];
            if (!(start > 0) || !(end > 0))
            {
                throw new ArgumentException($"asset {a}: prices must be positive", nameof(pricesPerAsset));
            }

            s[a] = (end / start) - 1;
        }

        return s;
    }

    /// <summary>
    /// Unconstrained momentum target: the <paramref name="topK"/> highest scores (ties broken by asset order),
    /// weights ∝ 1/σ_i, summing to 1. <paramref name="volatilities"/> are annual volatilities (&gt; 0).
    /// </summary>
    public static double[] TargetWeights(IReadOnlyList<double> scores, IReadOnlyList<double> volatilities, int topK)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(volatilities);
        int n = scores.Count;
        if (topK < 1 || topK > n)
        {
            throw new OptimizationInputException("topK", $"topK must be between 1 and the number of assets {n} (got {topK})");
        }

        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(scores[i]) || double.IsInfinity(scores[i]))
            {
                throw new OptimizationInputException("momentumScores", $"momentumScores[{i}] is not a finite number");
            }

            if (!(volatilities[i] > 0))
            {
                throw new OptimizationInputException("covariance", $"Momentum volatility scaling needs positive variances but asset {i} has volatility {volatilities[i].ToString(CultureInfo.InvariantCulture)}");
            }
        }

        var order = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(topK).ToArray();
        var w = new double[n];
        double total = 0;
        foreach (int i in order)
        {
            w[i] = 1.0 / volatilities[i];
            total += w[i];
        }

        for (int i = 0; i < n; i++)
        {
            w[i] /= total;
        }

        return w;
    }

    /// <summary>Projects a target onto the constraints: argmin ‖w − target‖² subject to them (all constraint kinds).</summary>
    public static PortfolioSolution Project(IReadOnlyList<double> target, LinearConstraintSet constraints, double? minDiversification, Qp.QpSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(constraints);
        int n = target.Count;
        var identity = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            identity[(i * n) + i] = 1;
        }

        // min ½wᵀw − targetᵀw  ≡  min ½‖w − target‖²
        return MeanVarianceOptimizer.Optimize(target, identity, constraints, minDiversification, new MeanVarianceParameters
        {
            Objective = MeanVarianceObjective.MaxUtility,
            RiskAversion = 1.0,
            Solver = settings ?? Qp.QpSettings.Default,
        });
    }
}
