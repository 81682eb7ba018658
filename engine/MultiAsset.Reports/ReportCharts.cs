using System.Globalization;
using ScottPlot;

namespace MultiAsset.Reports;

/// <summary>One chart of the report: its file under charts/, or why it was not drawn.</summary>
internal sealed record ReportChart(string Title, string Convention, string? FileName, string? Note, byte[]? Png);

/// <summary>
/// Draws the report's charts with ScottPlot (SkiaSharp underneath, no display needed) and saves them as PNG files
/// under charts/. Each chart's convention is in docs/backtest-report.md and under the chart in the report.
/// </summary>
internal static class ReportCharts
{
    private const int Width = 1100;
    private const int Height = 480;

    private static readonly Color Up = new(46, 139, 87);
    private static readonly Color Down = new(200, 55, 55);

    public static List<ReportChart> Render(ReportModel model, string chartsDirectory)
    {
        Directory.CreateDirectory(chartsDirectory);
        return
        [
            EquityAndDrawdown(model, chartsDirectory),
            MonthlyReturns(model, chartsDirectory),
            Allocation(model, chartsDirectory),
            RollingSharpe(model, chartsDirectory),
            Contribution(model, chartsDirectory),
            Correlation(model, chartsDirectory),
        ];
    }

    private static ReportChart EquityAndDrawdown(ReportModel model, string directory)
    {
        const string title = "Equity and drawdown";
        var convention = $"Equity of the {model.CurveLabel} at every sample of equity.csv (accounts summed at each sample time, each holding its last value). Drawdown: equity ÷ running peak − 1, at every sample.";
        var xs = model.Equity.Select(e => e.Time.ToOADate()).ToArray();
        var equity = NewPlot();
        var line = equity.Add.ScatterLine(xs, model.Equity.Select(e => e.Value).ToArray());
        line.LineWidth = 1.5f;
        IsoDates(equity);
        equity.Title($"Equity — {model.CurveLabel}");
        equity.YLabel($"Equity ({model.Currency})");

        var drawdown = NewPlot();
        var depth = drawdown.Add.ScatterLine(xs, ReportMath.Drawdowns(model.Equity).Select(d => d * 100).ToArray(), Down);
        depth.FillY = true;
        depth.FillYColor = Down.WithAlpha(0.3);
        IsoDates(drawdown);
        drawdown.Title("Drawdown");
        drawdown.YLabel("Drawdown (%)");

        // new Multiplot() starts with an empty plot of its own: start from ours instead.
        var multiplot = new Multiplot(equity);
        multiplot.AddPlot(drawdown);
        multiplot.SharedAxes.ShareX([equity, drawdown]);
        return Save(multiplot, directory, "equity-drawdown.png", title, convention, Height + 220);
    }

    private static ReportChart MonthlyReturns(ReportModel model, string directory)
    {
        const string title = "Monthly returns";
        const string convention = "Daily closes (last sample of each UTC day) of the headline equity; each month's return compounds its daily returns, Π(1 + r) − 1, which equals the month's last close ÷ the previous month's last close − 1. The first month starts at the very first sample.";
        var months = ReportMath.MonthlyReturns(model.Equity);
        if (months.Count == 0)
        {
            return new ReportChart(title, convention, null, "Not drawn: the equity curve covers less than one day.", null);
        }

        var years = months.Select(m => m.Year).Distinct().Order().ToList();
        var cells = new double[years.Count, 12];
        for (var r = 0; r < years.Count; r++)
        {
            for (var c = 0; c < 12; c++)
            {
                cells[r, c] = double.NaN;
            }
        }

        foreach (var month in months)
        {
            cells[years.IndexOf(month.Year), month.Month - 1] = month.Return * 100;
        }

        var plot = NewPlot();
        var limit = Math.Max(0.01, months.Max(m => Math.Abs(m.Return * 100)));
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Balance());
        heatmap.ManualRange = new ScottPlot.Range(-limit, limit);
        heatmap.NaNCellColor = Colors.White;
        for (var r = 0; r < years.Count; r++)
        {
            for (var c = 0; c < 12; c++)
            {
                if (!double.IsNaN(cells[r, c]))
                {
                    CellText(plot, string.Create(CultureInfo.InvariantCulture, $"{cells[r, c]:+0.0;-0.0;0.0}%"), c, years.Count - 1 - r, Math.Abs(cells[r, c]) > 0.6 * limit, 13);
                }
            }
        }

