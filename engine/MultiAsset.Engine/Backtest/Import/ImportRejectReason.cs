namespace MultiAsset.Engine.Backtest.Import;

/// <summary>Why the importer refused a row (each row is refused for its first problem only).</summary>
public enum ImportRejectReason
{
    /// <summary>Wrong number of fields, or a field that is not a number where one is required.</summary>
    Malformed,

    /// <summary>The timestamp cannot be read in the spec's format.</summary>
    BadTimestamp,

    /// <summary>A price is NaN or infinite.</summary>
    NonFinitePrice,

    /// <summary>A price is zero or negative (also after rounding to the tick).</summary>
    NonPositivePrice,

    /// <summary>A bar's high is below its low.</summary>
    HighBelowLow,

    /// <summary>A bar's open or close is outside [low, high].</summary>
    OpenCloseOutsideRange,

    /// <summary>A negative volume or size.</summary>
    NegativeSize,

    /// <summary>A quote's bid is above its ask.</summary>
    CrossedQuote,

    /// <summary>A price off the instrument's tick, with <c>rounding: reject</c>.</summary>
    OffTick,

    /// <summary>The symbol is not in the instrument catalogue.</summary>
    UnknownSymbol,

    /// <summary>Older than the previous row of the same symbol in the same file.</summary>
    OutOfOrder,

    /// <summary>The same time as an earlier row of the same symbol and kind (in the same file or another).</summary>
    DuplicateTimestamp,
}
