using System.Numerics;
using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Portfolio.Optimization.Qp;

/// <summary>
/// Small dense kernels on row-major <c>double[]</c> matrices used by the optimisers (off the hot path).
/// Kept local instead of going through MathNet for the inner ADMM loop because the factor is reused thousands
/// of times and the triangular solves must not allocate.
/// </summary>
internal static class DenseMath
{
    /// <summary>Dot product of two equally long spans (SIMD where available).</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length;
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count * 2)
        {
            var acc = Vector<double>.Zero;
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            for (int k = 0; k < va.Length; k++)
            {
                acc += va[k] * vb[k];
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>y += alpha * x.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count * 2)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
            var valpha = new Vector<double>(alpha);
            for (int k = 0; k < va.Length; k++)
            {
                vy[k] += valpha * va[k];
            }

            i = va.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    /// <summary>y = M x for a dense row-major n×n matrix.</summary>
    public static void MatVec(double[] m, int n, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < n; i++)
        {
            y[i] = Dot(m.AsSpan(i * n, n), x);
        }
    }

    /// <summary>xᵀ M x for a dense row-major n×n matrix.</summary>
    public static double Quadratic(double[] m, int n, ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += x[i] * Dot(m.AsSpan(i * n, n), x);
        }

        return s;
    }

    /// <summary>Infinity norm.</summary>
    public static double NormInf(ReadOnlySpan<double> x)
    {
        double m = 0;
        foreach (double v in x)
        {
            double a = Math.Abs(v);
            if (a > m)
            {
                m = a;
            }
        }

        return m;
    }

    /// <summary>
    /// In-place lower Cholesky factorisation of a symmetric positive definite row-major matrix (only the lower
    /// triangle of the result is meaningful). Returns false when a pivot is not positive.
    /// </summary>
    public static bool CholeskyInPlace(double[] a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            var rowJ = a.AsSpan(j * n, j);
            double d = a[(j * n) + j] - Dot(rowJ, rowJ);
            if (!(d > 0) || double.IsNaN(d))
            {
                return false;
            }

            double ljj = Math.Sqrt(d);
            a[(j * n) + j] = ljj;
            double inv = 1.0 / ljj;
            for (int i = j + 1; i < n; i++)
            {
                var rowI = a.AsSpan(i * n, j);
                a[(i * n) + j] = (a[(i * n) + j] - Dot(rowI, rowJ)) * inv;
            }
        }

        return true;
    }

    /// <summary>Solves L Lᵀ x = b in place (b becomes x) using a factor from <see cref="CholeskyInPlace"/>.</summary>
    public static void CholeskySolveInPlace(double[] l, int n, Span<double> b)
    {
        // forward: L y = b
        for (int i = 0; i < n; i++)
        {
            double s = b[i] - Dot(l.AsSpan(i * n, i), b[..i]);
            b[i] = s / l[(i * n) + i];
        }

        // backward: Lᵀ x = y, column-oriented so that row i of L is read contiguously
        for (int i = n - 1; i >= 0; i--)
        {
            double xi = b[i] / l[(i * n) + i];
            b[i] = xi;
            if (i > 0)
            {
                Axpy(-xi, l.AsSpan(i * n, i), b[..i]);
            }
        }
    }

    /// <summary>
    /// In-place LDLᵀ factorisation without pivoting of a symmetric (quasi-definite) row-major matrix: on return the
    /// strict lower triangle holds L (unit diagonal implied) and <paramref name="d"/> holds D. Returns false when a
    /// pivot is (numerically) zero. Used for the regularised KKT systems of the polish step.
    /// </summary>
    public static bool LdltInPlace(double[] a, int n, double[] d)
    {
        var v = new double[n];
        for (int j = 0; j < n; j++)
        {
            var rowJ = a.AsSpan(j * n, j);
            for (int k = 0; k < j; k++)
            {
                v[k] = rowJ[k] * d[k];
            }

            var vj = v.AsSpan(0, j);
            double dj = a[(j * n) + j] - Dot(rowJ, vj);
            if (Math.Abs(dj) < 1e-300 || double.IsNaN(dj))
            {
                return false;
            }

            d[j] = dj;
            double inv = 1.0 / dj;
            for (int i = j + 1; i < n; i++)
            {
                a[(i * n) + j] = (a[(i * n) + j] - Dot(a.AsSpan(i * n, j), vj)) * inv;
            }
        }

        return true;
    }

    /// <summary>Solves L D Lᵀ x = b in place using a factor from <see cref="LdltInPlace"/>.</summary>
    public static void LdltSolveInPlace(double[] l, double[] d, int n, Span<double> b)
    {
        for (int i = 0; i < n; i++)
        {
            b[i] -= Dot(l.AsSpan(i * n, i), b[..i]);
        }

        for (int i = 0; i < n; i++)
        {
            b[i] /= d[i];
        }

        for (int i = n - 1; i > 0; i--)
        {
            Axpy(-b[i], l.AsSpan(i * n, i), b[..i]);
        }
    }
}
