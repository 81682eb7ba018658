using System.Text.Json;
using Microsoft.Extensions.Logging;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>
/// Runs a sweep (docs/backtest-sweeps.md): imports the data once into SWEEP/data, runs every parameter set
/// (<see cref="SweepExecutor"/>, one engine per worker) into SWEEP/runs/RUNID, ranks them (<see cref="SweepRanking"/>)
/// and writes sweep.csv and sweep.json — or, with a walk-forward, hands over to <see cref="WalkForwardRunner"/>.
/// </summary>
public static class SweepRunner
{
    /// <summary>Runs <paramref name="spec"/> in this process; cancelling stops it, and the runs already finished stay for a resume.</summary>
    /// <exception cref="ConfigurationException">The data cannot be prepared, or a walk-forward has no time range.</exception>
    public static Task<SweepOutcome> RunAsync(SweepSpec spec, ISweepObserver? observer = null, ILogger? logger = null, CancellationToken cancellationToken = default)
        => RunAsync(spec, null, observer, logger, cancellationToken);

    /// <summary>
    /// Runs <paramref name="spec"/> with its runs made by <paramref name="executor"/> (null: in this process,
    /// <c>spec.Workers</c> at once); cancelling stops it, and the runs already finished stay for a resume.
    /// </summary>
    /// <exception cref="ConfigurationException">The data cannot be prepared, or a walk-forward has no time range.</exception>
    public static async Task<SweepOutcome> RunAsync(SweepSpec spec, ISweepRunExecutor? executor, ISweepObserver? observer, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Directory.CreateDirectory(spec.Output);
        var data = SweepData.Prepare(spec.Backtest, Path.Combine(spec.Output, "data"));
        if (spec.WalkForward is not null)
        {
            return await WalkForwardRunner.RunAsync(spec, data, observer, logger, executor, cancellationToken).ConfigureAwait(false);
        }

        var jobs = spec.Sets.Select(s => new SweepJob(s.RunId, s, SweepVariant.Build(spec, s, data, RunFolder(spec, s.RunId)))).ToList();
        observer?.Planned(jobs.Count);
        var rows = await Execute(spec, jobs, observer, logger, executor, cancellationToken).ConfigureAwait(false);
        var ranked = SweepRanking.Sort(rows, spec.Metric);
        SweepTableWriter.Write(spec.Output, "sweep", spec, ranked);
        return new SweepOutcome
        {
            Output = spec.Output,
            Ranked = ranked,
            Ran = rows.Count(r => !r.Resumed),
            Resumed = rows.Count(r => r.Resumed),
        };
    }

    /// <summary>Runs <paramref name="jobs"/> on <paramref name="executor"/>, or in this process when it is null.</summary>
    internal static Task<IReadOnlyList<SweepRunRow>> Execute(SweepSpec spec, IReadOnlyList<SweepJob> jobs, ISweepObserver? observer, ILogger? logger, ISweepRunExecutor? executor, CancellationToken cancellationToken)
    {
        Action<SweepRunRow>? completed = observer is null ? null : observer.Completed;
        return executor is null
            ? SweepExecutor.RunAsync(jobs, spec.Workers, completed, logger, cancellationToken)
            : executor.RunAsync(jobs, completed, logger, cancellationToken);
    }

    /// <summary>SWEEP/runs/RUNID.</summary>
    public static string RunFolder(SweepSpec spec, string runId)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Path.Combine(spec.Output, "runs", runId);
    }

    /// <summary>The metric's name as the spec and the tables write it (<c>maxDrawdown</c>).</summary>
    public static string MetricName(SweepMetric metric) => JsonNamingPolicy.CamelCase.ConvertName(metric.ToString());
}
