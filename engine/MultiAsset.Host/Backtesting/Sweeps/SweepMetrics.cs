namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>The figures a sweep keeps of one run (null where the backtest has none, e.g. a Sharpe ratio of a flat curve).</summary>
public sealed record SweepMetrics(
    double? TotalReturn,
    double? Cagr,
    double? Sharpe,
    double? Sortino,
    double? Calmar,
    double? MaxDrawdown,
    long? Trades,
    double? HitRate,
    double? ProfitFactor)
{
    /// <summary>The value of <paramref name="metric"/> (NaN and infinities count as none).</summary>
    public double? Get(SweepMetric metric)
    {
        var value = metric switch
        {
            SweepMetric.TotalReturn => TotalReturn,
            SweepMetric.Cagr => Cagr,
            SweepMetric.Sharpe => Sharpe,
            SweepMetric.Sortino => Sortino,
            SweepMetric.Calmar => Calmar,
            SweepMetric.MaxDrawdown => MaxDrawdown,
            SweepMetric.ProfitFactor => ProfitFactor,
            SweepMetric.HitRate => HitRate,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
        };
        return value is { } v && double.IsFinite(v) ? v : null;
    }
}
