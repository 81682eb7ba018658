using System.Globalization;

namespace MultiAsset.Engine.Portfolio.Optimization.Estimation;

/// <summary>Ledoit–Wolf shrinkage target.</summary>
public enum ShrinkageTarget
{
    /// <summary>Constant correlation (Ledoit &amp; Wolf 2004, "Honey, I shrunk the sample covariance matrix"):
    /// F_ii = s_ii, F_ij = r̄·√(s_ii s_jj) with r̄ the average sample correlation.</summary>
    ConstantCorrelation,

    /// <summary>Scaled identity (Ledoit &amp; Wolf 2004, "A well-conditioned estimator for large-dimensional covariance
    /// matrices"): F = m·I with m = tr(S)/n.</summary>
    ScaledIdentity,
}

/// <summary>A covariance estimate with the shrinkage intensity used (0 for unshrunk estimators).</summary>
public sealed class CovarianceEstimate
{
    internal CovarianceEstimate(double[] matrix, int n, double shrinkage)
    {
        Matrix = matrix;
        Size = n;
        Shrinkage = shrinkage;
    }

    /// <summary>Row-major n×n covariance, annualised by the periodsPerYear passed in.</summary>
    public IReadOnlyList<double> Matrix { get; }

    /// <summary>n.</summary>
    public int Size { get; }

    /// <summary>Ledoit–Wolf δ ∈ [0, 1] (weight of the target); 0 for sample and EWMA.</summary>
    public double Shrinkage { get; }

    /// <summary>Entry (i, j).</summary>
    public double this[int i, int j] => Matrix[(i * Size) + j];

    /// <summary>Copy as a row-major array (the optimisers' input).</summary>
    public double[] ToArray() => [.. Matrix];
}

/// <summary>
/// Covariance estimators from a T×n matrix of periodic returns (<c>returns[t][i]</c>, oldest first). Results are
/// multiplied by <c>periodsPerYear</c> (e.g. 252 for daily returns) so that they are annual, like the optimiser inputs.
/// </summary>
public static class CovarianceEstimators
{
    /// <summary>Unbiased sample covariance (divisor T − 1).</summary>
    public static CovarianceEstimate Sample(IReadOnlyList<IReadOnlyList<double>> returns, double periodsPerYear = 1)
    {
        var (x, t, n) = Demeaned(returns, 2);
        var s = CrossProduct(x, t, n, 1.0 / (t - 1));
        Scale(s, periodsPerYear);
        return new CovarianceEstimate(s, n, 0);
    }

    /// <summary>
    /// RiskMetrics EWMA: Σ_t = λΣ_{t−1} + (1 − λ) r_t r_tᵀ (zero-mean returns, as RiskMetrics), seeded with the
    /// first observation's outer product weight and normalised so that the weights (1 − λ)λ^k sum to 1 over the
    /// sample. Default λ = 0.94 (RiskMetrics daily).
    /// </summary>
    public static CovarianceEstimate Ewma(IReadOnlyList<IReadOnlyList<double>> returns, double lambda = 0.94, double periodsPerYear = 1)
    {
        if (!(lambda > 0 && lambda < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be in (0, 1)");
        }

        var (x, t, n) = Raw(returns, 1);
        var s = new double[n * n];
        double wsum = 0;
        for (int k = 0; k < t; k++)
        {
            double w = (1 - lambda) * Math.Pow(lambda, t - 1 - k); // most recent observation gets (1 − λ)
            wsum += w;
            var r = x[k];
            for (int i = 0; i < n; i++)
            {
                double wi = w * r[i];
                for (int j = 0; j < n; j++)
                {
                    s[(i * n) + j] += wi * r[j];
                }
            }
        }

        for (int i = 0; i < s.Length; i++)
        {
            s[i] /= wsum;
        }

        Scale(s, periodsPerYear);
        return new CovarianceEstimate(s, n, 0);
    }

    /// <summary>
    /// Ledoit–Wolf shrinkage Σ̂ = δF + (1 − δ)S with the asymptotically optimal δ estimated from the data
    /// (clamped to [0, 1]). S here is the maximum-likelihood sample covariance (divisor T), as in the papers.
    /// </summary>
    public static CovarianceEstimate LedoitWolf(IReadOnlyList<IReadOnlyList<double>> returns, ShrinkageTarget target = ShrinkageTarget.ConstantCorrelation, double periodsPerYear = 1)
    {
        var (x, t, n) = Demeaned(returns, 2);
        var s = CrossProduct(x, t, n, 1.0 / t);
        var f = new double[n * n];
        double delta;
        if (target == ShrinkageTarget.ScaledIdentity)
        {
            double m = 0;
            for (int i = 0; i < n; i++)
            {
                m += s[(i * n) + i];
            }

            m /= n;
            double d2 = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double e = s[(i * n) + j] - (i == j ? m : 0);
                    d2 += e * e;
                }
            }

            d2 /= n;
            double b2 = 0;
            for (int k = 0; k < t; k++)
            {
                var r = x[k];
                double fro = 0;
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        double e = (r[i] * r[j]) - s[(i * n) + j];
                        fro += e * e;
                    }
                }

