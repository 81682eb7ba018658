namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>How a sweep run ended.</summary>
public enum SweepRunStatus
{
    /// <summary>The backtest finished and wrote its results folder.</summary>
    Ok,

    /// <summary>The backtest refused the combination (a strategy rejected its parameters, or the spec was invalid).</summary>
    Invalid,

    /// <summary>The backtest failed (engine fault, I/O error).</summary>
    Failed,
}
