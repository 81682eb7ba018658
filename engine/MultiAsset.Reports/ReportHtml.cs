using System.Globalization;
using System.Net;
using System.Text;

namespace MultiAsset.Reports;

/// <summary>
/// Builds report.html: one self-contained page (inline CSS, no script, charts as PNG data URIs with the file under
/// charts/ named beside each).
/// </summary>
internal static class ReportHtml
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 24px; color: #222; max-width: 1200px; }
        h1 { margin-bottom: 4px; } h2 { margin-top: 36px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
        table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
        th, td { border: 1px solid #ddd; padding: 3px 8px; } th { background: #f3f3f3; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.neg { color: #b22; } tr.total td { font-weight: bold; }
        .note { color: #666; font-size: 13px; } .convention { color: #555; font-size: 12px; max-width: 1100px; }
        img { max-width: 100%; border: 1px solid #eee; }
        code { font-size: 12px; }
        """;

    public static string Build(ReportModel model, IReadOnlyList<ReportChart> charts)
    {
        var result = model.Folder.Result;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Backtest report: ")
            .Append(Encode(result.Name ?? "(unnamed)")).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        Header(html, result);
        Headline(html, result);
        html.Append("<h2>Charts</h2>\n");
        if (model.CurveNote is { } note)
        {
            html.Append("<p class=\"note\">").Append(Encode(note)).Append("</p>\n");
        }

        foreach (var chart in charts)
        {
            html.Append("<h3>").Append(Encode(chart.Title)).Append("</h3>\n");
            if (chart.Png is { } png)
            {
                html.Append("<img alt=\"").Append(Encode(chart.Title)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\">\n");
                html.Append("<p class=\"note\">File: <code>").Append(BacktestReport.ChartsFolder).Append('/').Append(Encode(chart.FileName ?? string.Empty)).Append("</code></p>\n");
            }
            else
            {
                html.Append("<p class=\"note\">").Append(Encode(chart.Note ?? "Not drawn.")).Append("</p>\n");
            }

            html.Append("<p class=\"convention\">").Append(Encode(chart.Convention)).Append("</p>\n");
        }

        Attribution(html, result);
        Brinson(html, result);
        VarBacktest(html, result);
        Trades(html, model.Folder);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, ResultFile result)
    {
        html.Append("<h1>").Append(Encode(result.Name ?? "(unnamed)")).Append("</h1>\n<table>\n");
        Row(html, "Period", $"{result.Period?.Start ?? ReportFormat.Missing} → {result.Period?.End ?? ReportFormat.Missing}");
        if (result.Period is { } period)
        {
            Row(html, "Input events", ReportFormat.Count(period.InputEvents));
        }

        if (result.Settings is { } s)
        {
            Row(html, "Fill model", s.FillModel ?? ReportFormat.Missing);
            Row(html, "Fees", s.Fees is { } f ? Invariant($"maker {f.MakerBps} bps, taker {f.TakerBps} bps, per unit {f.PerUnit}") : "none");
            Row(html, "Slippage", Invariant($"{s.SlippageBps} bps"));
            Row(html, "Participation", Invariant($"{s.Participation}"));
            Row(html, "Latency", s.Latency ?? ReportFormat.Missing);
            Row(html, "Reject probability", Invariant($"{s.RejectProbability}"));
            Row(html, "Benchmark", s.Benchmark ?? "none");
            Row(html, "Risk-free rate", ReportFormat.Percent(s.RiskFreeRate));
            Row(html, "Equity interval", s.EquityInterval ?? ReportFormat.Missing);
            Row(html, "Strategy files", s.Strategies is { Count: > 0 } files ? string.Join(", ", files) : "none");
        }

        if (result.Engine is { } engine)
        {
            Row(html, "Engine digest", engine.Digest ?? ReportFormat.Missing);
            if (engine.StageDigests is { Count: > 0 } stages)
            {
                Row(html, "Stage digests", string.Join(", ", stages.Select(p => $"{p.Key} {p.Value}")));
            }

            Row(html, "Stage exceptions", ReportFormat.Count(engine.StageExceptions));
        }

        html.Append("</table>\n");
    }

    private static void Headline(StringBuilder html, ResultFile result)
    {
        html.Append("<h2>Headline metrics</h2>\n");
        if (result.Portfolio is null && result.PortfolioNote is { } why)
        {
            html.Append("<p class=\"note\">No portfolio total: ").Append(Encode(why)).Append("</p>\n");
        }

        html.Append("<table>\n<tr><th>Book</th><th>Kind</th><th>Account</th><th>Currency</th><th>P&amp;L</th><th>Total return</th><th>CAGR</th><th>Volatility</th>")
            .Append("<th>Sharpe</th><th>Sortino</th><th>Calmar</th><th>Max drawdown</th><th>Max DD duration</th><th>Trades</th><th>Hit rate</th>")
            .Append("<th>Profit factor</th><th>Costs</th></tr>\n");
        var books = new List<(string Kind, ResultBook Book)>();
        if (result.Portfolio is { } portfolio)
        {
            books.Add(("portfolio", portfolio));
        }

        books.AddRange((result.Accounts ?? []).Select(b => ("account", b)));
        books.AddRange((result.Strategies ?? []).Select(b => ("strategy", b)));
        foreach (var (kind, book) in books)
        {
            var m = book.Metrics;
            html.Append("<tr><td>").Append(Encode(book.Name)).Append("</td><td>").Append(kind).Append("</td><td>").Append(Encode(book.Account ?? string.Empty))
                .Append("</td><td>").Append(Encode(book.Currency)).Append("</td>");
            Number(html, ReportFormat.Money(book.Pnl?.Total), book.Pnl?.Total < 0);
            Number(html, ReportFormat.Percent(m?.TotalReturn), m?.TotalReturn < 0);
            Number(html, ReportFormat.Percent(m?.Cagr), m?.Cagr < 0);
            Number(html, ReportFormat.Percent(m?.AnnualisedVolatility));
            Number(html, ReportFormat.Ratio(m?.Sharpe), m?.Sharpe < 0);
            Number(html, ReportFormat.Ratio(m?.Sortino), m?.Sortino < 0);
            Number(html, ReportFormat.Ratio(m?.Calmar), m?.Calmar < 0);
            Number(html, m?.Drawdown is { } dd ? ReportFormat.Percent(-dd.MaxDrawdown) : ReportFormat.Missing, m?.Drawdown?.MaxDrawdown > 0);
            Number(html, m?.Drawdown is { } d ? ReportFormat.Duration(d.MaxDrawdownDurationNs) : ReportFormat.Missing);
            Number(html, m?.Trades is { } t ? ReportFormat.Count(t.TradeCount) : ReportFormat.Missing);
            Number(html, ReportFormat.Percent(m?.Trades?.HitRate));
            Number(html, ReportFormat.Ratio(m?.Trades?.ProfitFactor));
            Number(html, ReportFormat.Money(m?.Trades?.TotalCosts));
            html.Append("</tr>\n");
        }

        html.Append("</table>\n<p class=\"convention\">From result.json (docs/backtest-metrics.md): returns on the book's starting equity; volatility, Sharpe and Sortino ")
            .Append("annualised from daily returns; max drawdown on every sample, its duration from the peak to the recovery (or the last sample); ")
            .Append("trades are closed round trips, hit rate = wins ÷ trades (net of costs), costs = fees and slippage of the trades. ")
            .Append(ReportFormat.Missing + " = undefined (e.g. a profit factor without a losing trade).</p>\n");
    }

    private static void Attribution(StringBuilder html, ResultFile result)
    {
        html.Append("<h2>P&amp;L attribution</h2>\n");
        var attributions = result.Attribution ?? [];
        if (attributions.Count == 0)
        {
            html.Append("<p class=\"note\">result.json has no attribution.</p>\n");
            return;
        }

        foreach (var a in attributions)
        {
            var accounts = a.Accounts is { Count: > 0 } list ? $" (accounts: {string.Join(", ", list)})" : string.Empty;
            foreach (var (title, rows) in new[] { ("By strategy", a.ByStrategy), ("By asset class", a.ByAssetClass), ("By instrument", a.ByInstrument) })
            {
                html.Append("<h3>").Append(title).Append(", ").Append(Encode(a.Currency)).Append(Encode(accounts)).Append("</h3>\n<table>\n")
                    .Append("<tr><th>Key</th><th>Realised</th><th>Unrealised</th><th>FX translation</th><th>Fees</th><th>Slippage</th><th>Net</th></tr>\n");
                foreach (var row in rows ?? [])
                {
                    AttributionRow(html, row, 0, false);
                }

                if (a.Total is { } total)
                {
                    AttributionRow(html, total, 0, true);
                }

                html.Append("</table>\n");
            }
        }

        html.Append("<p class=\"convention\">Net = realised + unrealised + FX translation − fees − slippage; each row is the exact sum of the rows indented under it.</p>\n");
    }

    private static void Brinson(StringBuilder html, ResultFile result)
    {
        if (result.Brinson is not { Count: > 0 } accounts)
        {
            return;
        }

        html.Append("<h2>Brinson–Fachler against the target allocation</h2>\n");
        foreach (var b in accounts)
        {
            html.Append("<h3>").Append(Encode(b.Account)).Append(" (").Append(Encode(b.Strategy)).Append("): return ").Append(ReportFormat.Percent(b.PortfolioReturn))
                .Append(", target allocation ").Append(ReportFormat.Percent(b.BenchmarkReturn)).Append(", active ").Append(ReportFormat.Percent(b.ActiveReturn)).Append("</h3>\n<table>\n")
                .Append("<tr><th>Segment</th><th>Target weight</th><th>Average weight</th><th>Allocation</th><th>Selection</th><th>Interaction</th><th>Total</th></tr>\n");
            foreach (var e in b.Segments ?? [])
            {
                html.Append("<tr><td>").Append(Encode(e.Segment)).Append("</td>");
                Number(html, ReportFormat.Percent(e.TargetWeight));
                Number(html, ReportFormat.Percent(e.AverageWeight));
                Number(html, ReportFormat.Percent(e.Allocation), e.Allocation < 0);
                Number(html, ReportFormat.Percent(e.Selection), e.Selection < 0);
                Number(html, ReportFormat.Percent(e.Interaction), e.Interaction < 0);
                Number(html, ReportFormat.Percent(e.Total), e.Total < 0);
                html.Append("</tr>\n");
            }

            html.Append("</table>\n<p class=\"convention\">").Append(b.Periods).Append(" daily periods, ").Append(Encode(b.Linking)).Append(" linking; residual ")
                .Append(b.Residual.ToString("0.#e+0", System.Globalization.CultureInfo.InvariantCulture)).Append(".</p>\n");
        }

        html.Append("<p class=\"convention\">Effects in fractions of the account's capital; they sum to the active return (docs/backtest.md, \"Brinson–Fachler\").</p>\n");
    }

    private static void VarBacktest(StringBuilder html, ResultFile result)
    {
        if (result.VarBacktest is not { Count: > 0 } accounts)
        {
            return;
        }

        html.Append("<h2>VaR backtest: the engine's one-day VaR against the next day's P&amp;L</h2>\n<table>\n")
            .Append("<tr><th>Account</th><th>P&amp;L</th><th>Days</th><th>Exceptions</th><th>Rate</th><th>Kupiec p</th><th>Independence p</th><th>Cond. coverage p</th><th>Zone</th></tr>\n");
        foreach (var a in accounts)
        {
            foreach (var (series, tests) in new[] { ("hypothetical", a.Hypothetical), ("actual", a.Actual) })
            {
                html.Append("<tr><td>").Append(Encode(a.Account)).Append("</td><td>").Append(series).Append("</td>");
                if (tests is null)
                {
                    html.Append("<td colspan=\"7\">").Append(Encode(a.Note ?? "no observations")).Append("</td></tr>\n");
                    continue;
                }

                Number(html, ReportFormat.Count(tests.Observations));
                Number(html, ReportFormat.Count(tests.Exceptions));
                Number(html, ReportFormat.Percent(tests.ExceptionRate));
                Number(html, P(tests.KupiecPValue), tests.KupiecPValue < 0.05);
                Number(html, P(tests.IndependencePValue), tests.IndependencePValue < 0.05);
                Number(html, P(tests.ConditionalCoveragePValue), tests.ConditionalCoveragePValue < 0.05);
                html.Append("<td>").Append(Encode(tests.Zone)).Append("</td></tr>\n");
            }
        }

        var first = accounts[0];
        html.Append("</table>\n<p class=\"convention\">").Append(Encode(first.Method)).Append(' ').Append(ReportFormat.Percent(first.Confidence)).Append(' ').Append(Encode(first.Horizon))
            .Append(" VaR taken at each UTC midnight of event time. Hypothetical = the day-start positions held all day; actual = the change in equity. An exception is a loss above the forecast; p-values below 5 % are marked (docs/backtest.md, \"VaR backtest\").</p>\n");

        static string P(double p) => p.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AttributionRow(StringBuilder html, ResultAttributionRow row, int depth, bool total)
    {
        html.Append(total ? "<tr class=\"total\">" : "<tr>").Append("<td style=\"padding-left:").Append(8 + 18 * depth).Append("px\">").Append(Encode(row.Key)).Append("</td>");
        Number(html, ReportFormat.Money(row.Realised), row.Realised < 0);
        Number(html, ReportFormat.Money(row.Unrealised), row.Unrealised < 0);
        Number(html, ReportFormat.Money(row.FxTranslation), row.FxTranslation < 0);
        Number(html, ReportFormat.Money(row.Fees));
        Number(html, ReportFormat.Money(row.Slippage));
        Number(html, ReportFormat.Money(row.Net), row.Net < 0);
        html.Append("</tr>\n");
        foreach (var child in row.Children ?? [])
        {
            AttributionRow(html, child, depth + 1, false);
        }
    }

    private static void Trades(StringBuilder html, ResultsFolder folder)
    {
        html.Append("<h2>Trades</h2>\n");
        if (folder.Trades is not { } summary || folder.FirstTrades is not { } trades)
        {
            html.Append("<p class=\"note\">No trades.csv in the results folder.</p>\n");
            return;
        }

        html.Append("<table>\n");
        Row(html, "Closed round trips", ReportFormat.Count(summary.Count));
        Row(html, "Wins / losses", $"{ReportFormat.Count(summary.Wins)} / {ReportFormat.Count(summary.Losses)}");
        Row(html, "Gross P&L", ReportFormat.Money(summary.Pnl));
        Row(html, "Costs", ReportFormat.Money(summary.Costs));
        Row(html, "Net P&L", ReportFormat.Money(summary.NetPnl));
        Row(html, "Average holding time", ReportFormat.Duration(TimeSpan.FromSeconds(summary.AverageHoldingSeconds)));
        html.Append("</table>\n<p class=\"convention\">Sums over every row of trades.csv, each in its account's base currency (added as they are when accounts differ). ")
            .Append(Invariant($"The first {Math.Min(ResultsFolder.ListedTrades, summary.Count)} trades, in the file's order:")).Append("</p>\n");
        if (trades.Count == 0)
        {
            return;
        }

        html.Append("<table>\n<tr><th>Entry</th><th>Exit</th><th>Account</th><th>Strategy</th><th>Symbol</th><th>Quantity</th><th>Entry price</th><th>Exit price</th>")
            .Append("<th>P&amp;L</th><th>Costs</th><th>Net P&amp;L</th><th>Held</th></tr>\n");
        foreach (var t in trades)
        {
            html.Append("<tr><td>").Append(ReportFormat.Time(t.EntryTime)).Append("</td><td>").Append(ReportFormat.Time(t.ExitTime)).Append("</td><td>")
                .Append(Encode(t.Account)).Append("</td><td>").Append(Encode(t.Strategy)).Append("</td><td>").Append(Encode(t.Symbol)).Append("</td>");
            Number(html, ReportFormat.Number(t.Quantity), t.Quantity < 0);
            Number(html, ReportFormat.Number(t.EntryPrice));
            Number(html, ReportFormat.Number(t.ExitPrice));
            Number(html, ReportFormat.Money(t.Pnl), t.Pnl < 0);
            Number(html, ReportFormat.Money(t.Costs));
            Number(html, ReportFormat.Money(t.NetPnl), t.NetPnl < 0);
            Number(html, ReportFormat.Duration(TimeSpan.FromSeconds(t.HoldingSeconds)));
            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(Encode(name)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>\n");

    private static void Number(StringBuilder html, string text, bool? negative = false) =>
        html.Append(negative == true ? "<td class=\"n neg\">" : "<td class=\"n\">").Append(Encode(text)).Append("</td>");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
