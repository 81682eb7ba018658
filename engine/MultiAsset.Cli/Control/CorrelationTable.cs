using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace MultiAsset.Cli.Control;

/// <summary>
/// Prints a correlation answer as two symbol × symbol matrices (2 decimals; "-" where undefined) and the breaks.
/// Null values are left out of the answer (asOf before any event, undefined correlations become null cells).
/// </summary>
internal static class CorrelationTable
{
    public static void Write(TextWriter output, string json)
    {
        var console = WatchTables.Console(output, 240);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var symbols = root.GetProperty("instruments").EnumerateArray().Select(s => s.GetString() ?? "?").ToList();
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"as of {(root.TryGetProperty("asOf", out var asOf) ? Text(asOf) : "-")} · {root.GetProperty("updates").GetInt64()} intervals of {root.GetProperty("intervalSeconds").GetDouble()} s · λ {root.GetProperty("lambda").GetDouble()} / long-run {root.GetProperty("longRunLambda").GetDouble()} · warm: {root.GetProperty("warm").GetBoolean()}"));
        if (symbols.Count == 0)
        {
            console.WriteLine("no instruments in the correlation universe (engine.json: marketData.analytics.correlation.universe)");
            return;
        }

        Matrix(console, "correlation (live)", symbols, root.GetProperty("correlation"));
        Matrix(console, "correlation (long run)", symbols, root.GetProperty("longRunCorrelation"));
        var breaks = root.GetProperty("breaks");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"breaks beyond ±{root.GetProperty("breakThreshold").GetDouble()}: {breaks.GetArrayLength()}"));
        if (breaks.GetArrayLength() > 0)
        {
            var table = new Table().AddColumns("a", "b", "live", "long run", "change");
            foreach (var item in breaks.EnumerateArray())
            {
                table.AddRow(Text(item.GetProperty("a")), Text(item.GetProperty("b")), Number(item.GetProperty("correlation")), Number(item.GetProperty("longRun")), Number(item.GetProperty("change")));
            }

            console.Write(table);
        }
    }

    private static void Matrix(IAnsiConsole console, string title, List<string> symbols, JsonElement rows)
    {
        var table = new Table { Title = new TableTitle(title) };
        table.AddColumn(string.Empty);
        foreach (var symbol in symbols)
        {
            table.AddColumn(new TableColumn(symbol).RightAligned());
        }

        var r = 0;
        foreach (var row in rows.EnumerateArray())
        {
            table.AddRow([symbols[r++], .. row.EnumerateArray().Select(Number)]);
        }

        console.Write(table);
    }

    private static string Number(JsonElement value)
        => value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : "-";
}
