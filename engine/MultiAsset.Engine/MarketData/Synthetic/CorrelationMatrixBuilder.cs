using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// Assembles the correlation matrix of the tradable instruments from <see cref="CorrelationSettings"/>, checks it
/// is positive definite (or repairs it, if so configured) and factors it (Cholesky, MathNet.Numerics). Runs once at
/// construction; nothing here is on the hot path.
/// </summary>
internal static class CorrelationMatrixBuilder
{
    // Smallest eigenvalue accepted as positive definite, and the floor eigenvalues are clipped to when repairing:
    // far enough from zero that the Cholesky factor stays well conditioned.
    private const double EigenvalueFloor = 1e-6;

    /// <summary>
    /// The matrix over <paramref name="tradables"/> (in order). <paramref name="direction"/> is each instrument's
    /// flight-to-quality direction (+1 safe haven symbol, −1 risk asset, 0 neutral). Configured pairs naming symbols
    /// that are not tradable are reported to <paramref name="reader"/>.
    /// </summary>
    public static double[,] Assemble(IReadOnlyList<Instrument> tradables, ReadOnlySpan<int> direction, bool[] isSymbolHaven, CorrelationSettings settings, JsonSectionReader reader)
    {
        int n = tradables.Count;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            index[tradables[i].Symbol] = i;
        }

