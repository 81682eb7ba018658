namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// A replay file that cannot be read at all (missing or wrong header, missing column, unsupported column type). Bad
/// rows never throw: they are published as rejected events and counted.
/// </summary>
public sealed class ReplayFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/>.</summary>
    public ReplayFormatException(string file, string message)
        : base($"{file}: {message}")
    {
        File = file;
    }

    /// <summary>Creates the exception for line <paramref name="line"/> of <paramref name="file"/>: <c>file:line: message</c>.</summary>
    public ReplayFormatException(string file, long line, string message)
        : base($"{file}:{line}: {message}")
    {
        File = file;
        Line = line;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ReplayFormatException(string message)
        : base(message)
    {
        File = string.Empty;
    }

    /// <summary>Creates the exception wrapping the failure of the underlying reader.</summary>
    public ReplayFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
    }

    /// <summary>Creates an exception with no detail (prefer the other constructors).</summary>
    public ReplayFormatException()
        : this("invalid replay file")
    {
    }

    /// <summary>The file at fault (empty when unknown).</summary>
    public string File { get; }

    /// <summary>The 1-based line at fault (CSV), 0 when the file as a whole is (Parquet metadata).</summary>
    public long Line { get; }
}
