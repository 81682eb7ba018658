using Microsoft.Extensions.Logging;

namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>
/// Runs a batch of sweep jobs somewhere and hands back their rows in the jobs' order. The sweep itself (data, variants,
/// ranking, tables) is the same wherever the runs happen: <see cref="SweepExecutor"/> runs them in this process; the
/// cluster's executor (engine/MultiAsset.Cluster, docs/cluster.md) sends them to workers that call
/// <see cref="SweepExecutor.RunJobAsync"/>, so both make each run with the same code.
/// </summary>
public interface ISweepRunExecutor
{
    /// <summary>
    /// Runs <paramref name="jobs"/> (each into its <c>Spec.Output</c> folder, skipping those already finished there) and
    /// returns their rows in the jobs' order; <paramref name="completed"/> is called as each finishes.
    /// </summary>
    Task<IReadOnlyList<SweepRunRow>> RunAsync(IReadOnlyList<SweepJob> jobs, Action<SweepRunRow>? completed, ILogger? logger, CancellationToken cancellationToken);
}
