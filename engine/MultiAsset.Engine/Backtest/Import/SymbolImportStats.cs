namespace MultiAsset.Engine.Backtest.Import;

/// <summary>What the import did with one symbol's rows.</summary>
public sealed class SymbolImportStats
{
    internal SymbolImportStats(string symbol) => Symbol = symbol;

    /// <summary>The catalogue symbol.</summary>
    public string Symbol { get; }

    /// <summary>Rows whose symbol resolved to this instrument.</summary>
    public long Read { get; internal set; }

    /// <summary>Rows written to the cache.</summary>
    public long Accepted { get; internal set; }

    /// <summary>Accepted rows with at least one price moved onto the tick grid.</summary>
    public long Rounded { get; internal set; }

    /// <summary>Rows refused (see the report's reasons).</summary>
    public long Rejected { get; internal set; }

    /// <summary>Accepted rows whose prices were split/dividend adjusted.</summary>
    public long Adjusted { get; internal set; }

    /// <summary>Accepted rows stamped when the instrument's calendar says the market is closed (the replay's
    /// validation refuses those as OutsideTradingHours).</summary>
    public long OutsideSession { get; internal set; }

    /// <summary>Event time of the first accepted row (ns since the epoch).</summary>
    public long First { get; internal set; } = long.MaxValue;

    /// <summary>Event time of the last accepted row (ns since the epoch).</summary>
    public long Last { get; internal set; } = long.MinValue;

    /// <summary>Gaps longer than the threshold while the market was open.</summary>
    public long Gaps { get; internal set; }
}
