using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// A factor F with F·Fᵀ = Σ, for drawing correlated returns x = F·z. Positive definite Σ: the lower Cholesky factor
/// (MathNet). Positive semi-definite Σ (e.g. a zero-variance instrument or two perfectly correlated ones): the symmetric
/// eigen-decomposition, F = V·diag(√max(λ, 0)), where eigenvalues down to −1e-10·λ_max are rounding and clipped to 0.
/// A more negative eigenvalue means Σ is not a covariance matrix and is reported (no silent repair).
/// </summary>
internal sealed class CovarianceFactor
{
    /// <summary>Relative size below which a negative eigenvalue is treated as rounding.</summary>
    public const double EigenTolerance = 1e-10;

    private CovarianceFactor(int size, double[] values, bool lowerTriangular)
    {
        Size = size;
        Values = values;
        LowerTriangular = lowerTriangular;
    }

    /// <summary>n.</summary>
    public int Size { get; }

    /// <summary>F, row-major n×n.</summary>
    public double[] Values { get; }

    /// <summary>Whether F is lower triangular (row i has i + 1 leading non-zeros).</summary>
    public bool LowerTriangular { get; }

    /// <summary>Factors Σ (already checked symmetric with a non-negative diagonal).</summary>
    /// <exception cref="RiskMeasureInputException">Σ has an eigenvalue below −1e-10·λ_max.</exception>
    public static CovarianceFactor Create(RiskMatrix covariance, string field)
    {
        int n = covariance.Rows;
        // The lower triangle mirrored (the only part the measures read); symmetric, so row-major = column-major.
        var mirrored = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                mirrored[(i * n) + j] = covariance.Values[(i * n) + j];
                mirrored[(j * n) + i] = covariance.Values[(i * n) + j];
            }
        }

        var matrix = Matrix<double>.Build.Dense(n, n, mirrored);
        bool positiveDefinite = true;
        Cholesky<double>? cholesky = null;
        try
        {
            cholesky = matrix.Cholesky();
        }
        catch (ArgumentException)
        {
            positiveDefinite = false;
        }

        var values = new double[n * n];
        if (positiveDefinite && cholesky is not null)
        {
            var l = cholesky.Factor;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    values[(i * n) + j] = l[i, j];
                }
            }

            if (values.All(double.IsFinite))
            {
                return new CovarianceFactor(n, values, lowerTriangular: true);
            }
        }

        var evd = matrix.Evd(Symmetricity.Symmetric);
        double max = 0;
        double min = double.PositiveInfinity;
        for (int k = 0; k < n; k++)
        {
            double lambda = evd.EigenValues[k].Real;
            max = Math.Max(max, Math.Abs(lambda));
            min = Math.Min(min, lambda);
        }

        if (min < -EigenTolerance * Math.Max(max, double.Epsilon))
        {
            throw new RiskMeasureInputException(field, $"{field} is not positive semi-definite: its smallest eigenvalue is {min:G6} (largest |λ| {max:G6}); a covariance matrix needs every eigenvalue ≥ 0");
        }

        var v = evd.EigenVectors;
        for (int k = 0; k < n; k++)
        {
            double root = Math.Sqrt(Math.Max(evd.EigenValues[k].Real, 0));
            for (int i = 0; i < n; i++)
            {
                values[(i * n) + k] = v[i, k] * root;
            }
        }

        return new CovarianceFactor(n, values, lowerTriangular: false);
    }
}
