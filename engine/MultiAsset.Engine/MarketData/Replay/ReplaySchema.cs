using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// The column layout of one replay record type, shared by the CSV and Parquet sources so that both read exactly the
/// same schema and build exactly the same events.
/// </summary>
/// <remarks>
/// Every schema is <c>timestamp,symbol</c> followed by <see cref="FixedPointCount"/> fixed-point columns (prices, then
/// sizes) and, for bars, <c>interval_seconds</c>; trades may end with <c>side</c>.
/// </remarks>
internal sealed class ReplaySchema
{
    /// <summary>Column of the timestamp (0-based).</summary>
    public const int TimestampColumn = 0;

    /// <summary>Column of the symbol (0-based).</summary>
    public const int SymbolColumn = 1;

    /// <summary>First fixed-point column (0-based).</summary>
    public const int FirstFixedPointColumn = 2;

    /// <summary>Most fixed-point columns of any schema (bars: open, high, low, close, volume).</summary>
    public const int MaxFixedPointCount = 5;

    /// <summary>Most columns of any schema (bars).</summary>
    public const int MaxColumns = 8;

    public static readonly ReplaySchema Quotes = new(InputEventKind.Quote, "quotes", ["timestamp", "symbol", "bid", "ask", "bid_size", "ask_size"], 4, false, false);

    public static readonly ReplaySchema Trades = new(InputEventKind.Trade, "trades", ["timestamp", "symbol", "price", "size"], 2, false, false);

    public static readonly ReplaySchema TradesWithSide = new(InputEventKind.Trade, "trades", ["timestamp", "symbol", "price", "size", "side"], 2, false, true);

    public static readonly ReplaySchema Bars = new(InputEventKind.Bar, "bars", ["timestamp", "symbol", "open", "high", "low", "close", "volume", "interval_seconds"], 5, true, false);

    public static readonly ReplaySchema References = new(InputEventKind.Reference, "reference", ["timestamp", "symbol", "value"], 1, false, false);

    private static readonly ReplaySchema[] All = [Quotes, TradesWithSide, Trades, Bars, References];

    private ReplaySchema(InputEventKind kind, string name, string[] columns, int fixedPointCount, bool hasInterval, bool hasSide)
    {
        Kind = kind;
        Name = name;
        Columns = columns;
        FixedPointCount = fixedPointCount;
        HasInterval = hasInterval;
        HasSide = hasSide;
    }

    /// <summary>The event kind the rows become.</summary>
    public InputEventKind Kind { get; }

    /// <summary>Name used in messages ("quotes", "trades", ...).</summary>
    public string Name { get; }

    /// <summary>Column names in file order (lower case).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Number of columns.</summary>
    public int ColumnCount => Columns.Count;

    /// <summary>Number of fixed-point columns after the symbol.</summary>
    public int FixedPointCount { get; }

    /// <summary>Whether the last column is <c>interval_seconds</c> (bars).</summary>
    public bool HasInterval { get; }

    /// <summary>Whether the last column is <c>side</c> (trades).</summary>
    public bool HasSide { get; }

    /// <summary>Column of <c>interval_seconds</c> or <c>side</c>, when present.</summary>
    public int TrailingColumn => FirstFixedPointColumn + FixedPointCount;

    /// <summary>The expected header text, e.g. <c>timestamp,symbol,price,size[,side]</c>.</summary>
    public string ExpectedHeader => Kind == InputEventKind.Trade ? "timestamp,symbol,price,size[,side]" : string.Join(',', Columns);

    /// <summary>Every accepted layout, for "expected one of" messages.</summary>
    public static string DescribeAll()
        => $"quotes '{Quotes.ExpectedHeader}', trades '{Trades.ExpectedHeader}', bars '{Bars.ExpectedHeader}', reference '{References.ExpectedHeader}'";

    /// <summary>The schemas that produce <paramref name="kind"/> (trades: with and without side).</summary>
    public static IEnumerable<ReplaySchema> ForKind(InputEventKind kind) => All.Where(s => s.Kind == kind);

    /// <summary>All schemas, most specific first (trades with side before trades without).</summary>
    public static IReadOnlyList<ReplaySchema> Candidates => All;

    /// <summary>Whether <paramref name="columns"/> are exactly this schema's, in order (case-insensitive).</summary>
    public bool MatchesExactly(IReadOnlyList<string> columns)
    {
        if (columns.Count != Columns.Count)
        {
            return false;
        }

        for (int i = 0; i < columns.Count; i++)
        {
            if (!string.Equals(columns[i], Columns[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether every column of this schema is among <paramref name="columns"/> (any order, extras allowed).</summary>
    public bool IsContainedIn(IReadOnlyList<string> columns)
        => Columns.All(c => columns.Any(x => string.Equals(x, c, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Validates that <paramref name="kind"/> is one a replay file can hold.</summary>
    public static void ThrowIfUnsupported(InputEventKind kind)
    {
        if (kind is not (InputEventKind.None or InputEventKind.Quote or InputEventKind.Trade or InputEventKind.Bar or InputEventKind.Reference))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Replay files hold quotes, trades, bars or reference values (None = detect from the columns).");
        }
    }

    /// <summary>
    /// Fills <paramref name="evt"/> from parsed values: <paramref name="raws"/> are the fixed-point columns in schema
    /// order. Shared by both sources so that CSV and Parquet build byte-identical events.
    /// </summary>
    public void Fill(ref InputEvent evt, InstrumentId instrument, long timestamp, ReadOnlySpan<long> raws, int intervalSeconds, AggressorSide side, ushort source)
    {
        switch (Kind)
        {
            case InputEventKind.Quote:
                evt.SetQuote(instrument, timestamp, Price.FromRaw(raws[0]), Price.FromRaw(raws[1]), Quantity.FromRaw(raws[2]), Quantity.FromRaw(raws[3]), source);
                break;
            case InputEventKind.Trade:
                evt.SetTrade(instrument, timestamp, Price.FromRaw(raws[0]), Quantity.FromRaw(raws[1]), side, source);
                break;
            case InputEventKind.Bar:
                evt.SetBar(instrument, timestamp, Price.FromRaw(raws[0]), Price.FromRaw(raws[1]), Price.FromRaw(raws[2]), Price.FromRaw(raws[3]), Quantity.FromRaw(raws[4]), intervalSeconds, source);
                break;
            default:
                evt.SetReference(instrument, timestamp, Price.FromRaw(raws[0]), source);
                break;
        }
    }

    /// <summary>
    /// Fills <paramref name="evt"/> as a rejected row: header fields as far as known, payload zeroed (a half-parsed
    /// payload would differ between CSV and Parquet and mean nothing).
    /// </summary>
    public void FillRejected(ref InputEvent evt, MarketDataRejectReason reason, InstrumentId instrument, long timestamp, ushort source)
    {
        evt = default;
        evt.Kind = Kind;
        evt.Reject = reason;
        evt.Source = source;
        evt.Instrument = instrument;
        evt.Timestamp = timestamp;
    }
}
