namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>
/// A parameter sweep (docs/backtest-sweeps.md): a backtest spec, the strategy document whose <c>parameters</c> vary,
/// the parameter sets to try, the metric that ranks them, how many run at once, an optional walk-forward, and where
/// the results go. Read by <see cref="SweepSpecReader"/>.
/// </summary>
public sealed record SweepSpec
{
    /// <summary>Name of the sweep (default: the sweep file's name).</summary>
    public required string Name { get; init; }

    /// <summary>The sweep file, for messages.</summary>
    public required string Source { get; init; }

    /// <summary>The backtest every run starts from (its output, report and window are replaced per run).</summary>
    public required BacktestSpec Backtest { get; init; }

    /// <summary>Index in <see cref="BacktestSpec.Strategies"/> of the document whose parameters vary.</summary>
    public required int StrategyIndex { get; init; }

    /// <summary>The id of that document.</summary>
    public required string StrategyId { get; init; }

    /// <summary>The parameter sets, in the sweep's order (grid: odometer order; random: draw order).</summary>
    public required IReadOnlyList<SweepParameterSet> Sets { get; init; }

    /// <summary>The names of the varied parameters, in the spec's order (the columns of sweep.csv).</summary>
    public required IReadOnlyList<string> ParameterNames { get; init; }

    /// <summary>The ranking metric.</summary>
    public SweepMetric Metric { get; init; } = SweepMetric.Sharpe;

    /// <summary>Backtests run at once (one engine each).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>The walk-forward windows, or null for a plain sweep over the whole data.</summary>
    public WalkForwardSpec? WalkForward { get; init; }

    /// <summary>The sweep folder (absolute).</summary>
    public required string Output { get; init; }
}

/// <summary>Walk-forward windows: optimise over <paramref name="InSample"/>, test the winner over the next <paramref name="OutOfSample"/>, move by <paramref name="Step"/>.</summary>
public sealed record WalkForwardSpec(TimeSpan InSample, TimeSpan OutOfSample, TimeSpan Step);
