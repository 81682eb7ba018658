namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>A dense row-major matrix of doubles (covariance, return history T×n, P&amp;L scenarios S×n).</summary>
public sealed class RiskMatrix
{
    /// <summary>Creates a matrix over <paramref name="values"/> (row-major, length rows × columns; not copied).</summary>
    public RiskMatrix(int rows, int columns, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if ((long)rows * columns != values.Length)
        {
            throw new ArgumentException($"a {rows}×{columns} matrix needs {(long)rows * columns} values, got {values.Length}", nameof(values));
        }

        Rows = rows;
        Columns = columns;
        Values = values;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>The values, row-major.</summary>
    public double[] Values { get; }

    /// <summary>Element (row, column).</summary>
    public double this[int row, int column] => Values[(row * Columns) + column];

    /// <summary>A matrix copied from rows of equal length.</summary>
    public static RiskMatrix FromRows(IReadOnlyList<IReadOnlyList<double>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int r = rows.Count;
        int c = r == 0 ? 0 : rows[0].Count;
        var values = new double[r * c];
        for (int i = 0; i < r; i++)
        {
            if (rows[i].Count != c)
            {
                throw new ArgumentException($"row {i} has {rows[i].Count} values, row 0 has {c}", nameof(rows));
            }

            for (int j = 0; j < c; j++)
            {
                values[(i * c) + j] = rows[i][j];
            }
        }

        return new RiskMatrix(r, c, values);
    }

    /// <summary>Row <paramref name="row"/> as a span.</summary>
    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * Columns, Columns);
}
