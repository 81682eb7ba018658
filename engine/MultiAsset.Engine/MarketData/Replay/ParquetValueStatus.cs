namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>Outcome of reading one Parquet cell as an engine value.</summary>
internal enum ParquetValueStatus
{
    /// <summary>The value was read.</summary>
    Ok,

    /// <summary>The cell is null.</summary>
    Null,

    /// <summary>NaN or ±∞.</summary>
    NonFinite,

    /// <summary>Finite but outside what the engine type holds (or not a positive interval).</summary>
    OutOfRange,
}
