namespace MultiAsset.Reports;

/// <summary>A value at a time (equity, P&amp;L, an exposure).</summary>
internal readonly record struct TimedValue(DateTime Time, double Value);

/// <summary>A return over one day, closing at <see cref="Day"/>'s last sample.</summary>
internal readonly record struct DailyReturn(DateOnly Day, double Return);

/// <summary>A calendar month's compounded return.</summary>
internal readonly record struct MonthlyReturn(int Year, int Month, double Return);

/// <summary>
/// The arithmetic behind the charts (docs/backtest-report.md). Daily values are the last sample of each UTC day;
/// returns are simple (E_k / E_{k−1} − 1), the first period opening at the very first sample, as in
/// docs/backtest-metrics.md.
/// </summary>
internal static class ReportMath
{
    /// <summary>
    /// Sums several accounts' series at every sample time of any of them, each account holding its last value until its
    /// next sample (an account not yet started counts 0).
    /// </summary>
    public static List<(DateTime Time, double[] Values)> SumAsOf(IEnumerable<(DateTime Time, string Key, double[] Values)> rows, int width)
    {
        var last = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var result = new List<(DateTime, double[])>();
        foreach (var group in rows.GroupBy(r => r.Time).OrderBy(g => g.Key))
        {
            foreach (var row in group)
            {
                last[row.Key] = row.Values;
            }

            var sum = new double[width];
            foreach (var values in last.Values)
            {
                for (var i = 0; i < width; i++)
                {
                    sum[i] += values[i];
                }
            }

            result.Add((group.Key, sum));
        }

        return result;
    }

    /// <summary>
    /// Daily returns: the close of a day is its last sample; the first return runs from the very first sample to the
    /// first day's close (none when the first day has one sample only). Days without samples are skipped.
    /// </summary>
    public static List<DailyReturn> DailyReturns(IReadOnlyList<TimedValue> series)
    {
        var returns = new List<DailyReturn>();
        if (series.Count == 0)
        {
            return returns;
        }

        var previous = series[0].Value;
        var index = 0;
        var firstOfDay = true;
        while (index < series.Count)
        {
            var day = DateOnly.FromDateTime(series[index].Time);
            var start = index;
            while (index + 1 < series.Count && DateOnly.FromDateTime(series[index + 1].Time) == day)
            {
                index++;
            }

            var close = series[index].Value;
            // The first day's period opens at the very first sample: with one sample only, it has no return.
            if (!(firstOfDay && index == start))
            {
                returns.Add(new DailyReturn(day, previous > 0 ? close / previous - 1 : double.NaN));
            }

            firstOfDay = false;
            previous = close;
            index++;
        }

        return returns;
    }

    /// <summary>Last value of each UTC day, in day order.</summary>
    public static List<(DateOnly Day, double Close)> DailyCloses(IReadOnlyList<TimedValue> series)
    {
        var closes = new List<(DateOnly, double)>();
        foreach (var sample in series)
        {
            var day = DateOnly.FromDateTime(sample.Time);
            if (closes.Count > 0 && closes[^1].Item1 == day)
            {
                closes[^1] = (day, sample.Value);
            }
            else
            {
                closes.Add((day, sample.Value));
            }
        }

        return closes;
    }

    /// <summary>Monthly returns compounded from the daily returns of each calendar month: Π(1 + r_d) − 1.</summary>
    public static List<MonthlyReturn> MonthlyReturns(IReadOnlyList<TimedValue> series)
    {
        var months = new List<MonthlyReturn>();
        foreach (var daily in DailyReturns(series))
        {
            if (months.Count > 0 && months[^1].Year == daily.Day.Year && months[^1].Month == daily.Day.Month)
            {
                var month = months[^1];
                months[^1] = month with { Return = (1 + month.Return) * (1 + daily.Return) - 1 };
            }
            else
            {
                months.Add(new MonthlyReturn(daily.Day.Year, daily.Day.Month, daily.Return));
            }
        }

        return months;
    }

