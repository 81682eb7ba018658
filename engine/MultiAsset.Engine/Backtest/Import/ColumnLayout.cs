using MultiAsset.Engine.MarketData.Replay;

namespace MultiAsset.Engine.Backtest.Import;

/// <summary>
/// Where each role (timestamp, symbol, open, ...) is in a file's rows: resolved once per file from its header (names
/// the spec gives, else the usual vendor names) or from the spec's indexes. A required role that cannot be found is a
/// <see cref="ReplayFormatException"/> naming the file, the columns expected and the columns found.
/// </summary>
internal sealed class ColumnLayout
{
    public const int Timestamp = 0;
    public const int Symbol = 1;
    public const int Open = 2;
    public const int High = 3;
    public const int Low = 4;
    public const int Close = 5;
    public const int Volume = 6;
    public const int Bid = 7;
    public const int Ask = 8;
    public const int BidSize = 9;
    public const int AskSize = 10;
    public const int Price = 11;
    public const int Size = 12;
    public const int Side = 13;
    public const int Time = 14;
    public const int RoleCount = 15;

    private static readonly string[] RoleNames = ["timestamp", "symbol", "open", "high", "low", "close", "volume", "bid", "ask", "bidSize", "askSize", "price", "size", "side", "time"];

    // A header with these is taken to have one timestamp column, not a date and a time column.
    private static readonly string[] OneColumnTimestamps = ["timestamp", "datetime", "date_time", "ts", "time_stamp"];

    private static readonly string[][] Aliases =
    [
        ["timestamp", "time", "datetime", "date", "ts", "date_time", "time_stamp", "t"],
        ["symbol", "ticker", "instrument", "pair", "sym"],
        ["open", "o"],
        ["high", "h"],
        ["low", "l"],
        ["close", "c"],
        ["volume", "vol", "v"],
        ["bid", "bid_price", "bidprice", "best_bid"],
        ["ask", "ask_price", "askprice", "offer", "best_ask"],
        ["bid_size", "bidsize", "bid_qty", "bid_volume"],
        ["ask_size", "asksize", "ask_qty", "ask_volume"],
        ["price", "trade_price", "last", "px"],
        ["size", "quantity", "qty", "amount", "volume"],
        ["side", "aggressor", "taker_side"],
        [],
    ];

    private readonly int[] columns;

    private ColumnLayout(int[] columns, int fieldCount, bool exactCount)
    {
        this.columns = columns;
        FieldCount = fieldCount;
        ExactCount = exactCount;
    }

    /// <summary>Fields a row must have (exactly, with a header; at least, without).</summary>
    public int FieldCount { get; }

    /// <summary>Whether rows must have exactly <see cref="FieldCount"/> fields.</summary>
    public bool ExactCount { get; }

    /// <summary>The 0-based column of <paramref name="role"/>, or -1 when the file does not have it.</summary>
    public int this[int role] => columns[role];

    /// <summary>Whether the file has <paramref name="role"/>.</summary>
    public bool Has(int role) => columns[role] >= 0;

    public static string RoleName(int role) => RoleNames[role];

