using MultiAsset.Engine.Model;
using Parquet;
using Parquet.Schema;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// A numeric Parquet column (double, float, decimal, int64 or int32) read as fixed-point raw units or as a whole
/// number, whatever its physical type.
/// </summary>
internal sealed class ParquetNumberColumn
{
    private const decimal MinFixedPoint = -92_233_720_368.54775808m;
    private const decimal MaxFixedPoint = 92_233_720_368.54775807m;

    private readonly ParquetColumnBuffer<double>? doubles;
    private readonly ParquetColumnBuffer<float>? singles;
    private readonly ParquetColumnBuffer<decimal>? decimals;
    private readonly ParquetColumnBuffer<long>? longs;
    private readonly ParquetColumnBuffer<int>? ints;

    private ParquetNumberColumn(DataField field, int position)
    {
        Field = field;
        Position = position;
        var type = field.ClrType;
        if (type == typeof(double))
        {
            doubles = new(field, position);
        }
        else if (type == typeof(float))
        {
            singles = new(field, position);
        }
        else if (type == typeof(decimal))
        {
            decimals = new(field, position);
        }
        else if (type == typeof(long))
        {
            longs = new(field, position);
        }
        else
        {
            ints = new(field, position);
        }
    }

    /// <summary>The column in the file.</summary>
    public DataField Field { get; }

    /// <summary>1-based position in the file's schema.</summary>
    public int Position { get; }

    /// <summary>
    /// Wraps <paramref name="field"/>; <paramref name="wholeNumbers"/> restricts it to integer types (interval_seconds).
    /// </summary>
    /// <exception cref="ReplayFormatException">The column's type is not supported.</exception>
    public static ParquetNumberColumn Create(DataField field, int position, bool wholeNumbers, string file)
    {
        var type = field.ClrType;
        bool supported = type == typeof(long) || type == typeof(int)
            || (!wholeNumbers && (type == typeof(double) || type == typeof(float) || type == typeof(decimal)));
        if (!supported || field.IsArray)
        {
            throw new ReplayFormatException(file,
                $"column '{field.Name}' has type {type.Name}{(field.IsArray ? "[]" : string.Empty)}; expected {(wholeNumbers ? "int32 or int64" : "double, float, decimal, int64 or int32")}");
        }

        return new ParquetNumberColumn(field, position);
    }

    /// <summary>Reads this column of the row group.</summary>
    public Task LoadAsync(ParquetRowGroupReader rowGroup, int rows, CancellationToken cancellationToken)
        => doubles?.LoadAsync(rowGroup, rows, cancellationToken)
            ?? singles?.LoadAsync(rowGroup, rows, cancellationToken)
            ?? decimals?.LoadAsync(rowGroup, rows, cancellationToken)
            ?? longs?.LoadAsync(rowGroup, rows, cancellationToken)
            ?? ints!.LoadAsync(rowGroup, rows, cancellationToken);

    /// <summary>
    /// The value as fixed-point raw units (× 10^8): doubles go through <see cref="Price.TryFromDouble"/>'s rounding,
    /// decimals are rounded half away from zero to 8 places, integers are scaled exactly.
    /// </summary>
    public ParquetValueStatus TryGetFixedPoint(int row, out long raw)
    {
        raw = 0;
        if (doubles is not null)
        {
            return doubles.IsNull(row) ? ParquetValueStatus.Null : FromDouble(doubles[row], out raw);
        }

        if (singles is not null)
        {
            return singles.IsNull(row) ? ParquetValueStatus.Null : FromDouble(singles[row], out raw);
        }

        if (decimals is not null)
        {
            if (decimals.IsNull(row))
            {
                return ParquetValueStatus.Null;
            }

            decimal rounded = Math.Round(decimals[row], FixedPoint.Decimals, MidpointRounding.AwayFromZero);
            if (rounded < MinFixedPoint || rounded > MaxFixedPoint)
            {
                return ParquetValueStatus.OutOfRange;
            }

            raw = FixedPoint.FromDecimal(rounded);
            return ParquetValueStatus.Ok;
        }

        if (IsNullWhole(row))
        {
            return ParquetValueStatus.Null;
        }

        long whole = longs is not null ? longs[row] : ints![row];
        if (whole > long.MaxValue / FixedPoint.Scale || whole < long.MinValue / FixedPoint.Scale)
        {
            return ParquetValueStatus.OutOfRange;
        }

        raw = whole * FixedPoint.Scale;
        return ParquetValueStatus.Ok;
    }

    /// <summary>The value as a positive <see langword="int"/> (bar intervals).</summary>
    public ParquetValueStatus TryGetPositiveInt32(int row, out int value)
    {
        value = 0;
        if (IsNullWhole(row))
        {
            return ParquetValueStatus.Null;
        }

        long whole = longs is not null ? longs[row] : ints![row];
        if (whole <= 0 || whole > int.MaxValue)
        {
            return ParquetValueStatus.OutOfRange;
        }

        value = (int)whole;
        return ParquetValueStatus.Ok;
    }

    /// <summary>The cell as text, for error messages only.</summary>
    public string Describe(int row)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        return doubles is not null ? (doubles.IsNull(row) ? "null" : doubles[row].ToString(culture))
            : singles is not null ? (singles.IsNull(row) ? "null" : singles[row].ToString(culture))
            : decimals is not null ? (decimals.IsNull(row) ? "null" : decimals[row].ToString(culture))
            : longs is not null ? (longs.IsNull(row) ? "null" : longs[row].ToString(culture))
            : ints!.IsNull(row) ? "null" : ints[row].ToString(culture);
    }

    private bool IsNullWhole(int row) => longs is not null ? longs.IsNull(row) : ints!.IsNull(row);

    private static ParquetValueStatus FromDouble(double value, out long raw)
    {
        if (!double.IsFinite(value))
        {
            raw = 0;
            return ParquetValueStatus.NonFinite;
        }

        return FixedPoint.TryFromDouble(value, out raw) ? ParquetValueStatus.Ok : ParquetValueStatus.OutOfRange;
    }
}
