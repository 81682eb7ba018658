using System.Numerics;
using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>Tight SIMD loops shared by the measures (no MathNet per-element calls in inner loops).</summary>
internal static class DenseKernels
{
    /// <summary>Σ a_i·b_i.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length;
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count * 2)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..n]);
            var acc0 = Vector<double>.Zero;
            var acc1 = Vector<double>.Zero;
            int v = 0;
            for (; v + 1 < va.Length; v += 2)
            {
                acc0 += va[v] * vb[v];
                acc1 += va[v + 1] * vb[v + 1];
            }

            for (; v < va.Length; v++)
            {
                acc0 += va[v] * vb[v];
            }

            sum = Vector.Sum(acc0 + acc1);
            i = va.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>y += alpha·x.</summary>
    public static void AddScaled(Span<double> y, double alpha, ReadOnlySpan<double> x)
    {
        int n = y.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            var va = new Vector<double>(alpha);
            for (int v = 0; v < vy.Length; v++)
            {
                vy[v] += va * vx[v];
            }

            i = vy.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    /// <summary>dst = −src + alpha·x (the loss of a total P&amp;L with one position scaled back in).</summary>
    public static void NegateAddScaled(Span<double> destination, ReadOnlySpan<double> source, double alpha, ReadOnlySpan<double> x)
    {
        int n = destination.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vd = MemoryMarshal.Cast<double, Vector<double>>(destination);
            var vs = MemoryMarshal.Cast<double, Vector<double>>(source[..n]);
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            var va = new Vector<double>(alpha);
            for (int v = 0; v < vd.Length; v++)
            {
                vd[v] = (va * vx[v]) - vs[v];
            }

            i = vd.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            destination[i] = (alpha * x[i]) - source[i];
        }
    }

    /// <summary>dst = alpha·x.</summary>
    public static void Scale(Span<double> destination, double alpha, ReadOnlySpan<double> x)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = alpha * x[i];
        }
    }

    /// <summary>
    /// y = Σ·w for a symmetric Σ given row-major, reading only its lower triangle (diagonal included): each stored
    /// Σ_ij (j &lt; i) adds Σ_ij·w_j to y_i and Σ_ij·w_i to y_j. Half the memory traffic of a full product.
    /// </summary>
    public static void SymmetricProduct(ReadOnlySpan<double> matrix, int n, ReadOnlySpan<double> w, Span<double> y)
    {
        y[..n].Clear();
        for (int i = 0; i < n; i++)
        {
            var row = matrix.Slice(i * n, i);
            double wi = w[i];
            y[i] += Dot(row, w[..i]) + (matrix[(i * n) + i] * wi);
            AddScaled(y[..i], wi, row);
        }
    }

    /// <summary>Whether every value is finite (vectorised: x − x is 0 for finite x and NaN otherwise).</summary>
    public static bool AllFinite(ReadOnlySpan<double> values)
    {
        int i = 0;
        var acc = Vector<double>.Zero;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var v = MemoryMarshal.Cast<double, Vector<double>>(values);
            for (int k = 0; k < v.Length; k++)
            {
                acc += v[k] - v[k];
            }

            i = v.Length * Vector<double>.Count;
        }

        double scalar = Vector.Sum(acc);
        for (; i < values.Length; i++)
        {
            scalar += values[i] - values[i];
        }

        return scalar == 0;
    }

    /// <summary>d = x − shift; sum += d; sumSq += d² (element-wise).</summary>
    public static void AccumulateDeviation(ReadOnlySpan<double> x, ReadOnlySpan<double> shift, Span<double> sum, Span<double> sumSq)
    {
        int n = x.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vs = MemoryMarshal.Cast<double, Vector<double>>(shift[..n]);
            var vsum = MemoryMarshal.Cast<double, Vector<double>>(sum[..n]);
            var vsq = MemoryMarshal.Cast<double, Vector<double>>(sumSq[..n]);
            for (int k = 0; k < vx.Length; k++)
            {
                var d = vx[k] - vs[k];
                vsum[k] += d;
                vsq[k] += d * d;
            }

            i = vx.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            double d = x[i] - shift[i];
            sum[i] += d;
            sumSq[i] += d * d;
        }
    }
}