    /// <summary>Resolves the layout of <paramref name="file"/> from its header (null when the spec says there is none).</summary>
    public static ColumnLayout Resolve(ImportSpec spec, ImportKind kind, string file, IReadOnlyList<string>? header)
    {
        var (required, optional) = Roles(kind, spec.Symbol is null);
        var resolved = new int[RoleCount];
        Array.Fill(resolved, -1);
        var problems = new List<string>();
        if (header is null)
        {
            int position = 0;
            foreach (int role in required.Concat(optional))
            {
                var (_, index) = spec.ColumnFor(RoleNames[role]);
                bool mappedAny = spec.Columns is { Count: > 0 };
                resolved[role] = index >= 0 ? index : mappedAny ? -1 : (required.Contains(role) ? position++ : -1);
            }

            resolved[Time] = spec.ColumnFor(RoleNames[Time]).Index;

            foreach (int role in required.Where(r => resolved[r] < 0))
            {
                problems.Add($"no column index for '{RoleNames[role]}' (the file has no header: map every column by index)");
            }

            if (problems.Count > 0)
            {
                throw new ReplayFormatException(file, 1, string.Join("; ", problems));
            }

            return new ColumnLayout(resolved, resolved.Max() + 1, exactCount: false);
        }

        var normalised = header.Select(Normalise).ToArray();

        // Date and time in two columns (Kibot, MetaTrader, many exports): "date" is the timestamp's date, "time" its time
        // of day, joined with a space before parsing — unless the spec maps the timestamp itself.
        var (timeName, timeIndex) = spec.ColumnFor(RoleNames[Time]);
        if (timeName is not null || timeIndex >= 0)
        {
            resolved[Time] = timeIndex >= 0 ? (timeIndex < header.Count ? timeIndex : -1) : Array.IndexOf(normalised, Normalise(timeName!));
            if (resolved[Time] < 0)
            {
                problems.Add($"'time' is mapped to column '{timeName ?? timeIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)}', which the header does not have");
            }
        }
        else if (spec.ColumnFor(RoleNames[Timestamp]) == (null, -1) && normalised.Contains("date") && normalised.Contains("time")
            && !normalised.Any(OneColumnTimestamps.Contains))
        {
            resolved[Timestamp] = Array.IndexOf(normalised, "date");
            resolved[Time] = Array.IndexOf(normalised, "time");
        }
        foreach (int role in required.Concat(optional))
        {
            var (name, index) = spec.ColumnFor(RoleNames[role]);
            if (resolved[role] >= 0)
            {
                continue;
            }

            if (index >= 0)
            {
                resolved[role] = index < header.Count ? index : -2;
                if (index >= header.Count)
                {
                    problems.Add($"'{RoleNames[role]}' is mapped to column {index}, but the header has {header.Count} columns");
                }
            }
            else if (name is not null)
            {
                resolved[role] = Array.IndexOf(normalised, Normalise(name));
                if (resolved[role] < 0)
                {
                    problems.Add($"'{RoleNames[role]}' is mapped to column '{name}', which the header does not have");
                }
            }
            else
            {
                // Usual names, in order of preference; a name another role already took is skipped (trades' size may be "volume").
                foreach (var alias in Aliases[role])
                {
                    int found = Array.IndexOf(normalised, alias);
                    if (found >= 0 && !resolved.Contains(found))
                    {
                        resolved[role] = found;
                        break;
                    }
                }

                if (resolved[role] < 0 && required.Contains(role))
                {
                    problems.Add($"no column for '{RoleNames[role]}' (looked for {string.Join(", ", Aliases[role])}; map it in the spec's \"columns\")");
                }
            }
        }

        if (kind == ImportKind.Bars && resolved[Bid] >= 0 != resolved[Ask] >= 0)
        {
            problems.Add("bars need both bid and ask columns, or neither");
        }

        if (problems.Count > 0)
        {
            var expected = string.Join(",", required.Select(r => RoleNames[r])) + string.Concat(optional.Select(r => $"[,{RoleNames[r]}]"));
            var hint = LooksLikeData(header) ? " (the first line looks like data: set \"hasHeader\": false and map the columns by index)" : string.Empty;
            throw new ReplayFormatException(file, 1,
                $"unexpected header: {string.Join("; ", problems)}. Expected {KindName(kind)} columns {expected}; found {string.Join(",", header)}{hint}");
        }

        return new ColumnLayout(resolved, header.Count, exactCount: true);
    }

    private static string KindName(ImportKind kind) => kind switch
    {
        ImportKind.Bars => "bars",
        ImportKind.Quotes => "quotes",
        _ => "trades",
    };

    private static (int[] Required, int[] Optional) Roles(ImportKind kind, bool symbolColumn)
    {
        int[] symbol = symbolColumn ? [Symbol] : [];
        return kind switch
        {
            ImportKind.Bars => ([Timestamp, .. symbol, Open, High, Low, Close], [Volume, Bid, Ask, BidSize, AskSize]),
            ImportKind.Quotes => ([Timestamp, .. symbol, Bid, Ask], [BidSize, AskSize]),
            _ => ([Timestamp, .. symbol, Price], [Size, Side]),
        };
    }

    private static string Normalise(string name) => name.Trim().Trim('"').Trim().Replace(' ', '_').ToLowerInvariant();

    private static bool LooksLikeData(IReadOnlyList<string> header)
        => header.Count > 0 && header[0].Trim().Trim('"') is { Length: > 0 } first && (char.IsDigit(first[0]) || first[0] == '-');
}
