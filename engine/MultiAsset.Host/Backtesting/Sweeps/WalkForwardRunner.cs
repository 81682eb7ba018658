using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>
/// Walk-forward: in each window every parameter set runs over the in-sample stretch, the best by the metric runs over
/// the out-of-sample stretch, and the out-of-sample curves are stitched into one (<see cref="WalkForwardEquity"/>).
/// Every window's in-sample runs go to the executor as one batch, then every winner's out-of-sample run, so the workers
/// stay busy across windows. Writes windows/wNN.csv (each in-sample ranking), walkforward.csv, walkforward.json and
/// walkforward-equity.csv.
/// </summary>
public static class WalkForwardRunner
{
    private static readonly string[] WindowColumns = ["window", "inSampleStart", "inSampleEnd", "outOfSampleStart", "outOfSampleEnd", "runId"];

    /// <summary>Runs the walk-forward of <paramref name="spec"/> over <paramref name="data"/>.</summary>
    /// <exception cref="ConfigurationException">The data's time range is unknown (CSV/Parquet sources) or too short for one window.</exception>
    public static async Task<SweepOutcome> RunAsync(SweepSpec spec, SweepData data, ISweepObserver? observer, ILogger? logger, ISweepRunExecutor? executor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        var walk = spec.WalkForward!;
        if (data.FirstNs is not { } dataFirst || data.LastNs is not { } dataLast)
        {
            throw new ConfigurationException($"{spec.Source}: walkForward: the data's time range is unknown; use cache or import sources");
        }

        var first = Math.Max(dataFirst, spec.Backtest.StartNs ?? long.MinValue);
        var last = Math.Min(dataLast, (spec.Backtest.EndNs ?? long.MaxValue) - 1);
        var windows = WalkForwardPlanner.Plan(first, last, walk);
        if (windows.Count == 0)
        {
            throw new ConfigurationException($"{spec.Source}: walkForward: the data ({BacktestResultBuilder.Time(first)} to {BacktestResultBuilder.Time(last)}) is shorter than one in-sample stretch ({walk.InSample})");
        }

        observer?.Planned(windows.Count * (spec.Sets.Count + 1));
        var inSampleJobs = windows.SelectMany(w => spec.Sets.Select(s => Job(spec, data, w, "is", s, w.InSampleStartNs, w.InSampleEndNs))).ToList();
        var inSampleRows = await SweepRunner.Execute(spec, inSampleJobs, observer, logger, executor, cancellationToken).ConfigureAwait(false);

        var chosen = new List<(WalkForwardWindow Window, SweepRunRow? Best)>();
        for (var i = 0; i < windows.Count; i++)
        {
            var rows = inSampleRows.Skip(i * spec.Sets.Count).Take(spec.Sets.Count);
            var ranked = SweepRanking.Sort(rows, spec.Metric);
            SweepTableWriter.Write(Path.Combine(spec.Output, "windows"), windows[i].Label, spec, ranked);
            chosen.Add((windows[i], ranked.FirstOrDefault(r => r.Metrics?.Get(spec.Metric) is not null)));
        }

        var outOfSampleJobs = chosen.Where(c => c.Best is not null)
            .Select(c => Job(spec, data, c.Window, "oos", c.Best!.Parameters, c.Window.InSampleEndNs, c.Window.OutOfSampleEndNs)).ToList();
        // Windows without a winner complete their share of the progress now.
        foreach (var unused in chosen.Where(c => c.Best is null))
        {
            observer?.Completed(new SweepRunRow("-", new SweepParameterSet([]), SweepRunStatus.Invalid, "no in-sample run had the metric", null, null, Resumed: false));
        }

        var outOfSampleRows = await SweepRunner.Execute(spec, outOfSampleJobs, observer, logger, executor, cancellationToken).ConfigureAwait(false);
        var results = new List<WalkForwardResult>();
        var next = 0;
        foreach (var (window, best) in chosen)
        {
            if (best is null)
            {
                results.Add(new WalkForwardResult(window, null, null, null));
                continue;
            }

            results.Add(new WalkForwardResult(window, best, outOfSampleRows[next], outOfSampleJobs[next].Spec.Output));
            next++;
        }

        var stitchedParts = results.Where(r => r.OutOfSample?.Status == SweepRunStatus.Ok).Select(r => (r.Window.Label, r.OutOfSampleFolder!)).ToList();
        var stitched = WalkForwardEquity.Stitch(stitchedParts);
        var basis = stitchedParts.Count > 0 ? WalkForwardEquity.BasisOf(stitchedParts[0].Item2) : Engine.Backtest.Metrics.AnnualisationBasis.DailyStocks;
        var metrics = WalkForwardEquity.Metrics(stitched, basis, spec.Backtest.RiskFreeRate);
        WalkForwardEquity.Write(Path.Combine(spec.Output, "walkforward-equity.csv"), stitched);
        WriteTables(spec, results, metrics);
        var all = inSampleRows.Concat(outOfSampleRows).ToList();
        return new SweepOutcome
        {
            Output = spec.Output,
            Ranked = outOfSampleRows,
            Ran = all.Count(r => !r.Resumed),
            Resumed = all.Count(r => r.Resumed),
            Windows = results,
            Stitched = metrics,
        };
    }

