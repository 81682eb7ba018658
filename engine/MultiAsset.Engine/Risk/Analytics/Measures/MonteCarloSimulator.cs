namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// Draws the Monte Carlo paths: per path, n standard normals z (in instrument order) and, for Student-t, then one
/// W ~ χ²(ν); the per-unit return of instrument i is U_i,p = √h·s_p·(F·z)_i + h·μ_i with s_p = 1 (normal) or
/// √((ν − 2)/W) (Student-t with covariance Σ). One generator, paths in order, one thread: bit-reproducible per seed.
/// </summary>
internal static class MonteCarloSimulator
{
    private const int Block = 32;

    /// <summary>The per-unit returns, row-major (U[p·n + i]), horizon-scaled and with the drift added.</summary>
    public static double[] Simulate(CovarianceFactor factor, double[]? mean, RiskMeasureOptions options)
    {
        int n = factor.Size;
        int paths = options.Paths;
        double root = Math.Sqrt(options.Horizon);
        bool studentT = options.Distribution == ReturnDistribution.StudentT;
        double nu = options.DegreesOfFreedom;
        var rng = new Xoshiro256StarStar(options.Seed);
        var u = GC.AllocateUninitializedArray<double>(paths * n);
        var z = new double[Block * n];
        var scale = new double[Block];
        var f = factor.Values;
        for (int p0 = 0; p0 < paths; p0 += Block)
        {
            int b1 = Math.Min(Block, paths - p0);
            for (int b = 0; b < b1; b++)
            {
                var zb = z.AsSpan(b * n, n);
                for (int j = 0; j < n; j++)
                {
                    zb[j] = rng.NextNormal();
                }

                scale[b] = studentT ? root * Math.Sqrt((nu - 2) / rng.NextChiSquared(nu)) : root;
            }

            for (int b = 0; b < b1; b++)
            {
                var zb = z.AsSpan(b * n, n);
                var xb = u.AsSpan((p0 + b) * n, n);
                for (int i = 0; i < n; i++)
                {
                    int length = factor.LowerTriangular ? i + 1 : n;
                    double drift = mean is null ? 0 : options.Horizon * mean[i];
                    xb[i] = (scale[b] * DenseKernels.Dot(f.AsSpan(i * n, length), zb[..length])) + drift;
                }
            }
        }

        return u;
    }
}
