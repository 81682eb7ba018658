namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>One row of sweep.csv / sweep.json: a parameter set and how its backtest went.</summary>
/// <param name="RunId">The set's <see cref="SweepParameterSet.RunId"/> (walk-forward runs add a window prefix).</param>
/// <param name="Parameters">The parameter set.</param>
/// <param name="Status">Ok, invalid or failed.</param>
/// <param name="Reason">Why it is invalid or failed; null when ok.</param>
/// <param name="Metrics">The figures, or null unless ok.</param>
/// <param name="Digest">The engine's state digest after the run (equal run after run), or null unless ok.</param>
/// <param name="Resumed">Whether the results were found on disk rather than run now (not written to the tables).</param>
public sealed record SweepRunRow(string RunId, SweepParameterSet Parameters, SweepRunStatus Status, string? Reason, SweepMetrics? Metrics, string? Digest, bool Resumed);