    private static SweepJob Job(SweepSpec spec, SweepData data, WalkForwardWindow window, string part, SweepParameterSet set, long start, long end)
    {
        var runId = $"{window.Label}-{part}-{set.RunId}";
        return new SweepJob(runId, set, SweepVariant.Build(spec, set, data, SweepRunner.RunFolder(spec, runId), start, end));
    }

    private static void WriteTables(SweepSpec spec, IReadOnlyList<WalkForwardResult> results, Engine.Backtest.Metrics.PerformanceMetrics? stitched)
    {
        var metric = SweepRunner.MetricName(spec.Metric);
        var csv = new StringBuilder();
        csv.Append(string.Join(',', WindowColumns
            .Concat(spec.ParameterNames).Concat([$"inSample{char.ToUpperInvariant(metric[0])}{metric[1..]}", "outOfSampleReturn", "outOfSampleStatus", "reason"]))).Append('\n');
        var windows = new JsonArray();
        foreach (var r in results)
        {
            var w = r.Window;
            var fields = new List<string>
            {
                w.Label, BacktestResultBuilder.Time(w.InSampleStartNs), BacktestResultBuilder.Time(w.InSampleEndNs),
                BacktestResultBuilder.Time(w.InSampleEndNs), BacktestResultBuilder.Time(w.OutOfSampleEndNs), r.Chosen?.RunId ?? string.Empty,
            };
            fields.AddRange(spec.ParameterNames.Select(p => r.Chosen?.Parameters[p] is { } v ? SweepTableWriter.Text(v) : string.Empty));
            var inSample = r.Chosen?.Metrics?.Get(spec.Metric);
            var outReturn = r.OutOfSample?.Metrics?.TotalReturn;
            fields.Add(inSample?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty);
            fields.Add(outReturn?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty);
            fields.Add(r.OutOfSample is null ? "none" : SweepTableWriter.Status(r.OutOfSample.Status));
            fields.Add(r.OutOfSample?.Reason ?? (r.Chosen is null ? "no in-sample run had the metric" : string.Empty));
            csv.Append(string.Join(',', fields.Select(SweepTableWriter.Quote))).Append('\n');
            windows.Add(new JsonObject
            {
                ["window"] = w.Label,
                ["inSample"] = new JsonObject { ["start"] = BacktestResultBuilder.Time(w.InSampleStartNs), ["end"] = BacktestResultBuilder.Time(w.InSampleEndNs) },
                ["outOfSample"] = new JsonObject { ["start"] = BacktestResultBuilder.Time(w.InSampleEndNs), ["end"] = BacktestResultBuilder.Time(w.OutOfSampleEndNs) },
                ["chosen"] = r.Chosen is null ? null : new JsonObject { ["runId"] = r.Chosen.RunId, ["parameters"] = r.Chosen.Parameters.ToJson() },
                ["inSampleMetric"] = inSample is { } a ? JsonValue.Create(a) : null,
                ["outOfSampleRun"] = r.OutOfSample?.RunId,
                ["outOfSampleStatus"] = r.OutOfSample is null ? null : SweepTableWriter.Status(r.OutOfSample.Status),
                ["outOfSampleReason"] = r.OutOfSample?.Reason,
                ["outOfSampleMetrics"] = r.OutOfSample?.Metrics is { } m ? Figures(m) : null,
            });
        }

        SweepTableWriter.Replace(Path.Combine(spec.Output, "walkforward.csv"), csv.ToString());
        var json = new JsonObject
        {
            ["name"] = spec.Name,
            ["metric"] = metric,
            ["windows"] = windows,
            ["stitched"] = stitched is null ? null : JsonSerializer.SerializeToNode(stitched, BacktestResultWriter.Json),
        };
        SweepTableWriter.Replace(Path.Combine(spec.Output, "walkforward.json"), json.ToJsonString(BacktestResultWriter.Json) + "\n");
    }

    private static JsonObject Figures(SweepMetrics metrics)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in SweepTableWriter.Figures(metrics))
        {
            obj[key] = value;
        }

        return obj;
    }
}
