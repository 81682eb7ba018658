using System.Text.Json;

namespace MultiAsset.Reports;

/// <summary>One row of equity.csv: an account's equity and exposures at a sample time.</summary>
internal readonly record struct EquityRow(DateTime Time, string Account, double Equity, double Gross, double Net, double Stock, double Forex, double Crypto);

/// <summary>One row of strategies.csv: a strategy's cumulative P&amp;L at a sample time.</summary>
internal readonly record struct StrategyRow(DateTime Time, string Account, string Strategy, double Pnl);

/// <summary>One row of trades.csv (the fields the report shows).</summary>
internal readonly record struct TradeRow(DateTime EntryTime, DateTime ExitTime, string Account, string Strategy, string Symbol, double Quantity, double EntryPrice, double ExitPrice, double Pnl, double Costs, double NetPnl, double HoldingSeconds);

/// <summary>Totals over every row of trades.csv.</summary>
internal sealed record TradeSummary(int Count, int Wins, int Losses, double Pnl, double Costs, double NetPnl, double AverageHoldingSeconds);

/// <summary>
/// A results folder as the report reads it. result.json and equity.csv are required; strategies.csv and trades.csv
/// are optional (the charts and tables that need them say so when they are missing).
/// </summary>
internal sealed class ResultsFolder
{
    /// <summary>How many trades the report lists.</summary>
    public const int ListedTrades = 50;

    public required string Directory { get; init; }

    public required ResultFile Result { get; init; }

    public required IReadOnlyList<EquityRow> Equity { get; init; }

    /// <summary>Null when strategies.csv is missing.</summary>
    public IReadOnlyList<StrategyRow>? Strategies { get; init; }

    /// <summary>The first <see cref="ListedTrades"/> trades; null when trades.csv is missing.</summary>
    public IReadOnlyList<TradeRow>? FirstTrades { get; init; }

    /// <summary>Null when trades.csv is missing.</summary>
    public TradeSummary? Trades { get; init; }

    /// <summary>Reads the folder; throws <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> naming the file.</summary>
    public static ResultsFolder Read(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The results folder '{directory}' does not exist.");
        }

        var result = ReadResult(Path.Combine(directory, "result.json"));
        var equity = ReadEquity(Path.Combine(directory, "equity.csv"));
        var strategiesPath = Path.Combine(directory, "strategies.csv");
        var tradesPath = Path.Combine(directory, "trades.csv");
        var (first, summary) = File.Exists(tradesPath) ? ReadTrades(tradesPath) : (null, null);
        return new ResultsFolder
        {
            Directory = directory,
            Result = result,
            Equity = equity,
            Strategies = File.Exists(strategiesPath) ? ReadStrategies(strategiesPath) : null,
            FirstTrades = first,
            Trades = summary,
        };
    }

    private static ResultFile ReadResult(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The results folder has no result.json: '{path}' does not exist.", path);
        }

        ResultFile? result;
        try
        {
            using var stream = File.OpenRead(path);
            result = JsonSerializer.Deserialize<ResultFile>(stream, ResultFile.Json);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path}: not a valid result.json ({error.Message}).", error);
        }

        if (result is null)
        {
            throw new InvalidDataException($"{path}: not a valid result.json (the document is 'null').");
        }

        if (result.Accounts is null || result.Strategies is null)
        {
            throw new InvalidDataException($"{path}: not a valid result.json (no 'accounts' or no 'strategies' array).");
        }

        return result;
    }

    private static List<EquityRow> ReadEquity(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The results folder has no equity.csv: '{path}' does not exist.", path);
        }

        var rows = CsvTable.Read(path, "time", "account", "equity", "grossExposure", "netExposure", "stockNet", "forexNet", "cryptoNet")
            .Select(r => new EquityRow(r.Time("time"), r.Text("account"), r.Number("equity"), r.Number("grossExposure"), r.Number("netExposure"), r.Number("stockNet"), r.Number("forexNet"), r.Number("cryptoNet")))
            .ToList();
        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{path}: no equity samples (only a header).");
        }

        for (var i = 1; i < rows.Count; i++)
        {
            if (rows[i].Time < rows[i - 1].Time)
            {
                throw new InvalidDataException($"{path}:{i + 2}: time {rows[i].Time:O} is before the previous row's {rows[i - 1].Time:O} (rows must be in time order).");
            }
        }

        return rows;
    }

    private static List<StrategyRow> ReadStrategies(string path) =>
        CsvTable.Read(path, "time", "account", "strategy", "pnl")
            .Select(r => new StrategyRow(r.Time("time"), r.Text("account"), r.Text("strategy"), r.Number("pnl")))
            .ToList();

    private static (List<TradeRow>, TradeSummary) ReadTrades(string path)
    {
        var first = new List<TradeRow>();
        int count = 0, wins = 0, losses = 0;
        double pnl = 0, costs = 0, net = 0, holding = 0;
        foreach (var r in CsvTable.Read(path, "entryTime", "exitTime", "account", "strategy", "symbol", "quantity", "entryPrice", "exitPrice", "pnl", "costs", "netPnl", "holdingSeconds"))
        {
            var trade = new TradeRow(r.Time("entryTime"), r.Time("exitTime"), r.Text("account"), r.Text("strategy"), r.Text("symbol"), r.Number("quantity"),
                r.Number("entryPrice"), r.Number("exitPrice"), r.Number("pnl"), r.Number("costs"), r.Number("netPnl"), r.Number("holdingSeconds"));
            if (first.Count < ListedTrades)
            {
                first.Add(trade);
            }

            count++;
            wins += trade.NetPnl > 0 ? 1 : 0;
            losses += trade.NetPnl < 0 ? 1 : 0;
            pnl += trade.Pnl;
            costs += trade.Costs;
            net += trade.NetPnl;
            holding += trade.HoldingSeconds;
        }

        return (first, new TradeSummary(count, wins, losses, pnl, costs, net, count > 0 ? holding / count : 0));
    }
}
