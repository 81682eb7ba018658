namespace MultiAsset.Engine.Model.Events;

/// <summary>
/// Why the market-data stage refused an event (it is then counted and never reaches strategies). Feeds that cannot
/// represent a value (NaN from a Parquet double column, an unparsable CSV field) publish the event already rejected,
/// so every refusal is counted in one place. Values are written into the journal: never renumber.
/// </summary>
public enum MarketDataRejectReason : byte
{
    /// <summary>Accepted.</summary>
    None = 0,

    /// <summary>A price was NaN or infinite in the source (set by the feed).</summary>
    NonFinitePrice = 1,

    /// <summary>A price was zero or negative (reference values may be ≤ 0 and are exempt).</summary>
    NonPositivePrice = 2,

    /// <summary>Bid above ask.</summary>
    CrossedQuote = 3,

    /// <summary>A price not on the instrument's tick grid.</summary>
    OffTickPrice = 4,

    /// <summary>Older than the last accepted event of the same kind for the instrument.</summary>
    OutOfOrderTimestamp = 5,

    /// <summary>Same timestamp as the last accepted event of the same kind for the instrument.</summary>
    DuplicateTimestamp = 6,

    /// <summary>The instrument id is not in the catalogue (or the feed's symbol was unknown).</summary>
    UnknownInstrument = 7,

    /// <summary>A stock event outside its exchange session (or FX at the weekend).</summary>
    OutsideTradingHours = 8,

    /// <summary>A record the feed could not parse (set by the feed).</summary>
    MalformedRecord = 9,

    /// <summary>A negative size or volume, or a bar whose high/low do not contain its open/close.</summary>
    InvalidSize = 10,
}
