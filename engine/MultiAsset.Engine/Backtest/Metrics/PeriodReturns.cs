namespace MultiAsset.Engine.Backtest.Metrics;

/// <summary>
/// An equity curve resampled to return periods (<see cref="ReturnPeriod"/>): the closing level of each period and the
/// simple return of each period, r_k = L_k / L_{k−1} − 1.
/// </summary>
/// <remarks>
/// <para>Levels are the raw fixed-point equity values as doubles (no division by the scale), so a ratio of two levels
/// is the exact ratio of the two amounts to double precision and scaling the curve by a constant changes nothing.</para>
/// <para>Ruin: a period that closes at equity ≤ 0 is kept (its return is ≤ −100 %), and the series stops there — a
/// return on a non-positive base has no meaning. <see cref="Ruined"/> says so.</para>
/// </remarks>
public sealed class PeriodReturns
{
    /// <summary>Nanoseconds in a day.</summary>
    public const long NanosecondsPerDay = 86_400_000_000_000;

    private PeriodReturns(long[] closeTimes, double[] levels, double[] returns, bool ruined)
    {
        CloseTimes = closeTimes;
        Levels = levels;
        Returns = returns;
        Ruined = ruined;
    }

    /// <summary>Time of the sample that closes each period; index 0 is the opening sample (the first of the curve).</summary>
    public long[] CloseTimes { get; }

    /// <summary>Raw equity at each <see cref="CloseTimes"/> entry (one more than <see cref="Returns"/>).</summary>
    public double[] Levels { get; }

    /// <summary>Simple return of each period: Returns[k − 1] = Levels[k] / Levels[k − 1] − 1.</summary>
    public double[] Returns { get; }

    /// <summary>True when equity reached ≤ 0 and the series was cut there.</summary>
    public bool Ruined { get; }

    /// <summary>Resamples <paramref name="equity"/> (already validated: sorted, first equity &gt; 0).</summary>
    public static PeriodReturns From(ReadOnlySpan<EquitySample> equity, ReturnPeriod period)
    {
        var closes = new List<int>(period == ReturnPeriod.EverySample ? equity.Length : Math.Min(equity.Length, 4096)) { 0 };
        var clock = period == ReturnPeriod.EverySample ? null : TradingDayClock.For(period);
        for (var i = 1; i < equity.Length; i++)
        {
            var closesPeriod = clock is null
                || i == equity.Length - 1
                || clock.DayOf(equity[i + 1].TimestampNs) != clock.DayOf(equity[i].TimestampNs);
            if (closesPeriod)
            {
                closes.Add(i);
            }
        }

        var count = closes.Count;
        var ruined = false;
        for (var k = 1; k < closes.Count; k++)
        {
            if (equity[closes[k]].Equity.Raw <= 0)
            {
                count = k + 1;
                ruined = true;
                break;
            }
        }

        var times = new long[count];
        var levels = new double[count];
        var returns = new double[count - 1];
        for (var k = 0; k < count; k++)
        {
            var sample = equity[closes[k]];
            times[k] = sample.TimestampNs;
            levels[k] = sample.Equity.Raw;
            if (k > 0)
            {
                returns[k - 1] = (levels[k] / levels[k - 1]) - 1.0;
            }
        }

        return new PeriodReturns(times, levels, returns, ruined);
    }

    /// <summary>The UTC day number (days since 1970-01-01, floored, so times before the epoch work too).</summary>
    public static long DayOf(long timestampNs) => Math.DivRem(timestampNs, NanosecondsPerDay, out var remainder) - (remainder < 0 ? 1 : 0);
}