        plot.Add.ColorBar(heatmap);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, 12).Select(c => (double)c).ToArray(), CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames[..12]);
        plot.Axes.Left.SetTicks(Enumerable.Range(0, years.Count).Select(r => (double)(years.Count - 1 - r)).ToArray(), years.Select(y => y.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimits(-0.5, 11.5, -0.5, years.Count - 0.5);
        plot.Title($"Monthly returns (%) — {model.CurveLabel}");
        return Save(plot, directory, "monthly-returns.png", title, convention, 140 + 50 * years.Count);
    }

    private static ReportChart Allocation(ReportModel model, string directory)
    {
        const string title = "Allocation by asset class";
        const string convention = "Net exposure of each asset class (stockNet, forexNet, cryptoNet of equity.csv) and gross exposure, as a share of equity, at every sample; a short position is negative. Classes never held are not drawn.";
        var xs = model.Equity.Select(e => e.Time.ToOADate()).ToArray();
        double[] Share(IReadOnlyList<TimedValue> values) =>
            values.Select((v, i) => model.Equity[i].Value > 0 ? v.Value / model.Equity[i].Value * 100 : 0).ToArray();

        var plot = NewPlot();
        foreach (var (name, series, color) in new[] { ("Stocks", model.Stock, Colors.SteelBlue), ("Forex", model.Forex, Colors.DarkOrange), ("Crypto", model.Crypto, Colors.Purple) })
        {
            if (series.Any(v => v.Value != 0))
            {
                var line = plot.Add.ScatterLine(xs, Share(series), color);
                line.LegendText = $"{name} net";
                line.LineWidth = 1.5f;
            }
        }

        var gross = plot.Add.ScatterLine(xs, Share(model.Gross), Colors.Gray);
        gross.LegendText = "Gross";
        gross.LinePattern = LinePattern.Dashed;
        plot.Add.HorizontalLine(0, 1, Colors.Black);
        IsoDates(plot);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title($"Exposure as a share of equity — {model.CurveLabel}");
        plot.YLabel("% of equity");
        return Save(plot, directory, "allocation.png", title, convention, Height);
    }

    private static ReportChart RollingSharpe(ReportModel model, string directory)
    {
        const string title = "Rolling Sharpe";
        var returns = ReportMath.DailyReturns(model.Equity).Where(r => double.IsFinite(r.Return)).ToList();
        var window = ReportMath.RollingWindow(returns.Count);
        var convention = string.Create(CultureInfo.InvariantCulture,
            $"Daily returns of the headline equity (last sample of each UTC day); Sharpe over the trailing {window} returns = mean(r − f) ÷ sample std(r) × √P, P = {model.PeriodsPerYear:0.##} periods a year (result.json metrics.basis.periodsPerYear), f = (1 + {model.RiskFreeRate:0.####})^(1/P) − 1. Window: 63 returns when there are at least 126, else half of them (at least 3).");
        if (window == 0)
        {
            return new ReportChart(title, convention, null, string.Create(CultureInfo.InvariantCulture, $"Not drawn: {returns.Count} daily returns (at least 6 are needed)."), null);
        }

        var points = ReportMath.RollingSharpe(returns, window, model.PeriodsPerYear, model.RiskFreeRate).Where(p => double.IsFinite(p.Sharpe)).ToList();
        var plot = NewPlot();
        if (points.Count > 0)
        {
            var line = plot.Add.ScatterLine(points.Select(p => p.Day.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray(), points.Select(p => p.Sharpe).ToArray());
            line.LineWidth = 1.5f;
            line.MarkerSize = points.Count < 30 ? 5 : 0;
        }

        plot.Add.HorizontalLine(0, 1, Colors.Black);
        IsoDates(plot);
        // The same time axis as the equity chart: the first window ends well after the run starts.
        plot.Axes.SetLimitsX(model.Equity[0].Time.ToOADate(), model.Equity[^1].Time.ToOADate());
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Rolling Sharpe ({window}-day window, annualised with P = {model.PeriodsPerYear:0.##})"));
        plot.YLabel("Sharpe");
        return Save(plot, directory, "rolling-sharpe.png", title, convention, Height);
    }

    private static ReportChart Contribution(ReportModel model, string directory)
    {
        const string title = "Contribution by strategy";
        const string convention = "Bars: each strategy's final P&L (result.json strategies[].pnl.total, after fees, in its account's base currency). Lines: cumulative P&L per strategy at every sample of strategies.csv.";
        var books = model.Folder.Result.Strategies ?? [];
        if (books.Count == 0)
        {
            return new ReportChart(title, convention, null, "Not drawn: result.json lists no strategy.", null);
        }

        var bars = NewPlot();
        var duplicated = books.GroupBy(b => b.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var list = books.Select((b, i) =>
        {
            var value = (double)(b.Pnl?.Total ?? 0);
            return new Bar { Position = i, Value = value, FillColor = value >= 0 ? Up : Down, LineWidth = 0 };
        }).ToList();
        bars.Add.Bars(list);
        var currencies = books.Select(b => b.Currency).Distinct(StringComparer.Ordinal).Count();
        bars.Axes.Bottom.SetTicks(
            books.Select((_, i) => (double)i).ToArray(),
            books.Select(b => (duplicated.Contains(b.Name) ? $"{b.Name} ({b.Account})" : b.Name) + (currencies > 1 ? $" [{b.Currency}]" : string.Empty)).ToArray());
        bars.Add.HorizontalLine(0, 1, Colors.Black);
        // Keep a lone bar from filling the whole width.
        bars.Axes.SetLimitsX(-0.5 - Math.Max(0, (3 - books.Count) / 2.0), books.Count - 0.5 + Math.Max(0, (3 - books.Count) / 2.0));
        bars.Title("Final P&L by strategy");
        bars.YLabel(currencies > 1 ? "P&L (each in its currency)" : $"P&L ({books[0].Currency})");

        var lines = NewPlot();
        foreach (var series in model.Strategies)
        {
            var line = lines.Add.ScatterLine(series.Pnl.Select(p => p.Time.ToOADate()).ToArray(), series.Pnl.Select(p => p.Value).ToArray());
            line.LegendText = series.Label;
            line.LineWidth = 1.5f;
        }

        lines.Add.HorizontalLine(0, 1, Colors.Black);
        IsoDates(lines);
        lines.Title(model.Strategies.Count > 0 ? "Cumulative P&L by strategy" : "Cumulative P&L by strategy (no strategies.csv)");
        if (model.Strategies.Count > 0)
        {
            lines.ShowLegend(Alignment.UpperLeft);
        }

        var multiplot = new Multiplot(bars);
        multiplot.AddPlot(lines);
        return Save(multiplot, directory, "contribution.png", title, convention, Height + 260);
    }

    private static ReportChart Correlation(ReportModel model, string directory)
    {
        const string title = "Correlation of strategies";
        const string convention = "Pearson correlation of the strategies' daily P&L changes: each strategy's cumulative P&L at its last sample of each UTC day (held on days without a sample), differenced; the first change is from 0. Blank: a strategy whose P&L never changes.";
        var series = model.Strategies;
        if (series.Count < 2)
        {
            return new ReportChart(title, convention, null, series.Count == 0 ? "Not drawn: no strategies.csv, or no strategy in it." : "Not drawn: one strategy only (a correlation needs at least two).", null);
        }

        var changes = ReportMath.DailyChanges(series.Select(s => s.Pnl).ToList());
        var n = series.Count;
        var cells = new double[n, n];
        var plot = NewPlot();
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                cells[r, c] = ReportMath.Correlation(changes[r], changes[c]);
            }
        }

        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Balance();
        heatmap.ManualRange = new ScottPlot.Range(-1, 1);
        heatmap.NaNCellColor = Colors.White;
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                CellText(plot, double.IsNaN(cells[r, c]) ? "\u2013" : cells[r, c].ToString("0.00", CultureInfo.InvariantCulture), c, n - 1 - r, Math.Abs(cells[r, c]) > 0.6, n > 12 ? 9 : 13);
            }
        }

        plot.Add.ColorBar(heatmap);
        var labels = series.Select(s => s.Label).ToArray();
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, n).Select(c => (double)c).ToArray(), labels);
        plot.Axes.Left.SetTicks(Enumerable.Range(0, n).Select(r => (double)(n - 1 - r)).ToArray(), labels);
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Correlation of daily P&L changes ({changes[0].Length} days)"));
        var size = Math.Clamp(220 + 45 * n, 420, 1100);
        return Save(plot, directory, "correlation.png", title, convention, size, size + 120);
    }

    /// <summary>
    /// A plot in a sans-serif font. ScottPlot asks the system for its default font by name; on a Linux box without it
    /// fontconfig substitutes a serif one, so name DejaVu Sans (Debian's fonts-dejavu-core), with the usual fallback.
    /// </summary>
    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        return plot;
    }

    /// <summary>
    /// A heatmap cell's label. ScottPlot draws intensities[r, c] centred on x = c, y = rows − 1 − r (row 0 on top), so
    /// callers pass those coordinates; dark cells get white text.
    /// </summary>
    private static void CellText(Plot plot, string label, int x, int y, bool dark, float size)
    {
        var text = plot.Add.Text(label, x, y);
        text.LabelAlignment = Alignment.MiddleCenter;
        text.LabelFontSize = size;
        text.LabelFontColor = dark ? Colors.White : Colors.Black;
    }

    private static ReportChart Save(Plot plot, string directory, string fileName, string title, string convention, int height, int width = Width)
    {
        var path = Path.Combine(directory, fileName);
        plot.SavePng(path, width, height);
        return new ReportChart(title, convention, fileName, null, File.ReadAllBytes(path));
    }

    private static ReportChart Save(Multiplot multiplot, string directory, string fileName, string title, string convention, int height)
    {
        var path = Path.Combine(directory, fileName);
        multiplot.SavePng(path, Width, height);
        return new ReportChart(title, convention, fileName, null, File.ReadAllBytes(path));
    }

    /// <summary>Date ticks on the bottom axis, labelled ISO style (2024-01-31; with the time when ticks are closer than a day).</summary>
    private static void IsoDates(Plot plot)
    {
        var axis = plot.Axes.DateTimeTicksBottom();
        if (axis.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic automatic)
        {
            automatic.LabelFormatter = d => d.TimeOfDay == TimeSpan.Zero
                ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }
    }
}
