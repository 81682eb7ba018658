namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>Options of <see cref="ParquetReplayWriter"/>.</summary>
public sealed record ParquetReplayWriterOptions
{
    /// <summary>The defaults: double prices, int64 nanosecond timestamps, 100 000-row groups.</summary>
    public static ParquetReplayWriterOptions Default { get; } = new();

    /// <summary>How prices and sizes are stored.</summary>
    public ParquetNumberEncoding Numbers { get; init; } = ParquetNumberEncoding.Double;

    /// <summary>How timestamps are stored.</summary>
    public ParquetTimestampEncoding Timestamps { get; init; } = ParquetTimestampEncoding.Int64Nanoseconds;

    /// <summary>Rows per row group (the unit the reader loads at once).</summary>
    public int RowGroupSize { get; init; } = 100_000;
}
