using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Backtest.Metrics;

/// <summary>
/// Computes <see cref="PerformanceMetrics"/> from a backtest's equity curve, trades and optional benchmark.
/// Runs after a backtest, not on the hot path: a few linear passes over the samples, allocation proportional to the
/// number of periods (not per sample) except for the every-sample basis.
/// </summary>
public static class PerformanceCalculator
{
    /// <summary>The length of the CAGR year: 365.25 days, in ns.</summary>
    public const double NanosecondsPerYear = 365.25 * PeriodReturns.NanosecondsPerDay;

    /// <summary>Computes every metric of <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">No sample, samples out of time order, a first equity ≤ 0, or a misaligned exposure series.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An invalid basis or a risk-free rate that is not finite or ≤ −100 %.</exception>
    public static PerformanceMetrics Compute(PerformanceInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Basis);
        input.Basis.Validate();
        if (!double.IsFinite(input.RiskFreeRate) || input.RiskFreeRate <= -1)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input.RiskFreeRate, "The risk-free rate must be finite and above -100 %.");
        }

        var equity = input.Equity.Span;
        if (equity.IsEmpty)
        {
            throw new ArgumentException("The equity curve has no sample.", nameof(input));
        }

        if (equity[0].Equity.Raw <= 0)
        {
            throw new ArgumentException($"The first equity sample is {equity[0].Equity}; returns need a positive starting equity.", nameof(input));
        }

        RequireTimeOrder(equity, "equity");
        var benchmark = input.Benchmark.Span;
        RequireTimeOrder(benchmark, "benchmark");

        var basis = input.Basis;
        var periods = PeriodReturns.From(equity, basis.Period);
        var returns = periods.Returns.AsSpan();
        var riskFree = ReturnStatistics.PeriodRiskFreeRate(input.RiskFreeRate, basis.PeriodsPerYear);
        var sqrtP = Math.Sqrt(basis.PeriodsPerYear);

        double? mean = returns.IsEmpty ? null : ReturnStatistics.Mean(returns);
        var std = ReturnStatistics.SampleStandardDeviation(returns);
        var downside = ReturnStatistics.DownsideDeviation(returns, riskFree);
        double? sharpe = mean is { } m1 && std is { } s && s > 0 ? (m1 - riskFree) / s * sqrtP : null;
        double? sortino = mean is { } m2 && downside is { } d && d > 0 ? (m2 - riskFree) / d * sqrtP : null;

        var first = equity[0];
        var last = equity[^1];
        var span = last.TimestampNs - first.TimestampNs;
        var growth = last.Equity.Raw / (double)first.Equity.Raw;
        // Compounding a gain over a very short span to a year can leave the double range: an infinite CAGR is
        // undefined, so null like every other undefined figure (never ±∞ in a result).
        double? cagr = span <= 0 ? null : growth <= 0 ? -1.0 : Math.Pow(growth, NanosecondsPerYear / span) - 1.0;
        if (cagr is { } compounded && !double.IsFinite(compounded))
        {
            cagr = null;
        }


        var drawdown = DrawdownStatistics.From(equity);
        var trades = TradeStatistics.From(input.Trades);
        var exposure = ExposureStatistics.From(equity, input.GrossExposure.Span, input.Trades, input.TradedValue ?? trades.TradedValue);
        var versus = benchmark.IsEmpty ? null : BenchmarkStatistics.From(periods, benchmark, basis.PeriodsPerYear, riskFree);

        return new PerformanceMetrics
        {
            StartTimeNs = first.TimestampNs,
            EndTimeNs = last.TimestampNs,
            StartEquity = first.Equity,
            EndEquity = last.Equity,
            Pnl = last.Equity - first.Equity,
            TotalReturn = growth - 1.0,
            Cagr = cagr,
            Basis = basis,
            RiskFreeRate = input.RiskFreeRate,
            Periods = returns.Length,
            Ruined = periods.Ruined,
            MeanPeriodReturn = mean,
            AnnualisedVolatility = std * sqrtP,
            Sharpe = sharpe,
            Sortino = sortino,
            Calmar = cagr is { } g && drawdown.MaxDrawdown > 0 ? g / drawdown.MaxDrawdown : null,
            Drawdown = drawdown,
            Trades = trades,
            Exposure = exposure,
            Benchmark = versus,
        };
    }

    private static void RequireTimeOrder(ReadOnlySpan<EquitySample> samples, string name)
    {
        for (var i = 1; i < samples.Length; i++)
        {
            if (samples[i].TimestampNs < samples[i - 1].TimestampNs)
            {
                throw new ArgumentException($"The {name} series goes back in time at sample {i} ({samples[i].TimestampNs} < {samples[i - 1].TimestampNs}).", nameof(samples));
            }
        }
    }
}