                b2 += fro / n;
            }

            b2 /= (double)t * t;
            b2 = Math.Min(b2, d2);
            delta = d2 > 0 ? b2 / d2 : 0; // weight on the target
            for (int i = 0; i < n; i++)
            {
                f[(i * n) + i] = m;
            }
        }
        else
        {
            var sd = new double[n];
            for (int i = 0; i < n; i++)
            {
                sd[i] = Math.Sqrt(s[(i * n) + i]);
            }

            double rbar = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    rbar += s[(i * n) + j] / (sd[i] * sd[j]);
                }
            }

            rbar = n > 1 ? 2 * rbar / (n * (n - 1.0)) : 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    f[(i * n) + j] = i == j ? s[(i * n) + i] : rbar * sd[i] * sd[j];
                }
            }

            // π̂ = Σ_ij π_ij,  π_ij = (1/T) Σ_t ((x_ti x_tj) − s_ij)²
            // ρ̂ = Σ_i π_ii + Σ_{i≠j} (r̄/2)(√(s_jj/s_ii) θ_ii,ij + √(s_ii/s_jj) θ_jj,ij)
            //   θ_kk,ij = (1/T) Σ_t (x_tk² − s_kk)(x_ti x_tj − s_ij)
            // γ̂ = ‖F − S‖²_F ;  κ = (π̂ − ρ̂)/γ̂ ;  δ = clamp(κ/T, 0, 1)
            double pi = 0, rho = 0;
            var theta = new double[n * n]; // θ_ii,ij stored at [i, j]
            for (int k = 0; k < t; k++)
            {
                var r = x[k];
                for (int i = 0; i < n; i++)
                {
                    double sqi = (r[i] * r[i]) - s[(i * n) + i];
                    for (int j = 0; j < n; j++)
                    {
                        double pij = (r[i] * r[j]) - s[(i * n) + j];
                        pi += pij * pij;
                        theta[(i * n) + j] += sqi * pij;
                    }
                }
            }

            pi /= t;
            for (int i = 0; i < theta.Length; i++)
            {
                theta[i] /= t;
            }

            for (int i = 0; i < n; i++)
            {
                rho += theta[(i * n) + i]; // π_ii
            }

            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    if (i == j)
                    {
                        continue;
                    }

                    rho += 0.5 * rbar * ((Math.Sqrt(s[(j * n) + j] / s[(i * n) + i]) * theta[(i * n) + j]) + (Math.Sqrt(s[(i * n) + i] / s[(j * n) + j]) * theta[(j * n) + i]));
                }
            }

            double gamma = 0;
            for (int i = 0; i < s.Length; i++)
            {
                double e = f[i] - s[i];
                gamma += e * e;
            }

            delta = gamma > 0 ? Math.Clamp((pi - rho) / gamma / t, 0, 1) : 0;
        }

        var result = new double[n * n];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (delta * f[i]) + ((1 - delta) * s[i]);
        }

        Scale(result, periodsPerYear);
        return new CovarianceEstimate(result, n, delta);
    }

    private static (double[][] X, int T, int N) Raw(IReadOnlyList<IReadOnlyList<double>> returns, int minRows)
    {
        ArgumentNullException.ThrowIfNull(returns);
        int t = returns.Count;
        if (t < minRows)
        {
            throw new ArgumentException($"need at least {minRows} return observations, got {t}", nameof(returns));
        }

        int n = returns[0].Count;
        if (n == 0)
        {
            throw new ArgumentException("returns have no assets", nameof(returns));
        }

        var x = new double[t][];
        for (int k = 0; k < t; k++)
        {
            if (returns[k].Count != n)
            {
                throw new ArgumentException($"returns[{k}] has {returns[k].Count} values but returns[0] has {n}", nameof(returns));
            }

            x[k] = new double[n];
            for (int i = 0; i < n; i++)
            {
                double v = returns[k][i];
                if (double.IsNaN(v) || double.IsInfinity(v))
                {
                    throw new ArgumentException($"returns[{k}][{i}] is not a finite number ({v.ToString(CultureInfo.InvariantCulture)})", nameof(returns));
                }

                x[k][i] = v;
            }
        }

        return (x, t, n);
    }

    private static (double[][] X, int T, int N) Demeaned(IReadOnlyList<IReadOnlyList<double>> returns, int minRows)
    {
        var (x, t, n) = Raw(returns, minRows);
        for (int i = 0; i < n; i++)
        {
            double mean = 0;
            for (int k = 0; k < t; k++)
            {
                mean += x[k][i];
            }

            mean /= t;
            for (int k = 0; k < t; k++)
            {
                x[k][i] -= mean;
            }
        }

        return (x, t, n);
    }

    private static double[] CrossProduct(double[][] x, int t, int n, double factor)
    {
        var s = new double[n * n];
        for (int k = 0; k < t; k++)
        {
            var r = x[k];
            for (int i = 0; i < n; i++)
            {
                for (int j = i; j < n; j++)
                {
                    s[(i * n) + j] += r[i] * r[j];
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                s[(i * n) + j] *= factor;
                s[(j * n) + i] = s[(i * n) + j];
            }
        }

        return s;
    }

    private static void Scale(double[] s, double k)
    {
        for (int i = 0; i < s.Length; i++)
        {
            s[i] *= k;
        }
    }
}
