namespace MultiAsset.Engine.Portfolio.Optimization.Qp;

/// <summary>
/// Picks the multipliers that stationarity leaves undetermined when active rows are linearly dependent (degenerate
/// active sets, e.g. the budget row and the turnover row over assets that are all bought): k free parameters t that
/// must satisfy linear sign conditions <c>αᵢ + βᵢᵀt ≤ 0</c> (multiplier signs, |vᵢ| ≤ λ for pinned coordinates).
/// </summary>
/// <remarks>
/// One parameter (the usual case) is solved exactly: a point of the feasible interval, or when it is empty the minimiser of the
/// largest violation (a convex piecewise-linear function, by golden-section search). Several parameters are handled by
/// cyclic coordinate steps (8 sweeps), which finds a feasible point in the common separable cases; whatever remains
/// violated is reported by the caller's KKT test and drives its active-set correction.
/// </remarks>
internal static class NullSpaceMultipliers
{
    private const double Tiny = 1e-14;

    /// <summary>Returns t (length k) for the constraints α[i] + Σ_r β[r][i]·t[r] ≤ 0.</summary>
    public static double[] Select(double[] alpha, double[][] beta)
    {
        int k = beta.Length;
        var t = new double[k];
        if (k == 0)
        {
            return t;
        }

        var shifted = new double[alpha.Length];
        int sweeps = k == 1 ? 1 : 8;
        for (int sweep = 0; sweep < sweeps; sweep++)
        {
            for (int r = 0; r < k; r++)
            {
                for (int i = 0; i < alpha.Length; i++)
                {
                    double a = alpha[i];
                    for (int o = 0; o < k; o++)
                    {
                        if (o != r)
                        {
                            a += beta[o][i] * t[o];
                        }
                    }

                    shifted[i] = a;
                }

                t[r] = SelectOne(shifted, beta[r]);
            }
        }

        return t;
    }

    /// <summary>One parameter: the point of the feasible interval closest to 0 (at least a quarter of a bounded
    /// interval away from its ends), or the minimiser of the maximum violation when the interval is empty.</summary>
    private static double SelectOne(double[] alpha, double[] beta)
    {
        double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        for (int i = 0; i < alpha.Length; i++)
        {
            double b = beta[i];
            if (Math.Abs(b) <= Tiny)
            {
                continue; // does not depend on t
            }

            double bound = -alpha[i] / b;
            if (b > 0)
            {
                hi = Math.Min(hi, bound);
            }
            else
            {
                lo = Math.Max(lo, bound);
            }
        }

        if (lo <= hi)
        {
            // Smallest multipliers, but kept a quarter of the interval away from its ends so that rounding cannot
            // tip a condition that holds with equality there.
            double margin = double.IsFinite(hi - lo) ? 0.25 * (hi - lo) : 0;
            return Math.Clamp(0, lo + margin, hi - margin);
        }

        // Empty: the largest violation max_i(αᵢ + βᵢt) is convex in t and its minimiser lies in [hi, lo].
        double a0 = hi, b0 = lo;
        const double invPhi = 0.6180339887498949;
        double c = b0 - (invPhi * (b0 - a0)), d = a0 + (invPhi * (b0 - a0));
        double fc = MaxViolation(alpha, beta, c), fd = MaxViolation(alpha, beta, d);
        for (int it = 0; it < 80 && (b0 - a0) > 1e-15 * Math.Max(1, Math.Abs(a0)); it++)
        {
            if (fc <= fd)
            {
                b0 = d;
                d = c;
                fd = fc;
                c = b0 - (invPhi * (b0 - a0));
                fc = MaxViolation(alpha, beta, c);
            }
            else
            {
                a0 = c;
                c = d;
                fc = fd;
                d = a0 + (invPhi * (b0 - a0));
                fd = MaxViolation(alpha, beta, d);
            }
        }

        return 0.5 * (a0 + b0);
    }

    private static double MaxViolation(double[] alpha, double[] beta, double t)
    {
        double worst = double.NegativeInfinity;
        for (int i = 0; i < alpha.Length; i++)
        {
            worst = Math.Max(worst, alpha[i] + (beta[i] * t));
        }

        return worst;
    }
}
