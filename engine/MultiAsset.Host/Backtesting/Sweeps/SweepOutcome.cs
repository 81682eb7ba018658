using MultiAsset.Engine.Backtest.Metrics;

namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>What a sweep produced: the ranked rows (of the whole data, or of the out-of-sample runs in walk-forward), how many were run or resumed, and the walk-forward if there was one.</summary>
public sealed record SweepOutcome
{
    /// <summary>The sweep folder.</summary>
    public required string Output { get; init; }

    /// <summary>Plain sweep: every set, best first. Walk-forward: each window's out-of-sample run, in window order.</summary>
    public required IReadOnlyList<SweepRunRow> Ranked { get; init; }

    /// <summary>Runs made now.</summary>
    public required int Ran { get; init; }

    /// <summary>Runs found finished on disk and not run again.</summary>
    public required int Resumed { get; init; }

    /// <summary>The walk-forward windows, or null for a plain sweep.</summary>
    public IReadOnlyList<WalkForwardResult>? Windows { get; init; }

    /// <summary>Metrics of the stitched out-of-sample equity (walk-forward), or null.</summary>
    public PerformanceMetrics? Stitched { get; init; }
}

/// <summary>One walk-forward window's outcome: the in-sample winner (null when no in-sample run had the metric) and its out-of-sample run.</summary>
public sealed record WalkForwardResult(WalkForwardWindow Window, SweepRunRow? Chosen, SweepRunRow? OutOfSample, string? OutOfSampleFolder);
