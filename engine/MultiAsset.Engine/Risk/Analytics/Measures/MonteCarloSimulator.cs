using System.Numerics;
using System.Runtime.InteropServices;
using MultiAsset.Engine.MarketData.Synthetic;

namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// Draws the Monte Carlo paths: per path, n standard normals z (in instrument order) and, for Student-t, then one
/// W ~ χ²(ν); the per-unit return of instrument i is U_p,i = √h·s_p·(F·z)_i + h·μ_i with s_p = 1 (normal) or
/// √((ν − 2)/W) (Student-t with covariance Σ). One generator, paths in order, one thread: bit-reproducible per seed.
/// </summary>
/// <remarks>
/// Paths are processed in blocks of 64: the block's normals are stored instrument-major so that X = F·Z is a sequence
/// of contiguous axpy updates x_i += F_ij·z_j over the 64 paths (vectorised, no per-dot-product call overhead); the
/// summation order is fixed, so the result does not depend on the machine's load or thread count.
/// </remarks>
internal static class MonteCarloSimulator
{
    private const int Block = 64;

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
        var z = new double[n * Block]; // z[j·Block + b]
        var x = new double[n * Block]; // x[i·Block + b]
        var scale = new double[Block];
        var drift = new double[n];
        for (int i = 0; i < n; i++)
        {
            drift[i] = mean is null ? 0 : options.Horizon * mean[i];
        }

        var f = factor.Values;
        for (int p0 = 0; p0 < paths; p0 += Block)
        {
            int width = Math.Min(Block, paths - p0);
            for (int b = 0; b < width; b++)
            {
                for (int j = 0; j < n; j++)
                {
                    z[(j * Block) + b] = rng.NextNormal();
                }

                scale[b] = studentT ? root * Math.Sqrt((nu - 2) / rng.NextChiSquared(nu)) : root;
            }

            for (int i = 0; i < n; i++)
            {
                int length = factor.LowerTriangular ? i + 1 : n;
                FactorRow(f.AsSpan(i * n, length), z, x.AsSpan(i * Block, Block));
            }

            for (int b = 0; b < width; b++)
            {
                var row = u.AsSpan((p0 + b) * n, n);
                double sb = scale[b];
                for (int i = 0; i < n; i++)
                {
                    row[i] = (sb * x[(i * Block) + b]) + drift[i];
                }
            }
        }

        return u;
    }

    /// <summary>
    /// x_b = Σ_j f_j·z[j·Block + b] for the 64 paths b of a block: four SIMD accumulators per group of 4·W paths stay in
    /// registers while j runs, so each factor element costs one broadcast and four fused multiply-adds.
    /// </summary>
    private static void FactorRow(ReadOnlySpan<double> f, double[] z, Span<double> x)
    {
        int lanes = Vector<double>.Count;
        int group = 4 * lanes;
        if (!Vector.IsHardwareAccelerated || Block % group != 0)
        {
            x.Clear();
            for (int j = 0; j < f.Length; j++)
            {
                DenseKernels.AddScaled(x, f[j], z.AsSpan(j * Block, Block));
            }

            return;
        }

        var zv = MemoryMarshal.Cast<double, Vector<double>>(z.AsSpan());
        var xv = MemoryMarshal.Cast<double, Vector<double>>(x);
        int perRow = Block / lanes;
        for (int g0 = 0; g0 < perRow; g0 += 4)
        {
            var a0 = Vector<double>.Zero;
            var a1 = Vector<double>.Zero;
            var a2 = Vector<double>.Zero;
            var a3 = Vector<double>.Zero;
            int index = g0;
            for (int j = 0; j < f.Length; j++, index += perRow)
            {
                var fj = new Vector<double>(f[j]);
                a0 += fj * zv[index];
                a1 += fj * zv[index + 1];
                a2 += fj * zv[index + 2];
                a3 += fj * zv[index + 3];
            }

            xv[g0] = a0;
            xv[g0 + 1] = a1;
            xv[g0 + 2] = a2;
            xv[g0 + 3] = a3;
        }
    }
}
