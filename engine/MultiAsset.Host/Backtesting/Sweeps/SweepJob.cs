namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>One backtest of a sweep: its run id (the folder name under runs/), its parameters and the spec it runs.</summary>
public sealed record SweepJob(string RunId, SweepParameterSet Parameters, BacktestSpec Spec);
