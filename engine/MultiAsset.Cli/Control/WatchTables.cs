using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MultiAsset.Cli.Control;

/// <summary>The tables <c>--watch</c> renders from the live-view JSON: positions, accounts, risk, fills.</summary>
internal static class WatchTables
{
    private static readonly string[] PositionColumns = ["symbol", "quantity", "averageCost", "mark", "unrealisedPnl", "realisedPnl", "fees"];

    /// <summary>A plain-text console over <paramref name="output"/> (no colours, no cursor moves), <paramref name="width"/> columns wide.</summary>
    public static IAnsiConsole Console(TextWriter output, int width = 200)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        return console;
    }

    /// <summary>One row per position of every account (WatchPositions JSON).</summary>
    public static IRenderable Positions(string json)
    {
        var table = Table("account", "symbol", "quantity", "averageCost", "mark", "unrealisedPnl", "realisedPnl", "fees");
        using var doc = JsonDocument.Parse(json);
        foreach (var account in Items(doc.RootElement))
        {
            foreach (var p in Children(account, "positions"))
            {
                table.AddRow([Text(account, "key"), .. PositionColumns.Select(n => Text(p, n))]);
            }
        }

        return table;
    }

    /// <summary>One row per account (WatchPositions JSON).</summary>
    public static IRenderable Accounts(string json)
    {
        string[] columns = ["key", "equity", "realisedPnl", "unrealisedPnl", "dailyPnl", "fees", "grossExposure", "leverage"];
        var table = Table(columns);
        using var doc = JsonDocument.Parse(json);
        foreach (var account in Items(doc.RootElement))
        {
            table.AddRow([.. columns.Select(c => Text(account, c))]);
        }

        return table;
    }

    /// <summary>One row per account plus the kill switch (WatchRisk JSON).</summary>
    public static IRenderable Risk(string json)
    {
        string[] columns = ["account", "equity", "grossExposure", "leverage", "drawdown", "dailyPnl", "halted"];
        var table = Table(columns);
        using var doc = JsonDocument.Parse(json);
        var global = false;
        foreach (var report in Items(doc.RootElement))
        {
            global |= report.TryGetProperty("globalKillSwitch", out var g) && g.ValueKind == JsonValueKind.True;
            foreach (var account in Children(report, "accounts"))
            {
                table.AddRow([.. columns.Select(c => Text(account, c))]);
            }
        }

        table.Caption($"global kill switch: {(global ? "ON" : "off")}");
        return table;
    }

    /// <summary>One row per net fill (WatchFills JSON).</summary>
    public static IRenderable Fills(string json)
    {
        string[] columns = ["account", "symbol", "quantityDelta", "quantity", "averageCost", "feesDelta", "realisedPnlDelta"];
        var table = Table(columns);
        using var doc = JsonDocument.Parse(json);
        foreach (var fill in Items(doc.RootElement))
        {
            table.AddRow([.. columns.Select(c => Text(fill, c))]);
        }

        return table;
    }

    private static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var c in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(c)));
        }

        return table;
    }

    private static List<JsonElement> Children(JsonElement item, string name)
        => item.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? [.. array.EnumerateArray()] : [];

    private static List<JsonElement> Items(JsonElement root)
        => root.ValueKind == JsonValueKind.Array ? [.. root.EnumerateArray().Select(e => e.Clone())] : [root.Clone()];

    private static string Text(JsonElement item, string name)
        => Markup.Escape(!item.TryGetProperty(name, out var v) ? string.Empty
            : v.ValueKind == JsonValueKind.String ? v.GetString() ?? string.Empty
            : v.ValueKind is JsonValueKind.Null ? string.Empty
            : v.GetRawText());
}
