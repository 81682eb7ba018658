using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Backtest.Metrics;

/// <summary>What a finished backtest hands to <see cref="PerformanceCalculator"/>.</summary>
/// <remarks>Every money amount is in one currency: the base currency of the account (or portfolio) measured.</remarks>
public sealed record PerformanceInput
{
    /// <summary>The equity curve, in non-decreasing time order; at least one sample, the first with equity &gt; 0.</summary>
    public required ReadOnlyMemory<EquitySample> Equity { get; init; }

    /// <summary>Closed round trips (may be empty).</summary>
    public IReadOnlyList<ClosedTrade> Trades { get; init; } = [];

    /// <summary>How returns are resampled and annualised.</summary>
    public AnnualisationBasis Basis { get; init; } = AnnualisationBasis.DailyStocks;

    /// <summary>Annual risk-free rate as a fraction (0.02 = 2 % a year), compounded to the period (see docs/backtest-metrics.md).</summary>
    public double RiskFreeRate { get; init; }

    /// <summary>Optional benchmark level series (value or price), in non-decreasing time order; empty when there is none.</summary>
    public ReadOnlyMemory<EquitySample> Benchmark { get; init; }

    /// <summary>
    /// Optional gross exposure (Σ |position value|, base currency) at each equity sample, aligned index for index with
    /// <see cref="Equity"/>; empty to derive time in market from <see cref="Trades"/> instead.
    /// </summary>
    public ReadOnlyMemory<Money> GrossExposure { get; init; }

    /// <summary>
    /// Optional total value traded (Σ |quantity × price| over every fill, base currency) for turnover; when null the
    /// closed trades' entry plus exit values are used (which leaves out positions still open at the end).
    /// </summary>
    public Money? TradedValue { get; init; }
}
