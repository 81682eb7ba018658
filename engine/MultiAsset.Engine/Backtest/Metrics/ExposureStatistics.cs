using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Backtest.Metrics;

/// <summary>How much of the time, and how much of its equity, the strategy had at risk.</summary>
/// <remarks>
/// <para>Time-weighted: each equity sample's state holds until the next sample, so the last sample carries no weight
/// and the total weight is the span first sample → last sample.</para>
/// <para><see cref="TimeInMarket"/> with a gross exposure series: the fraction of that span whose sample had a
/// non-zero gross exposure. Without one: the fraction of the span covered by the union of the closed trades'
/// [entry, exit] intervals (clipped to the span).</para>
/// <para><see cref="AverageGrossExposure"/> (only with a gross exposure series): the time-weighted mean of
/// gross exposure ÷ equity at each sample (1.0 = fully invested without leverage, 2.0 = 2× gross leverage).
/// Samples with equity ≤ 0 count as 0 (their time still weighs).</para>
/// <para>Turnover is two-sided: value bought plus value sold, divided by the time-weighted average equity
/// (2.0 = the whole equity bought and sold once); annualised by 365.25 days ÷ the span.</para>
/// <para>A span of zero length makes every time-weighted figure null.</para>
/// </remarks>
public sealed record ExposureStatistics
{
    /// <summary>Fraction of the time with a position, in [0, 1]; null for a zero-length span.</summary>
    public required double? TimeInMarket { get; init; }

    /// <summary>Time-weighted mean of gross exposure ÷ equity; null without a gross exposure series or for a zero-length span.</summary>
    public required double? AverageGrossExposure { get; init; }

    /// <summary>Time-weighted average equity in base-currency units (a double: analytics only); the first equity for a zero-length span.</summary>
    public required double AverageEquity { get; init; }

    /// <summary>Value traded (both sides) ÷ average equity, over the whole span.</summary>
    public required double? Turnover { get; init; }

    /// <summary><see cref="Turnover"/> × 365.25 days ÷ span; null for a zero-length span.</summary>
    public required double? AnnualisedTurnover { get; init; }

    /// <summary>
    /// Computes the exposure figures. <paramref name="grossExposure"/> is empty or aligned with
    /// <paramref name="equity"/>; <paramref name="tradedValue"/> is the two-sided value traded.
    /// </summary>
    /// <exception cref="ArgumentException">The exposure series is not aligned with the equity curve.</exception>
    public static ExposureStatistics From(ReadOnlySpan<EquitySample> equity, ReadOnlySpan<Money> grossExposure, IReadOnlyList<ClosedTrade> trades, Money tradedValue)
    {
        ArgumentNullException.ThrowIfNull(trades);
        if (!grossExposure.IsEmpty && grossExposure.Length != equity.Length)
        {
            throw new ArgumentException($"Gross exposure has {grossExposure.Length} samples for {equity.Length} equity samples; they must be aligned.", nameof(grossExposure));
        }

        var start = equity[0].TimestampNs;
        var end = equity[^1].TimestampNs;
        var span = (double)(end - start);
        double weightedEquity = 0, weightedExposure = 0, invested = 0;
        for (var i = 0; i + 1 < equity.Length; i++)
        {
            var dt = (double)(equity[i + 1].TimestampNs - equity[i].TimestampNs);
            var value = equity[i].Equity.Raw;
            weightedEquity += dt * value;
            if (!grossExposure.IsEmpty)
            {
                var gross = Math.Abs((double)grossExposure[i].Raw);
                if (gross != 0)
                {
                    invested += dt;
                }

                if (value > 0)
                {
                    weightedExposure += dt * (gross / value);
                }
            }
        }

        if (span <= 0)
        {
            return new ExposureStatistics
            {
                TimeInMarket = null,
                AverageGrossExposure = null,
                AverageEquity = equity[0].Equity.ToDouble(),
                Turnover = TurnoverOf(tradedValue, equity[0].Equity.Raw),
                AnnualisedTurnover = null,
            };
        }

        var averageRaw = weightedEquity / span;
        var turnover = TurnoverOf(tradedValue, averageRaw);
        return new ExposureStatistics
        {
            TimeInMarket = grossExposure.IsEmpty ? CoveredByTrades(trades, start, end) / span : invested / span,
            AverageGrossExposure = grossExposure.IsEmpty ? null : weightedExposure / span,
            AverageEquity = averageRaw / Money.Scale,
            Turnover = turnover,
            AnnualisedTurnover = turnover * (PerformanceCalculator.NanosecondsPerYear / span),
        };
    }

    private static double? TurnoverOf(Money tradedValue, double averageEquityRaw) =>
        averageEquityRaw > 0 ? Math.Abs((double)tradedValue.Raw) / averageEquityRaw : null;

    // Length of the union of the trades' [entry, exit] intervals inside [start, end].
    private static double CoveredByTrades(IReadOnlyList<ClosedTrade> trades, long start, long end)
    {
        if (trades.Count == 0)
        {
            return 0;
        }

        var intervals = new (long From, long To)[trades.Count];
        for (var i = 0; i < trades.Count; i++)
        {
            intervals[i] = (Math.Max(start, trades[i].EntryTimeNs), Math.Min(end, trades[i].ExitTimeNs));
        }

        Array.Sort(intervals);
        double covered = 0;
        long runFrom = long.MinValue, runTo = long.MinValue;
        foreach (var (from, to) in intervals)
        {
            if (to <= from)
            {
                continue;
            }

            if (from > runTo)
            {
                covered += runTo - (double)runFrom;
                (runFrom, runTo) = (from, to);
            }
            else
            {
                runTo = Math.Max(runTo, to);
            }
        }

        return covered + (runTo - (double)runFrom);
    }
}
