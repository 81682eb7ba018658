using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace MultiAsset.Cli.Control;

/// <summary>
/// Prints a stress answer: one row per account and scenario (P&amp;L, its fraction of equity, equity and leverage after,
/// breaches), then every breach with its rule, limit and stressed value, then the accounts that could not be valued.
/// </summary>
internal static class StressTable
{
    public static void Write(TextWriter output, string json)
    {
        var console = WatchTables.Console(output, 200);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var results = root.GetProperty("results").EnumerateArray().ToList();
        var table = new Table().AddColumns("account", "scenario", "ccy", "P&L", "P&L %", "equity after", "leverage after", "breaches");
        var breaches = new Table().AddColumns("account", "scenario", "scope", "rule", "limit", "stressed", "message");
        foreach (var r in results)
        {
            var account = Text(r, "account");
            var scenario = Text(r, "scenario");
            var broken = r.TryGetProperty("breaches", out var list) ? list.EnumerateArray().ToList() : [];
            table.AddRow(account, scenario, Text(r, "baseCurrency"), Number(r, "pnl"), Number(r, "pnlFraction", "0.00%"), Number(r, "equityAfter"), Number(r, "leverageAfter", "0.00"), broken.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var b in broken)
            {
                breaches.AddRow(account, scenario, Text(b, "scope") + (b.TryGetProperty("assetClass", out var c) ? " " + c.GetString() : string.Empty), Text(b, "rule"), Number(b, "limit", "0.####"), Number(b, "stressedValue", "0.####"), Text(b, "message"));
            }
        }

        console.Write(table);
        if (breaches.Rows.Count > 0)
        {
            console.WriteLine("limits that would be breached:");
            console.Write(breaches);
        }

        if (root.TryGetProperty("skipped", out var skipped))
        {
            foreach (var s in skipped.EnumerateArray())
            {
                console.WriteLine($"not stressed: {Text(s, "account")}: {Text(s, "reason")}");
            }
        }
    }

    private static string Text(JsonElement item, string name) => item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? string.Empty : "-";

    private static string Number(JsonElement item, string name, string format = "#,0.00")
        => item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString(format, CultureInfo.InvariantCulture) : "-";
}
