using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace MultiAsset.Cli.Control;

/// <summary>
/// Prints risk measures compactly: for a live report one row per account (and the firm) with VaR, ES, the component
/// VaR of each asset class, correlation risk and concentration (HHI); for a what-if answer the totals and a row per
/// instrument. Amounts to 2 decimals; <c>--json</c> gives every figure.
/// </summary>
internal static class VarTable
{
    private static readonly string[] Classes = ["STOCK", "FOREX", "CRYPTO"];

    public static void Write(TextWriter output, string json)
    {
        var console = WatchTables.Console(output, 200);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var report in root.EnumerateArray())
            {
                Live(console, report);
            }
        }
        else if (root.TryGetProperty("accounts", out _))
        {
            Live(console, root);
        }
        else
        {
            WhatIf(console, root);
        }
    }

    private static void Live(IAnsiConsole console, JsonElement report)
    {
        if (report.TryGetProperty("riskModel", out var model))
        {
            console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{model.GetProperty("method").GetString()} · confidence {model.GetProperty("confidence").GetDouble()} · horizon {model.GetProperty("horizonSeconds").GetDouble() / 86_400:0.###} d ({model.GetProperty("horizonPeriods").GetDouble():0.#} intervals of {model.GetProperty("intervalSeconds").GetDouble()} s) · covariance from {model.GetProperty("covarianceIntervals").GetInt64()} intervals"));
        }

        var table = new Table().AddColumns([.. (string[])["account", "ccy", "VaR", "ES"], .. Classes, "correlation risk", "HHI", "note"]);
        foreach (var account in report.GetProperty("accounts").EnumerateArray())
        {
            Row(table, account.GetProperty("account").GetString() ?? "?", account.GetProperty("baseCurrency").GetString() ?? "?", account);
        }

        if (report.TryGetProperty("firm", out var firm))
        {
            Row(table, "(firm)", firm.GetProperty("currency").GetString() ?? "USD", firm);
        }

        console.Write(table);
    }

    private static void Row(Table table, string name, string currency, JsonElement holder)
    {
        var note = holder.TryGetProperty("riskNote", out var n) || holder.TryGetProperty("note", out n) ? n.GetString() ?? string.Empty : string.Empty;
        if (!holder.TryGetProperty("portfolioRisk", out var risk))
        {
            table.AddRow([name, currency, "-", "-", .. Classes.Select(_ => "-"), "-", "-", note]);
            return;
        }

        var components = risk.GetProperty("componentVaR").EnumerateArray().ToDictionary(c => c.GetProperty("assetClass").GetString() ?? "?", c => c.GetProperty("componentVaR").GetDouble());
        table.AddRow(
        [
            name, currency, Money(risk.GetProperty("totalVaR")), Money(risk.GetProperty("expectedShortfall")),
            .. Classes.Select(c => components.TryGetValue(c, out var v) ? Money(v) : "-"),
            Money(risk.GetProperty("correlationRisk")), Ratio(risk.GetProperty("concentrationRisk").GetDouble()), note,
        ]);
    }

    private static void WhatIf(IAnsiConsole console, JsonElement risk)
    {
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{risk.GetProperty("method").GetString()} · confidence {risk.GetProperty("confidence").GetDouble()} · horizon {risk.GetProperty("horizon").GetDouble()} periods"));
        console.WriteLine($"VaR {Money(risk.GetProperty("totalVaR"))} · ES {Money(risk.GetProperty("expectedShortfall"))} · correlation risk {Money(risk.GetProperty("correlationRisk"))} · HHI {Ratio(risk.GetProperty("concentrationRisk").GetDouble())}");
        var table = new Table().AddColumns("symbol", "class", "currency", "exposure", "marginal", "component", "incremental", "standalone");
        foreach (var item in risk.GetProperty("byInstrument").EnumerateArray())
        {
            table.AddRow(
                Text(item, "symbol"), Text(item, "assetClass"), Text(item, "currency"), Number(item, "exposure"), Number(item, "marginalVaR", "0.######"),
                Number(item, "componentVaR"), Number(item, "incrementalVaR"), Number(item, "standaloneVaR"));
        }

        console.Write(table);
    }

    private static string Text(JsonElement item, string name) => item.TryGetProperty(name, out var v) ? v.GetString() ?? string.Empty : "-";

    private static string Number(JsonElement item, string name, string format = "#,0.00")
        => item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Money(JsonElement value) => value.ValueKind == JsonValueKind.Number ? Money(value.GetDouble()) : "-";

    private static string Money(double value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
