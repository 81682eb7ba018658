namespace MultiAsset.Engine.Portfolio.Optimization.Qp;

/// <summary>
/// Euclidean projection onto the L1 ball <c>{v : ‖v − c‖₁ ≤ r}</c> by sorting (Duchi, Shalev-Shwartz, Singer, Chandra,
/// "Efficient projections onto the l1-ball for learning in high dimensions", ICML 2008): O(n log n), allocation-free.
/// </summary>
internal static class L1BallProjection
{
    /// <summary>
    /// Writes the projection of <paramref name="v"/> into <paramref name="result"/> (may alias <paramref name="v"/>)
    /// and returns the soft threshold θ (0 when v is already inside). Coordinates with |vᵢ − cᵢ| ≤ θ come out exactly
    /// equal to cᵢ, which is what lets the polish step read the pattern of untouched assets off the iterate.
    /// <paramref name="scratch"/> needs c.Length entries.
    /// </summary>
    public static double Project(ReadOnlySpan<double> v, ReadOnlySpan<double> c, double radius, Span<double> result, Span<double> scratch)
    {
        int n = c.Length;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            total += Math.Abs(v[i] - c[i]);
        }

        if (total <= radius)
        {
            v[..n].CopyTo(result);
            return 0;
        }

        if (radius <= 0)
        {
            c.CopyTo(result);
            return double.PositiveInfinity;
        }

        var a = scratch[..n];
        for (int i = 0; i < n; i++)
        {
            a[i] = Math.Abs(v[i] - c[i]);
        }

        a.Sort();

        // Largest k such that the k-th largest magnitude still exceeds the threshold its prefix implies.
        double prefix = 0;
        double theta = 0;
        for (int k = 1; k <= n; k++)
        {
            double ak = a[n - k];
            prefix += ak;
            double t = (prefix - radius) / k;
            if (ak > t)
            {
                theta = t;
            }
            else
            {
                break;
            }
        }

        for (int i = 0; i < n; i++)
        {
            double d = v[i] - c[i];
            double mag = Math.Abs(d) - theta;
            result[i] = mag > 0 ? c[i] + (d > 0 ? mag : -mag) : c[i];
        }

        return theta;
    }
}
