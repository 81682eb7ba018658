namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>The sample covariance of a T×n return history: about the sample mean, divisor T − 1 (T ≥ 2).</summary>
internal static class SampleCovariance
{
    public static RiskMatrix Estimate(RiskMatrix returns)
    {
        int t = returns.Rows;
        int n = returns.Columns;
        // Centred columns, column-major, so that every covariance is one contiguous dot product.
        var centered = new double[t * n];
        var r = returns.Values;
        for (int s = 0; s < t; s++)
        {
            for (int i = 0; i < n; i++)
            {
                centered[(i * t) + s] = r[(s * n) + i];
            }
        }

        for (int i = 0; i < n; i++)
        {
            var column = centered.AsSpan(i * t, t);
            double mean = 0;
            foreach (double v in column)
            {
                mean += v;
            }

            mean /= t;
            for (int s = 0; s < t; s++)
            {
                column[s] -= mean;
            }
        }

        var cov = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            var ci = centered.AsSpan(i * t, t);
            for (int j = 0; j <= i; j++)
            {
                double c = DenseKernels.Dot(ci, centered.AsSpan(j * t, t)) / (t - 1);
                cov[(i * n) + j] = c;
                cov[(j * n) + i] = c;
            }
        }

        return new RiskMatrix(n, n, cov);
    }
}