    /// <summary>
    /// The rolling-Sharpe window for <paramref name="returns"/> daily returns: 63 (a quarter of stock days) when there
    /// are at least 126, else half the returns, at least 3; 0 (no chart) when there are fewer than 6.
    /// </summary>
    public static int RollingWindow(int returns) => returns >= 126 ? 63 : returns >= 6 ? Math.Max(3, returns / 2) : 0;

    /// <summary>
    /// Rolling Sharpe over <paramref name="window"/> returns ending at each day: mean(r − f) ÷ sample std(r) × √P with
    /// f = (1 + rf)^(1/P) − 1; NaN where the std is 0.
    /// </summary>
    public static List<(DateOnly Day, double Sharpe)> RollingSharpe(IReadOnlyList<DailyReturn> returns, int window, double periodsPerYear, double riskFreeRate)
    {
        var result = new List<(DateOnly, double)>();
        if (window < 2)
        {
            return result;
        }

        var perPeriod = Math.Pow(1 + riskFreeRate, 1 / periodsPerYear) - 1;
        for (var end = window - 1; end < returns.Count; end++)
        {
            double sum = 0;
            for (var i = end - window + 1; i <= end; i++)
            {
                sum += returns[i].Return;
            }

            var mean = sum / window;
            double squares = 0;
            for (var i = end - window + 1; i <= end; i++)
            {
                squares += (returns[i].Return - mean) * (returns[i].Return - mean);
            }

            var std = Math.Sqrt(squares / (window - 1));
            result.Add((returns[end].Day, std > 0 ? (mean - perPeriod) / std * Math.Sqrt(periodsPerYear) : double.NaN));
        }

        return result;
    }

    /// <summary>Drawdown at every sample: E_t / running peak − 1 (≤ 0), capped at −1.</summary>
    public static double[] Drawdowns(IReadOnlyList<TimedValue> series)
    {
        var result = new double[series.Count];
        var peak = double.NegativeInfinity;
        for (var i = 0; i < series.Count; i++)
        {
            peak = Math.Max(peak, series[i].Value);
            result[i] = peak > 0 ? Math.Max(-1, series[i].Value / peak - 1) : 0;
        }

        return result;
    }

    /// <summary>
    /// Day-by-day changes of several cumulative series on the union of their days: each series' daily close, held
    /// forward on days it has no sample (so its change is 0 there), differenced; the first change is from the
    /// series' value before its first day (0: cumulative P&amp;L starts at 0).
    /// </summary>
    public static double[][] DailyChanges(IReadOnlyList<IReadOnlyList<TimedValue>> series)
    {
        var closes = series.Select(s => DailyCloses(s).ToDictionary(c => c.Day, c => c.Close)).ToList();
        var days = closes.SelectMany(c => c.Keys).Distinct().Order().ToList();
        var changes = new double[series.Count][];
        for (var k = 0; k < series.Count; k++)
        {
            changes[k] = new double[days.Count];
            double previous = 0;
            for (var d = 0; d < days.Count; d++)
            {
                var close = closes[k].TryGetValue(days[d], out var value) ? value : previous;
                changes[k][d] = close - previous;
                previous = close;
            }
        }

        return changes;
    }

    /// <summary>Pearson correlation; NaN when either series is constant or shorter than 2.</summary>
    public static double Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var n = Math.Min(x.Count, y.Count);
        if (n < 2)
        {
            return double.NaN;
        }

        double meanX = 0, meanY = 0;
        for (var i = 0; i < n; i++)
        {
            meanX += x[i];
            meanY += y[i];
        }

        meanX /= n;
        meanY /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            sxy += (x[i] - meanX) * (y[i] - meanY);
            sxx += (x[i] - meanX) * (x[i] - meanX);
            syy += (y[i] - meanY) * (y[i] - meanY);
        }

        return sxx > 0 && syy > 0 ? Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1) : double.NaN;
    }
}
