namespace MultiAsset.Engine.Backtest.Metrics;

/// <summary>The moments used by the ratio metrics, over spans of period returns (one pass each, no allocation).</summary>
public static class ReturnStatistics
{
    /// <summary>Arithmetic mean; NaN for an empty span.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    /// <summary>Sample standard deviation (denominator n − 1, Bessel's correction); null for fewer than two values.</summary>
    public static double? SampleStandardDeviation(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return null;
        }

        var mean = Mean(values);
        double sum = 0;
        foreach (var value in values)
        {
            var d = value - mean;
            sum += d * d;
        }

        return Math.Sqrt(sum / (values.Length - 1));
    }

    /// <summary>
    /// Downside deviation below <paramref name="target"/>: sqrt(Σ min(0, r − target)² / n), with n the number of
    /// ALL periods (not only the losing ones); null for an empty span.
    /// </summary>
    public static double? DownsideDeviation(ReadOnlySpan<double> values, double target)
    {
        if (values.IsEmpty)
        {
            return null;
        }

        double sum = 0;
        foreach (var value in values)
        {
            var shortfall = Math.Min(0, value - target);
            sum += shortfall * shortfall;
        }

        return Math.Sqrt(sum / values.Length);
    }

    /// <summary>Sample covariance (n − 1) of two equally long spans; null for fewer than two pairs.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static double? SampleCovariance(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("The two series must be equally long.", nameof(y));
        }

        if (x.Length < 2)
        {
            return null;
        }

        var meanX = Mean(x);
        var meanY = Mean(y);
        double sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += (x[i] - meanX) * (y[i] - meanY);
        }

        return sum / (x.Length - 1);
    }

    /// <summary>
    /// The risk-free rate of one period from an annual rate, compounded: (1 + annual)^(1 / periodsPerYear) − 1.
    /// </summary>
    public static double PeriodRiskFreeRate(double annualRate, double periodsPerYear) =>
        annualRate == 0 ? 0 : Math.Pow(1 + annualRate, 1 / periodsPerYear) - 1;
}
