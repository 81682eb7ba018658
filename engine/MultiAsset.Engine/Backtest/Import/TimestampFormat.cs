namespace MultiAsset.Engine.Backtest.Import;

/// <summary>How the timestamp column of an imported file is written.</summary>
public enum TimestampFormat
{
    /// <summary>ISO-8601 date and time (<c>T</c> or a space between them), with a UTC offset or <c>Z</c>, or without one
    /// (then read in the spec's <c>timeZone</c>): <c>2024-01-02 09:30:00-05:00</c>, <c>2024-01-02T14:30:00Z</c>,
    /// <c>2024-01-02 09:30:00</c>.</summary>
    Iso,

    /// <summary>Whole seconds since the Unix epoch.</summary>
    EpochSeconds,

    /// <summary>Milliseconds since the Unix epoch.</summary>
    EpochMilliseconds,

    /// <summary>Microseconds since the Unix epoch.</summary>
    EpochMicroseconds,

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    EpochNanoseconds,

    /// <summary>A date alone (<c>yyyy-MM-dd</c> or <c>yyyyMMdd</c>) of a daily bar: stamped at that day's session close.</summary>
    Date,

    /// <summary>A .NET custom date-time pattern (e.g. <c>MM/dd/yyyy HH:mm</c>, <c>yyyyMMdd HHmmss</c>, <c>yyyy.MM.dd HH:mm zzz</c>);
    /// a pattern without hours is a date alone, like <see cref="Date"/>.</summary>
    Custom,
}
