using MathNet.Numerics.LinearAlgebra;

namespace MultiAsset.Engine.Portfolio.Optimization.Rebalancing;

/// <summary>Regression hedge ratios for dynamic hedging overlays.</summary>
public static class HedgeRatios
{
    /// <summary>
    /// OLS betas (with intercept) of each asset's returns on the hedge instruments' returns:
    /// r_i = α_i + Σ_k β_ik h_k + ε. <paramref name="assetReturns"/> is T×n, <paramref name="hedgeReturns"/> T×k
    /// (same periods). Returns n×k row-major betas. Solved by QR (MathNet), so collinear hedges raise an error.
    /// </summary>
    public static double[] OlsBetas(IReadOnlyList<IReadOnlyList<double>> assetReturns, IReadOnlyList<IReadOnlyList<double>> hedgeReturns)
    {
        ArgumentNullException.ThrowIfNull(assetReturns);
        ArgumentNullException.ThrowIfNull(hedgeReturns);
        int t = assetReturns.Count;
        if (t != hedgeReturns.Count || t == 0)
        {
            throw new ArgumentException($"asset returns have {t} periods but hedge returns have {hedgeReturns.Count}");
        }

        int n = assetReturns[0].Count, k = hedgeReturns[0].Count;
        if (t < k + 2)
        {
            throw new ArgumentException($"need at least {k + 2} periods to regress on {k} hedge instruments, got {t}");
        }

        var x = Matrix<double>.Build.Dense(t, k + 1, (r, c) => c == 0 ? 1.0 : hedgeReturns[r][c - 1]);
        var y = Matrix<double>.Build.Dense(t, n, (r, c) => assetReturns[r][c]);
        var qr = x.QR();
        if (qr.R.Diagonal().AbsoluteMinimum() < 1e-12 * Math.Max(1, qr.R.Diagonal().AbsoluteMaximum()))
        {
            throw new ArgumentException("hedge instrument returns are collinear (or constant); betas are not identified");
        }

        var coef = qr.Solve(y); // (k+1) × n
        var betas = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < k; j++)
            {
                betas[(i * k) + j] = coef[j + 1, i];
            }
        }

        return betas;
    }

    /// <summary>
    /// Keeps the non-hedge weights and sets each hedge instrument's weight to −ratio × the portfolio's beta to it:
    /// w_hedge,j = −h·Σ_{i ∉ hedges} w_i β_ij (the existing hedge positions are replaced).
    /// </summary>
    public static double[] ApplyOverlay(IReadOnlyList<double> weights, HedgeOverlay overlay)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(overlay);
        int n = weights.Count, k = overlay.HedgeAssets.Count;
        if (overlay.Betas.Count != n * k)
        {
            throw new ArgumentException($"betas must be {n}x{k} but have {overlay.Betas.Count} values");
        }

        var isHedge = new bool[n];
        foreach (int h in overlay.HedgeAssets)
        {
            isHedge[h] = true;
        }

        var w = weights.ToArray();
        for (int j = 0; j < k; j++)
        {
            double exposure = 0;
            for (int i = 0; i < n; i++)
            {
                if (!isHedge[i])
                {
                    exposure += weights[i] * overlay.Betas[(i * k) + j];
                }
            }

            w[overlay.HedgeAssets[j]] = -overlay.HedgeRatio * exposure;
        }

        return w;
    }
}
