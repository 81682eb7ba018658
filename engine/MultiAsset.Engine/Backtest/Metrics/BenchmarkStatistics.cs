namespace MultiAsset.Engine.Backtest.Metrics;

/// <summary>The strategy's period returns against a benchmark's over the same periods.</summary>
/// <remarks>
/// <para>Alignment (as-of): at the close time of each of the strategy's periods the benchmark's level is its last
/// sample at or before that time. A period counts when the benchmark has a positive level at both its open and its
/// close; periods before the benchmark's first sample are left out of every figure here.</para>
/// <para>With p the strategy's and b the benchmark's period returns, f the period risk-free rate, P periods a year,
/// sample (n − 1) moments: beta = cov(p, b) / var(b); alpha (Jensen, annualised arithmetically) =
/// P × (mean(p − f) − beta × mean(b − f)); tracking error = std(p − b) × √P; information ratio =
/// mean(p − b) × P / tracking error. Null where a denominator is zero or fewer than two periods align.</para>
/// </remarks>
public sealed record BenchmarkStatistics
{
    /// <summary>Number of periods where both series have a return.</summary>
    public required int AlignedPeriods { get; init; }

    /// <summary>Benchmark level at the last aligned close ÷ at the first aligned open − 1; null without an aligned period.</summary>
    public required double? BenchmarkTotalReturn { get; init; }

    /// <summary>cov(p, b) / var(b).</summary>
    public required double? Beta { get; init; }

    /// <summary>Jensen's alpha, annualised: P × (mean(p − f) − β mean(b − f)).</summary>
    public required double? Alpha { get; init; }

    /// <summary>Pearson correlation of p and b.</summary>
    public required double? Correlation { get; init; }

    /// <summary>Annualised standard deviation of the active return p − b.</summary>
    public required double? TrackingError { get; init; }

    /// <summary>Annualised mean active return ÷ tracking error.</summary>
    public required double? InformationRatio { get; init; }

    /// <summary>Aligns <paramref name="benchmark"/> (validated: sorted) to <paramref name="periods"/> and computes the statistics.</summary>
    public static BenchmarkStatistics From(PeriodReturns periods, ReadOnlySpan<EquitySample> benchmark, double periodsPerYear, double periodRiskFree)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var closes = periods.CloseTimes;
        var levels = new double[closes.Length];
        var cursor = -1;
        for (var k = 0; k < closes.Length; k++)
        {
            while (cursor + 1 < benchmark.Length && benchmark[cursor + 1].TimestampNs <= closes[k])
            {
                cursor++;
            }

            levels[k] = cursor < 0 ? double.NaN : benchmark[cursor].Equity.Raw;
        }

        var strategy = new double[periods.Returns.Length];
        var bench = new double[periods.Returns.Length];
        var n = 0;
        int first = -1, last = -1;
        for (var k = 1; k < closes.Length; k++)
        {
            if (levels[k - 1] > 0 && levels[k] > 0)
            {
                strategy[n] = periods.Returns[k - 1];
                bench[n] = (levels[k] / levels[k - 1]) - 1.0;
                n++;
                first = first < 0 ? k - 1 : first;
                last = k;
            }
        }

        var p = strategy.AsSpan(0, n);
        var b = bench.AsSpan(0, n);
        var active = new double[n];
        for (var i = 0; i < n; i++)
        {
            active[i] = p[i] - b[i];
        }

        var covariance = ReturnStatistics.SampleCovariance(p, b);
        var benchStd = ReturnStatistics.SampleStandardDeviation(b);
        var strategyStd = ReturnStatistics.SampleStandardDeviation(p);
        var activeStd = ReturnStatistics.SampleStandardDeviation(active);
        double? beta = covariance is { } c && benchStd is { } sb && sb > 0 ? c / (sb * sb) : null;
        double? alpha = beta is { } bt ? periodsPerYear * ((ReturnStatistics.Mean(p) - periodRiskFree) - (bt * (ReturnStatistics.Mean(b) - periodRiskFree))) : null;
        double? correlation = covariance is { } cv && benchStd is { } s1 && strategyStd is { } s2 && s1 > 0 && s2 > 0 ? cv / (s1 * s2) : null;
        double? trackingError = activeStd is { } sa ? sa * Math.Sqrt(periodsPerYear) : null;
        double? information = trackingError is { } te && te > 0 ? ReturnStatistics.Mean(active) * periodsPerYear / te : null;
        return new BenchmarkStatistics
        {
            AlignedPeriods = n,
            BenchmarkTotalReturn = n == 0 ? null : (levels[last] / levels[first]) - 1.0,
            Beta = beta,
            Alpha = alpha,
            Correlation = correlation,
            TrackingError = trackingError,
            InformationRatio = information,
        };
    }
}
