using Parquet;
using Parquet.Schema;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// The <c>timestamp</c> column: int64 nanoseconds since the epoch (exact), or a Parquet timestamp/date-time, which
/// Parquet.Net reads as a <see cref="DateTime"/> — so 100 ns resolution; sub-100 ns digits are lost.
/// </summary>
internal sealed class ParquetTimestampColumn
{
    private const long NanosPerTick = 100;

    private readonly ParquetColumnBuffer<long>? nanoseconds;
    private readonly ParquetColumnBuffer<DateTime>? dateTimes;

    private ParquetTimestampColumn(ParquetColumnBuffer<long>? nanoseconds, ParquetColumnBuffer<DateTime>? dateTimes, int position)
    {
        this.nanoseconds = nanoseconds;
        this.dateTimes = dateTimes;
        Position = position;
    }

    /// <summary>1-based position in the file's schema.</summary>
    public int Position { get; }

    /// <summary>Wraps <paramref name="field"/>.</summary>
    /// <exception cref="ReplayFormatException">The column is neither int64 nor a timestamp.</exception>
    public static ParquetTimestampColumn Create(DataField field, int position, string file)
    {
        if (field.ClrType == typeof(long) && !field.IsArray)
        {
            return new(new ParquetColumnBuffer<long>(field, position), null, position);
        }

        if (field.ClrType == typeof(DateTime) && !field.IsArray)
        {
            return new(null, new ParquetColumnBuffer<DateTime>(field, position), position);
        }

        throw new ReplayFormatException(file, $"column '{field.Name}' has type {field.ClrType.Name}; expected int64 nanoseconds since the Unix epoch or a timestamp");
    }

    /// <summary>Reads this column of the row group.</summary>
    public Task LoadAsync(ParquetRowGroupReader rowGroup, int rows, CancellationToken cancellationToken)
        => nanoseconds?.LoadAsync(rowGroup, rows, cancellationToken) ?? dateTimes!.LoadAsync(rowGroup, rows, cancellationToken);

    /// <summary>The row's time in nanoseconds since the Unix epoch.</summary>
    public ParquetValueStatus TryGet(int row, out long value)
    {
        value = 0;
        if (nanoseconds is not null)
        {
            if (nanoseconds.IsNull(row))
            {
                return ParquetValueStatus.Null;
            }

            value = nanoseconds[row];
            return ParquetValueStatus.Ok;
        }

        if (dateTimes!.IsNull(row))
        {
            return ParquetValueStatus.Null;
        }

        // Parquet timestamps are UTC instants; DateTime years 1..9999 overflow nanoseconds outside 1677..2262.
        long ticks = dateTimes[row].Ticks - DateTime.UnixEpoch.Ticks;
        if (ticks > long.MaxValue / NanosPerTick || ticks < long.MinValue / NanosPerTick)
        {
            return ParquetValueStatus.OutOfRange;
        }

        value = ticks * NanosPerTick;
        return ParquetValueStatus.Ok;
    }

    /// <summary>The cell as text, for error messages only.</summary>
    public string Describe(int row)
        => nanoseconds is not null
            ? (nanoseconds.IsNull(row) ? "null" : nanoseconds[row].ToString(System.Globalization.CultureInfo.InvariantCulture))
            : dateTimes!.IsNull(row) ? "null" : dateTimes[row].ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
