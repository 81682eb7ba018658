using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>
/// Runs sweep jobs on <c>workers</c> engines at once (each job its own engine, its own results folder), skipping jobs
/// whose folder already holds a readable result.json (resume). A job the backtest refuses (<see cref="ConfigurationException"/>:
/// e.g. a strategy that rejects <c>fast &gt;= slow</c>) is recorded as invalid with the reason; any other error as failed.
/// Cancelling stops the running jobs; finished ones keep their folders.
/// </summary>
public static class SweepExecutor
{
    /// <summary>
    /// Runs <paramref name="jobs"/> and returns their rows in the jobs' order (not finishing order).
    /// <paramref name="completed"/> is called (from any thread) as each job finishes or is found finished.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled: rows of the finished jobs are on disk, not returned.</exception>
    public static async Task<IReadOnlyList<SweepRunRow>> RunAsync(IReadOnlyList<SweepJob> jobs, int workers, Action<SweepRunRow>? completed = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        logger ??= NullLogger.Instance;
        var rows = new SweepRunRow[jobs.Count];
        var pending = new List<int>();
        for (var i = 0; i < jobs.Count; i++)
        {
            if (SweepResultFile.TryRead(jobs[i].Spec.Output) is { } found)
            {
                rows[i] = new SweepRunRow(jobs[i].RunId, jobs[i].Parameters, SweepRunStatus.Ok, null, found.Metrics, found.Digest, Resumed: true);
                completed?.Invoke(rows[i]);
            }
            else
            {
                pending.Add(i);
            }
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(pending, options, async (index, token) =>
        {
            rows[index] = await RunJobAsync(jobs[index], logger, token).ConfigureAwait(false);
            completed?.Invoke(rows[index]);
        }).ConfigureAwait(false);
        return rows;
    }

    /// <summary>
    /// Runs one job into its folder and reads its row from the result.json it wrote: ok, invalid (the backtest refused
    /// it) or failed. The one way a sweep run is made, here and on the cluster's workers.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static async Task<SweepRunRow> RunJobAsync(SweepJob job, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        logger ??= NullLogger.Instance;
        SweepRunRow Row(SweepRunStatus status, string reason) => new(job.RunId, job.Parameters, status, reason, null, null, Resumed: false);
        try
        {
            await BacktestRunner.RunAsync(job.Spec, null, logger, cancellationToken).ConfigureAwait(false);
        }
        catch (ConfigurationException ex)
        {
            return Row(SweepRunStatus.Invalid, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ReplayFormatException or IOException or UnauthorizedAccessException or JournalException or OperationCanceledException or TimeoutException)
        {
            return Row(SweepRunStatus.Failed, ex.Message);
        }

        return SweepResultFile.TryRead(job.Spec.Output) is { } found
            ? new SweepRunRow(job.RunId, job.Parameters, SweepRunStatus.Ok, null, found.Metrics, found.Digest, Resumed: false)
            : Row(SweepRunStatus.Failed, "the run wrote no readable result.json");
    }
}