        var matrix = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            matrix[i, i] = 1;
            for (int j = 0; j < i; j++)
            {
                double rho = Rule(tradables[i], tradables[j], direction[i], direction[j], isSymbolHaven[i], isSymbolHaven[j], settings);
                matrix[i, j] = rho;
                matrix[j, i] = rho;
            }
        }

        // Symbol pairs last, in reverse so that the first entry for a pair (configured before built-in) wins.
        for (int k = settings.Pairs.Count - 1; k >= 0; k--)
        {
            var pair = settings.Pairs[k];
            bool hasA = index.TryGetValue(pair.First, out int a);
            bool hasB = index.TryGetValue(pair.Second, out int b);
            if (!hasA || !hasB)
            {
                if (pair.Path is not null)
                {
                    reader.Error(pair.Path, $"unknown symbol '{(hasA ? pair.Second : pair.First)}' (not a tradable instrument of the catalogue)");
                }

                continue;
            }

            if (a != b)
            {
                matrix[a, b] = pair.Value;
                matrix[b, a] = pair.Value;
            }
        }

        return matrix;
    }

    /// <summary>
    /// The lower Cholesky factor of <paramref name="matrix"/>, packed row by row (row i holds i + 1 entries). A matrix
    /// that is not positive definite is repaired or reported at <paramref name="path"/> per <paramref name="policy"/>;
    /// the return value is then the factor of the repaired matrix (or of the identity, when reported).
    /// </summary>
    public static double[] CholeskyPacked(double[,] matrix, NonPositiveDefinitePolicy policy, JsonSectionReader reader, string path)
    {
        int n = matrix.GetLength(0);
        if (n == 0)
        {
            return [];
        }

        var m = Matrix<double>.Build.DenseOfArray(matrix);
        double smallest = SmallestEigenvalue(m);
        if (smallest < EigenvalueFloor)
        {
            if (policy == NonPositiveDefinitePolicy.Repair)
            {
                m = Repair(m);
                CopyTo(m, matrix);
            }
            else
            {
                reader.Error(path, string.Create(
                    CultureInfo.InvariantCulture,
                    $"the correlation matrix over the {n} tradable instruments is not positive definite (smallest eigenvalue {smallest:G4}); make the configured correlations consistent, or set \"ifNotPositiveDefinite\": \"repair\" to use the nearest valid matrix"));
                return Pack(Matrix<double>.Build.DenseIdentity(n));
            }
        }

        return Pack(m.Cholesky().Factor);
    }

    /// <summary>The smallest eigenvalue of a symmetric matrix.</summary>
    public static double SmallestEigenvalue(Matrix<double> m)
    {
        var evd = m.Evd(Symmetricity.Symmetric);
        double min = double.MaxValue;
        foreach (var value in evd.EigenValues)
        {
            min = Math.Min(min, value.Real);
        }

        return min;
    }

    /// <summary>Blends <paramref name="matrix"/> toward the one-factor matrix with loadings √s·d: (1 − w)·C + w·F.</summary>
    public static double[,] Stressed(double[,] matrix, ReadOnlySpan<int> direction, double stressCorrelation, double weight)
    {
        int n = matrix.GetLength(0);
        var result = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                // F has unit diagonal and s·dᵢ·dⱼ off it: b·bᵀ + diag(1 − bᵢ²) with |bᵢ| ≤ 1, so it is a valid correlation matrix.
                double target = i == j ? 1 : stressCorrelation * direction[i] * direction[j];
                result[i, j] = ((1 - weight) * matrix[i, j]) + (weight * target);
            }
        }

        return result;
    }

    private static double Rule(Instrument a, Instrument b, int da, int db, bool havenA, bool havenB, CorrelationSettings settings)
    {
        // Exact sector pair, then a sector with the "*" wildcard (any sector of the same asset class).
        foreach (var entry in settings.Sectors)
        {
            if (entry.Matches(a.Sector, b.Sector))
            {
                return entry.Value;
            }
        }

        if (a.AssetClass == b.AssetClass)
        {
            foreach (var entry in settings.Sectors)
            {
                if (entry.Matches(a.Sector, "*") || entry.Matches("*", b.Sector))
                {
                    return entry.Value;
                }
            }
        }

        if (a.AssetClass == AssetClass.Forex && b.AssetClass == AssetClass.Forex)
        {
            // Currency-factor rule: a pair B/Q moves with f_B − f_Q, so two pairs correlate by (same-side shared
            // currencies − opposite-side ones) / 2 when currencies are exchangeable; scaled by 2·s this is
            // 2s·G + (1 − 2s)·I over the FX block, G a Gram matrix, hence positive definite for s < 0.5.
            int shared = SharedCurrencyBalance(a, b);
            if (shared != 0)
            {
                return Math.Clamp(shared * settings.SharedCurrency, -0.99, 0.99);
            }
        }

        // A safe-haven symbol against a stock or crypto risk asset.
        if ((havenA && db < 0 && b.AssetClass != AssetClass.Forex) || (havenB && da < 0 && a.AssetClass != AssetClass.Forex))
        {
            return settings.SafeHavenVsRisk;
        }

        var nameA = AssetClassNames.ToSeedName(a.AssetClass);
        var nameB = AssetClassNames.ToSeedName(b.AssetClass);
        foreach (var entry in settings.Classes)
        {
            if (entry.Matches(nameA, nameB))
            {
                return entry.Value;
            }
        }

        return 0;
    }

    // Currencies shared on the same side (EURUSD/GBPUSD: +1) minus those shared on opposite sides (EURUSD/USDCHF: −1).
    private static int SharedCurrencyBalance(Instrument a, Instrument b)
    {
        int same = (string.Equals(a.BaseCurrency, b.BaseCurrency, StringComparison.Ordinal) ? 1 : 0)
            + (string.Equals(a.QuoteCurrency, b.QuoteCurrency, StringComparison.Ordinal) ? 1 : 0);
        int opposite = (string.Equals(a.BaseCurrency, b.QuoteCurrency, StringComparison.Ordinal) ? 1 : 0)
            + (string.Equals(a.QuoteCurrency, b.BaseCurrency, StringComparison.Ordinal) ? 1 : 0);
        return same - opposite;
    }

    // One projection step toward the nearest correlation matrix: clip the spectrum, then restore the unit diagonal.
    private static Matrix<double> Repair(Matrix<double> m)
    {
        var evd = m.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Map(v => Math.Max(v.Real, 10 * EigenvalueFloor));
        var clipped = evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalVector(values) * evd.EigenVectors.Transpose();
        int n = m.RowCount;
        var scale = new double[n];
        for (int i = 0; i < n; i++)
        {
            scale[i] = 1 / Math.Sqrt(clipped[i, i]);
        }

        var result = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 1 : clipped[i, j] * scale[i] * scale[j]);
        return (result + result.Transpose()) * 0.5;
    }

    private static void CopyTo(Matrix<double> m, double[,] target)
    {
        for (int i = 0; i < m.RowCount; i++)
        {
            for (int j = 0; j < m.ColumnCount; j++)
            {
                target[i, j] = m[i, j];
            }
        }
    }

    private static double[] Pack(Matrix<double> lower)
    {
        int n = lower.RowCount;
        var packed = new double[n * (n + 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                packed[k++] = lower[i, j];
            }
        }

        return packed;
    }
}
