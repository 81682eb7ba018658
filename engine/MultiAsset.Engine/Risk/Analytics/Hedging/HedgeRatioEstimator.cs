using MultiAsset.Engine.Portfolio.Optimization.Estimation;
using MultiAsset.Engine.Portfolio.Optimization.Rebalancing;

namespace MultiAsset.Engine.Risk.Analytics.Hedging;

/// <summary>
/// Dynamic minimum-variance hedge ratios from two return series of equal length (oldest first, simple or log returns
/// per period, finite): β = Cov(r_a, r_h) ÷ Var(r_h) — the hedge notional per unit of asset notional that minimises the
/// variance of r_a − β·r_h.
/// </summary>
/// <remarks>
/// <para><b>EWMA</b> (RiskMetrics): zero-mean moments C_t = λ·C_{t−1} + (1 − λ)·r_t·r_tᵀ, i.e. weights (1 − λ)λ^(T−1−t) on
/// the products of returns, the oldest observation seeding the recursion with its own weight; weights are normalised to
/// sum to 1 (<see cref="CovarianceEstimators.Ewma"/>, reused). β and ρ do not depend on the normalisation.</para>
/// <para><b>OLS</b>: the slope of r_a = α + β·r_h + ε with an intercept (<see cref="HedgeRatios.OlsBetas"/>, reused),
/// which equals the sample Cov ÷ sample Var (divisor T − 1 in both). <b>Rolling OLS</b> does this on every window of
/// <c>window</c> consecutive returns.</para>
/// </remarks>
public static class HedgeRatioEstimator
{
    /// <summary>RiskMetrics' daily decay.</summary>
    public const double DefaultLambda = 0.94;

    /// <summary>The EWMA β of the asset on the hedge over the whole series.</summary>
    /// <exception cref="ArgumentException">Series of different length, fewer than 2 returns, a non-finite return, λ ∉ (0, 1), or a constant zero hedge series.</exception>
    public static HedgeRatioEstimate Ewma(IReadOnlyList<double> asset, IReadOnlyList<double> hedge, double lambda = DefaultLambda)
    {
        Check(asset, hedge, 2);
        if (!(lambda > 0 && lambda < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be in (0, 1)");
        }

        var rows = new IReadOnlyList<double>[asset.Count];
        for (int t = 0; t < rows.Length; t++)
        {
            rows[t] = [asset[t], hedge[t]];
        }

        var s = CovarianceEstimators.Ewma(rows, lambda);
        return Estimate("ewma", s[0, 1], s[0, 0], s[1, 1], asset.Count, asset.Count - 1);
    }

    /// <summary>The OLS β (with intercept) over the whole series.</summary>
    /// <exception cref="ArgumentException">Series of different length, fewer than 3 returns, a non-finite return, or a constant hedge series.</exception>
    public static HedgeRatioEstimate Ols(IReadOnlyList<double> asset, IReadOnlyList<double> hedge)
    {
        Check(asset, hedge, 3);
        return OlsWindow(asset, hedge, 0, asset.Count, "ols");
    }

    /// <summary>The OLS β on every window of <paramref name="window"/> consecutive returns, the first ending at index window − 1.</summary>
    /// <exception cref="ArgumentException">As <see cref="Ols"/>, or a window below 3 or above the series length.</exception>
    public static IReadOnlyList<HedgeRatioEstimate> RollingOls(IReadOnlyList<double> asset, IReadOnlyList<double> hedge, int window)
    {
        Check(asset, hedge, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 3);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, asset.Count);
        var result = new List<HedgeRatioEstimate>(asset.Count - window + 1);
        for (int start = 0; start + window <= asset.Count; start++)
        {
            result.Add(OlsWindow(asset, hedge, start, window, "rollingOls"));
        }

        return result;
    }

