using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>What the sweep command shows: a progress bar with ETA while it runs, then the top runs as a table.</summary>
internal static class SweepConsole
{
    /// <summary>A console writing to <paramref name="writer"/> (colours and live redraw only when it is a terminal).</summary>
    public static IAnsiConsole Create(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
        });
        if (!console.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            // A file or pipe has no width: do not wrap the table at the 80-column default.
            console.Profile.Width = 200;
        }

        return console;
    }

    /// <summary>Runs <paramref name="work"/> under a progress bar fed by the observer it is given.</summary>
    public static async Task<T> WithProgressAsync<T>(IAnsiConsole console, Func<ISweepObserver, Task<T>> work)
    {
        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var observer = new ProgressObserver(context);
                result = await work(observer).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result;
    }

    /// <summary>The best <paramref name="count"/> rows of <paramref name="outcome"/> as a table.</summary>
    public static Table Top(SweepSpec spec, SweepOutcome outcome, int count = 10)
    {
        var metric = SweepRunner.MetricName(spec.Metric);
        var title = outcome.Windows is null
            ? $"best by {metric}{(SweepRanking.LowerIsBetter(spec.Metric) ? " (lower is better)" : string.Empty)}"
            : $"walk-forward: each window's in-sample best by {metric}, run out of sample";
        var table = new Table().Title(title);
        var columns = new List<string> { "#", "run" };
        columns.AddRange(spec.ParameterNames);
        columns.AddRange(["status", "totalReturn", "sharpe", "maxDrawdown", "trades"]);
        if (!columns.Contains(metric))
        {
            columns.Add(metric);
        }

        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)) { NoWrap = column != "status" });
        }

        foreach (var (row, rank) in outcome.Ranked.Take(count).Select((r, i) => (r, i + 1)))
        {
            var figures = SweepTableWriter.Figures(row.Metrics).ToDictionary(f => f.Key, f => f.Value);
            var cells = new List<IRenderable> { new Text(rank.ToString(CultureInfo.InvariantCulture)), new Text(row.RunId) };
            cells.AddRange(spec.ParameterNames.Select(p => new Text(row.Parameters[p] is { } v ? SweepTableWriter.Text(v) : string.Empty)));
            cells.Add(new Text(row.Status == SweepRunStatus.Ok ? "ok" : $"{SweepTableWriter.Status(row.Status)}: {Shorten(row.Reason)}") { Overflow = Overflow.Ellipsis });
            foreach (var name in columns.Skip(3 + spec.ParameterNames.Count))
            {
                cells.Add(new Text(figures.TryGetValue(name, out var value) && value is JsonValue number ? Format(number) : "-"));
            }

            table.AddRow(cells);
        }

        return table;
    }

    private static string Format(JsonValue number)
        => number.TryGetValue<long>(out var whole) ? whole.ToString(CultureInfo.InvariantCulture) : Format(number.GetValue<double>());

    private static string Format(double value) => Math.Abs(value) >= 1000 || value == Math.Floor(value)
        ? value.ToString("0.##", CultureInfo.InvariantCulture)
        : value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Shorten(string? reason)
    {
        var text = reason ?? string.Empty;
        var refused = text.IndexOf("refused: ", StringComparison.Ordinal);
        text = refused >= 0 ? text[(refused + 9)..] : text;
        return text.Length > 60 ? text[..57] + "..." : text;
    }

    /// <summary>Feeds the bar; Spectre's progress is not thread-safe, so worker threads take turns.</summary>
    private sealed class ProgressObserver(ProgressContext context) : ISweepObserver
    {
        private readonly Lock gate = new();
        private ProgressTask? task;
        private int resumed;

        public void Planned(int runs)
        {
            lock (gate)
            {
                task = context.AddTask("runs", maxValue: Math.Max(1, runs));
            }
        }

        public void Completed(SweepRunRow row)
        {
            lock (gate)
            {
                if (row.Resumed)
                {
                    resumed++;
                    task?.Description(string.Create(CultureInfo.InvariantCulture, $"runs ({resumed} resumed)"));
                }

                task?.Increment(1);
            }
        }
    }
}
