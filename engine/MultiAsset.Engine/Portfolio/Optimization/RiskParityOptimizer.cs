using System.Globalization;

namespace MultiAsset.Engine.Portfolio.Optimization;

/// <summary>Result of <see cref="RiskParityOptimizer.Optimize"/>.</summary>
public sealed class RiskParityResult
{
    internal RiskParityResult(double[] weights, double[] contributions, int sweeps, bool converged, double maxError)
    {
        Weights = weights;
        RiskContributions = contributions;
        Sweeps = sweeps;
        Converged = converged;
        MaxBudgetError = maxError;
    }

    /// <summary>Long-only weights summing to 1.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>Fractional risk contributions w_i(Σw)_i / wᵀΣw (sum to 1).</summary>
    public IReadOnlyList<double> RiskContributions { get; }

    /// <summary>Coordinate-descent sweeps taken.</summary>
    public int Sweeps { get; }

    /// <summary>True when max_i |RC_i − b_i| ≤ the tolerance.</summary>
    public bool Converged { get; }

    /// <summary>max_i |RC_i − b_i| at exit.</summary>
    public double MaxBudgetError { get; }
}

/// <summary>
/// Risk budgeting (equal risk contribution when the budgets are equal): find long-only w with
/// w_i(Σw)_i / wᵀΣw = b_i.
/// </summary>
/// <remarks>
/// Solves the strictly convex log-barrier problem min ½xᵀΣx − Σ b_i ln x_i over x &gt; 0 (Spinu 2013; Roncalli), whose
/// unique minimiser satisfies x_i(Σx)_i = b_i, then normalises w = x/Σx. Cyclical coordinate descent
/// (Griveau-Billion, Richard &amp; Roncalli 2013): each coordinate has the closed form
/// x_i = (−c_i + √(c_i² + 4Σ_ii b_i)) / (2Σ_ii) with c_i = Σ_{j≠i} Σ_ij x_j, keeping Σx updated in O(n) per
/// coordinate (O(n²) per sweep). Stops when max_i |RC_i − b_i| ≤ <c>tolerance</c> (default 1e-10) or after
/// <c>maxSweeps</c> (default 10 000). Needs positive variances.
/// </remarks>
public static class RiskParityOptimizer
{
    /// <summary>Runs the solver. <paramref name="budgets"/> null = equal; otherwise positive, normalised to sum 1.</summary>
    public static RiskParityResult Optimize(double[] covariance, int n, IReadOnlyList<double>? budgets = null, double tolerance = 1e-10, int maxSweeps = 10_000)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        var b = new double[n];
        if (budgets is null)
        {
            Array.Fill(b, 1.0 / n);
        }
        else
        {
            if (budgets.Count != n)
            {
                throw new OptimizationInputException("riskBudgets", $"riskBudgets must have {n} entries (assets has {n}) but has {budgets.Count}");
            }

            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                if (!(budgets[i] > 0) || double.IsInfinity(budgets[i]))
                {
                    throw new OptimizationInputException("riskBudgets", $"riskBudgets[{i}] must be a finite number > 0 (got {budgets[i].ToString(CultureInfo.InvariantCulture)})");
                }

                sum += budgets[i];
            }

            for (int i = 0; i < n; i++)
            {
                b[i] = budgets[i] / sum;
            }
        }

        for (int i = 0; i < n; i++)
        {
            if (!(covariance[(i * n) + i] > 0))
            {
                throw new OptimizationInputException("covariance", $"RiskParity needs positive variances but covariance[{i}][{i}] is {covariance[(i * n) + i].ToString(CultureInfo.InvariantCulture)}");
            }
        }

        // start from inverse-volatility weights scaled so that xᵀΣx ≈ 1
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = 1.0 / Math.Sqrt(covariance[(i * n) + i]);
        }

        var sx = new double[n];
        Qp.DenseMath.MatVec(covariance, n, x, sx);
        double var0 = Qp.DenseMath.Dot(x, sx);
        double s0 = 1.0 / Math.Sqrt(var0);
        for (int i = 0; i < n; i++)
        {
            x[i] *= s0;
            sx[i] *= s0;
        }

        int sweep = 0;
        double err = double.PositiveInfinity;
        var rc = new double[n];
        while (sweep < maxSweeps)
        {
            sweep++;
            for (int i = 0; i < n; i++)
            {
                double sii = covariance[(i * n) + i];
                double c = sx[i] - (sii * x[i]);
                double xi = (-c + Math.Sqrt((c * c) + (4 * sii * b[i]))) / (2 * sii);
                double d = xi - x[i];
                if (d != 0)
                {
                    // Σ is symmetric: column i == row i
                    Qp.DenseMath.Axpy(d, covariance.AsSpan(i * n, n), sx);
                    x[i] = xi;
                }
            }

            err = Contributions(x, sx, b, rc);
            if (err <= tolerance)
            {
                break;
            }
        }

        double total = x.Sum();
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            w[i] = x[i] / total;
            if (double.IsNaN(w[i]))
            {
                throw new InvalidOperationException("risk parity produced NaN weights; this is a bug");
            }
        }

        return new RiskParityResult(w, rc, sweep, err <= tolerance, err);
    }

    private static double Contributions(double[] x, double[] sx, double[] b, double[] rc)
    {
        double total = 0;
        for (int i = 0; i < x.Length; i++)
        {
            rc[i] = x[i] * sx[i];
            total += rc[i];
        }

        double err = 0;
        for (int i = 0; i < x.Length; i++)
        {
            rc[i] /= total;
            err = Math.Max(err, Math.Abs(rc[i] - b[i]));
        }

        return err;
    }
}
