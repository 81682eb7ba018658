using Parquet;
using Parquet.Schema;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// One column of the current Parquet row group, read in one go into a reusable array, with nulls expanded so that
/// <c>values[row]</c> is the row's value. Arrays only grow, so a file allocates per larger row group, never per row.
/// </summary>
internal sealed class ParquetColumnBuffer<T>
    where T : struct
{
    private T[] values = [];
    private int[] definitionLevels = [];

    public ParquetColumnBuffer(DataField field, int position)
    {
        Field = field;
        Position = position;
    }

    /// <summary>The column in the file.</summary>
    public DataField Field { get; }

    /// <summary>1-based position of the column in the file's schema (for error reports).</summary>
    public int Position { get; }

    /// <summary>The value of <paramref name="row"/> (default when null).</summary>
    public T this[int row] => values[row];

    /// <summary>Whether the cell of <paramref name="row"/> is null.</summary>
    public bool IsNull(int row) => Field.IsNullable && definitionLevels[row] == 0;

    /// <summary>Reads the column of <paramref name="rowGroup"/> (which has <paramref name="rows"/> rows).</summary>
    public async Task LoadAsync(ParquetRowGroupReader rowGroup, int rows, CancellationToken cancellationToken)
    {
        if (values.Length < rows)
        {
            values = new T[rows];
            definitionLevels = new int[rows];
        }

        if (!Field.IsNullable)
        {
            await rowGroup.ReadRawAsync(Field, values.AsMemory(0, rows), null, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        await rowGroup.ReadRawAsync(Field, values.AsMemory(0, rows), definitionLevels.AsMemory(0, rows), null, cancellationToken).ConfigureAwait(false);

        // Raw reads pack the non-null values at the front; spread them back to their rows, last first so that
        // nothing is overwritten before it has been moved.
        int defined = 0;
        for (int row = 0; row < rows; row++)
        {
            if (definitionLevels[row] != 0)
            {
                defined++;
            }
        }

        int next = defined - 1;
        for (int row = rows - 1; row >= 0; row--)
        {
            values[row] = definitionLevels[row] != 0 ? values[next--] : default;
        }
    }
}