    /// <summary>
    /// The single-asset hedge implied by an estimate: sell β × <paramref name="exposure"/> of the hedge. Variances are in
    /// currency²: before = e²·Var_a, after = e²·(Var_a − 2β·Cov + β²·Var_h) (= e²·Var_a·(1 − ρ²) at the minimum-variance β).
    /// </summary>
    /// <param name="asset">The hedged asset.</param>
    /// <param name="exposure">Its signed notional in the base currency.</param>
    /// <param name="hedgeInstrument">The hedge.</param>
    /// <param name="estimate">β and the moments.</param>
    /// <param name="price">Hedge price (quote currency) for the quantity; null for none.</param>
    /// <param name="quoteToBaseRate">Base-currency value of one unit of the hedge's quote currency.</param>
    /// <param name="lotSize">Lot the quantity is rounded to; null for none.</param>
    public static HedgingStrategy ToStrategy(string asset, double exposure, string hedgeInstrument, HedgeRatioEstimate estimate, decimal? price = null, decimal quoteToBaseRate = 1m, decimal? lotSize = null)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        double notional = -estimate.Beta * exposure;
        double before = exposure * exposure * estimate.AssetVariance;
        double after = exposure * exposure * (estimate.AssetVariance - (2 * estimate.Beta * estimate.Covariance) + (estimate.Beta * estimate.Beta * estimate.HedgeVariance));
        return new HedgingStrategy
        {
            HedgeInstrument = hedgeInstrument,
            PrimaryAsset = asset,
            Method = estimate.Method,
            HedgeRatio = estimate.Beta,
            Beta = estimate.Beta,
            Notional = notional,
            Quantity = HedgeQuantity.From(notional, price, quoteToBaseRate, lotSize),
            Price = price,
            VarianceBefore = before,
            VarianceAfter = Math.Max(0, after),
            Effectiveness = HedgeQuantity.Effectiveness(before, after),
            Correlation = estimate.Correlation,
        };
    }

    private static HedgeRatioEstimate OlsWindow(IReadOnlyList<double> asset, IReadOnlyList<double> hedge, int start, int count, string method)
    {
        var a = new IReadOnlyList<double>[count];
        var h = new IReadOnlyList<double>[count];
        double meanA = 0, meanH = 0;
        for (int t = 0; t < count; t++)
        {
            a[t] = [asset[start + t]];
            h[t] = [hedge[start + t]];
            meanA += asset[start + t];
            meanH += hedge[start + t];
        }

        meanA /= count;
        meanH /= count;
        double cov = 0, varA = 0, varH = 0;
        for (int t = 0; t < count; t++)
        {
            double da = asset[start + t] - meanA, dh = hedge[start + t] - meanH;
            cov += da * dh;
            varA += da * da;
            varH += dh * dh;
        }

        if (!(varH > 0))
        {
            throw new ArgumentException($"the hedge returns are constant in the window ending at {start + count - 1}; β is not identified");
        }

        double beta = HedgeRatios.OlsBetas(a, h)[0];
        return new HedgeRatioEstimate(method, beta, Correlation(cov, varA, varH), cov / (count - 1), varA / (count - 1), varH / (count - 1), count, start + count - 1);
    }

    private static HedgeRatioEstimate Estimate(string method, double cov, double varA, double varH, int count, int end)
    {
        if (!(varH > 0))
        {
            throw new ArgumentException("the hedge returns have zero variance; β is not identified");
        }

        return new HedgeRatioEstimate(method, cov / varH, Correlation(cov, varA, varH), cov, varA, varH, count, end);
    }

    private static double Correlation(double cov, double varA, double varH)
        => varA > 0 && varH > 0 ? Math.Clamp(cov / Math.Sqrt(varA * varH), -1, 1) : 0;

    private static void Check(IReadOnlyList<double> asset, IReadOnlyList<double> hedge, int minimum)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(hedge);
        if (asset.Count != hedge.Count)
        {
            throw new ArgumentException($"the asset has {asset.Count} returns but the hedge {hedge.Count}");
        }

        if (asset.Count < minimum)
        {
            throw new ArgumentException($"need at least {minimum} returns, got {asset.Count}");
        }

        for (int t = 0; t < asset.Count; t++)
        {
            if (!double.IsFinite(asset[t]) || !double.IsFinite(hedge[t]))
            {
                throw new ArgumentException($"return {t} is not finite");
            }
        }
    }
}
