using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MultiAsset.Engine.Model;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// Writes a run's results folder: <c>result.json</c> and the CSV tables (docs/backtest.md, "Results"). Every file is
/// written in full to a temporary name and then renamed, so a folder never holds half a file; the same run writes the
/// same bytes (wall-clock timing goes to <c>timing.json</c> alone).
/// </summary>
internal static class BacktestResultWriter
{
    /// <summary>The files of a results folder.</summary>
    public static readonly IReadOnlyList<string> FileNames = ["result.json", "timing.json", "equity.csv", "strategies.csv", "positions.csv", "fills.csv", "trades.csv", "orders.csv", "report.html"];

    /// <summary>How result.json is written: camelCase, enums by name, undefined ratios as null, indented.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(BacktestResult result, BacktestRun run)
    {
        var folder = run.Spec.Output;
        Directory.CreateDirectory(folder);
        var stages = run.Engine.Stages;
        var catalog = stages.Accounts.Book.Catalog;
        string Account(AccountId id) => stages.AccountNames.NameOf(id);
        string Symbol(InstrumentId id) => catalog[id].Symbol;
        string Strategy(StrategyId id) => id.IsValid ? stages.Coordination.StrategyName(id) ?? $"#{id.Value}" : BacktestResultBuilder.AccountRow;
        var recorder = run.Recorder;

        WriteFile(folder, "result.json", JsonSerializer.Serialize(result, Json) + "\n");
        WriteFile(folder, "timing.json", JsonSerializer.Serialize(result.Timing, Json) + "\n");
        WriteCsv(folder, "equity.csv", "time,account,equity,grossExposure,netExposure,stockNet,forexNet,cryptoNet,stockPnl,forexPnl,cryptoPnl", recorder.Equity.Select(r =>
            Row(BacktestResultBuilder.Time(r.Time), Account(r.Account), r.Equity, r.Gross, r.Net, r.Stock, r.Forex, r.Crypto, r.StockPnl, r.ForexPnl, r.CryptoPnl)));
        WriteCsv(folder, "strategies.csv", "time,account,strategy,pnl,realised,unrealised,fees", recorder.Strategies.Select(r =>
            Row(BacktestResultBuilder.Time(r.Time), Account(r.Account), Strategy(r.Strategy), r.Total, r.Realised, r.Unrealised, r.Fees)));
        WriteCsv(folder, "positions.csv", "time,account,symbol,quantity,valueBase", recorder.Positions.Select(r =>
            Row(BacktestResultBuilder.Time(r.Time), Account(r.Account), Symbol(r.Instrument), r.Quantity, r.ValueBase)));
        WriteCsv(folder, "fills.csv", "time,account,strategy,symbol,side,quantity,price,fee,notionalBase,feeBase,childOrderId,venue,liquidity", recorder.Fills.Select(f =>
            Row(BacktestResultBuilder.Time(f.TimestampNs), Account(f.Account), Strategy(f.Strategy), Symbol(f.Instrument), f.Side, f.Quantity, f.Price, f.Fee, f.NotionalBase, f.FeeBase, f.OrderId, stages.Router.VenueName(f.Venue), f.Liquidity)));
        WriteCsv(folder, "trades.csv", "entryTime,exitTime,account,strategy,symbol,quantity,entryPrice,exitPrice,entryValue,exitValue,pnl,costs,netPnl,holdingSeconds", run.Trips.Select(t =>
            Row(BacktestResultBuilder.Time(t.Trade.EntryTimeNs), BacktestResultBuilder.Time(t.Trade.ExitTimeNs), Account(t.Account), Strategy(t.Strategy), Symbol(t.Trade.Instrument),
                t.Trade.Quantity, t.EntryPrice, t.ExitPrice, t.Trade.EntryValue, t.Trade.ExitValue, t.Trade.Pnl, t.Trade.Costs, t.Trade.NetPnl,
                ((t.Trade.ExitTimeNs - t.Trade.EntryTimeNs) / 1e9).ToString("0.#########", CultureInfo.InvariantCulture))));
        WriteOrders(folder, run);
        // Last: the report reads the files above (docs/backtest-report.md).
        if (run.Spec.Report)
        {
            MultiAsset.Reports.BacktestReport.Write(folder);
        }
    }

    private static void WriteOrders(string folder, BacktestRun run)
    {
        WriteCsv(folder, "orders.csv", "id,createdAt,doneAt,account,strategy,symbol,side,quantity,type,timeInForce,status,riskVerdict,endReason,filledQuantity,averagePrice,fees,currency,children,fills", run.Orders.Select(o =>
            Row(o.Id, o.CreatedAt, o.DoneAt, o.Account, o.Strategy, o.Symbol, o.Side, o.Quantity, o.Type, o.TimeInForce, o.Status, o.RiskVerdict, o.EndReason, o.FilledQuantity, o.AveragePrice, o.Fees, o.Currency, o.ChildCount, o.FillCount)));
    }

    private static string Row(params object?[] fields)
    {
        var line = new StringBuilder();
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var text = fields[i] switch
            {
                null => string.Empty,
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? string.Empty,
            };
            // Quote a field only when it must be (a comma, a quote or a line break in a name).
            line.Append(text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text);
        }

        return line.ToString();
    }

    private static void WriteCsv(string folder, string name, string header, IEnumerable<string> rows)
    {
        var path = Path.Combine(folder, name);
        var temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false)))
        {
            writer.NewLine = "\n";
            writer.WriteLine(header);
            foreach (var row in rows)
            {
                writer.WriteLine(row);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static void WriteFile(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path + ".tmp", text, new UTF8Encoding(false));
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
