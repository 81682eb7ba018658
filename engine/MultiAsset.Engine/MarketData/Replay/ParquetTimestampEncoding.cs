namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>How <see cref="ParquetReplayWriter"/> stores timestamps.</summary>
public enum ParquetTimestampEncoding
{
    /// <summary>int64 nanoseconds since the Unix epoch: exact, and the recommended form.</summary>
    Int64Nanoseconds,

    /// <summary>A Parquet TIMESTAMP(NANOS, UTC) column; written and read through <see cref="DateTime"/>, so 100 ns resolution.</summary>
    Timestamp,
}
