using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Backtest.Metrics;

/// <summary>
/// Every performance figure of one equity curve (docs/backtest-metrics.md gives each convention and edge case).
/// Ratios are doubles; a ratio that is undefined (a zero denominator, too few periods) is null, never NaN or ±∞,
/// so the record serialises to JSON with nulls as is.
/// </summary>
public sealed record PerformanceMetrics
{
    /// <summary>First sample's time, ns since the Unix epoch UTC.</summary>
    public required long StartTimeNs { get; init; }

    /// <summary>Last sample's time.</summary>
    public required long EndTimeNs { get; init; }

    /// <summary>First sample's equity.</summary>
    public required Money StartEquity { get; init; }

    /// <summary>Last sample's equity.</summary>
    public required Money EndEquity { get; init; }

    /// <summary>End equity − start equity.</summary>
    public required Money Pnl { get; init; }

    /// <summary>End ÷ start − 1.</summary>
    public required double TotalReturn { get; init; }

    /// <summary>(End ÷ start)^(1 / years) − 1 with years = span ÷ 365.25 days; −1 if end equity ≤ 0; null for a zero-length span.</summary>
    public required double? Cagr { get; init; }

    /// <summary>The resampling and annualisation used.</summary>
    public required AnnualisationBasis Basis { get; init; }

    /// <summary>Annual risk-free rate given.</summary>
    public required double RiskFreeRate { get; init; }

    /// <summary>Number of period returns (after resampling, and after a ruin cut).</summary>
    public required int Periods { get; init; }

    /// <summary>True when equity reached ≤ 0; period returns stop at that period.</summary>
    public required bool Ruined { get; init; }

    /// <summary>Mean period return.</summary>
    public required double? MeanPeriodReturn { get; init; }

    /// <summary>Sample standard deviation of period returns × √(periods per year); null for fewer than two periods.</summary>
    public required double? AnnualisedVolatility { get; init; }

    /// <summary>mean(r − f) ÷ std(r) × √P; null when std is 0 or undefined.</summary>
    public required double? Sharpe { get; init; }

    /// <summary>mean(r − f) ÷ downside deviation(target f, over all periods) × √P; null when the downside deviation is 0.</summary>
    public required double? Sortino { get; init; }

    /// <summary>CAGR ÷ max drawdown (fraction); null when either is undefined or the drawdown is 0.</summary>
    public required double? Calmar { get; init; }

    /// <summary>Drawdown figures (measured on every sample).</summary>
    public required DrawdownStatistics Drawdown { get; init; }

    /// <summary>Closed-trade figures.</summary>
    public required TradeStatistics Trades { get; init; }

    /// <summary>Exposure and turnover.</summary>
    public required ExposureStatistics Exposure { get; init; }

    /// <summary>Against the benchmark; null when none was given.</summary>
    public required BenchmarkStatistics? Benchmark { get; init; }
}
