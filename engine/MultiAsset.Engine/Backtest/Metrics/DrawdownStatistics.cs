using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Backtest.Metrics;

/// <summary>
/// The deepest drawdown of an equity curve, measured on every sample (not on resampled periods), and the longest
/// time spent under water.
/// </summary>
/// <remarks>
/// <para>A drawdown starts at the last sample at the running peak (the highest equity so far) and lasts until the
/// first later sample whose equity is back at or above that peak (the recovery) — or until the last sample when it
/// never recovers. Its depth at a sample is (peak − equity) / peak as a fraction (capped at 1: equity below zero is a
/// total loss) and peak − equity in money. The maximum drawdown is the episode with the largest fractional depth
/// (the earliest on a tie); its <see cref="MaxDrawdownMoney"/> is that episode's depth in money at its trough.</para>
/// <para>Durations are in nanoseconds: peak time to recovery time, or peak time to the last sample when unrecovered.</para>
/// </remarks>
public sealed record DrawdownStatistics
{
    /// <summary>Deepest fall from a running peak as a fraction of the peak, in [0, 1]; 0 when equity never falls.</summary>
    public required double MaxDrawdown { get; init; }

    /// <summary>Peak − trough of the maximum drawdown (≥ 0, base currency).</summary>
    public required Money MaxDrawdownMoney { get; init; }

    /// <summary>When the maximum drawdown's peak was (last) reached; null when there is no drawdown.</summary>
    public required long? PeakTimeNs { get; init; }

    /// <summary>When the maximum drawdown touched its trough; null when there is no drawdown.</summary>
    public required long? TroughTimeNs { get; init; }

    /// <summary>When equity first got back to the peak; null when there is no drawdown or it never recovered.</summary>
    public required long? RecoveryTimeNs { get; init; }

    /// <summary>Peak to recovery (or to the last sample if unrecovered) of the maximum drawdown, in ns; 0 without one.</summary>
    public required long MaxDrawdownDurationNs { get; init; }

    /// <summary>The longest peak-to-recovery (or to the end) span of any drawdown, in ns; 0 without one.</summary>
    public required long LongestDrawdownDurationNs { get; init; }

    /// <summary>Whether the maximum drawdown had recovered by the last sample (true when there is none).</summary>
    public bool Recovered => PeakTimeNs is null || RecoveryTimeNs is not null;

    /// <summary>Scans <paramref name="equity"/> once (validated: sorted, at least one sample, first equity &gt; 0).</summary>
    public static DrawdownStatistics From(ReadOnlySpan<EquitySample> equity)
    {
        var peak = equity[0].Equity.Raw;
        var peakTime = equity[0].TimestampNs;
        var inDrawdown = false;

        double best = 0;
        long bestMoney = 0, bestPeakTime = 0, bestTroughTime = 0;
        long? bestRecovery = null;
        var bestEpisodeOpen = false; // true while the episode holding the maximum has not recovered
        long longest = 0;

        foreach (var sample in equity)
        {
            var value = sample.Equity.Raw;
            if (value >= peak)
            {
                if (inDrawdown)
                {
                    longest = Math.Max(longest, sample.TimestampNs - peakTime);
                    if (bestEpisodeOpen)
                    {
                        bestRecovery = sample.TimestampNs;
                        bestEpisodeOpen = false;
                    }

                    inDrawdown = false;
                }

                peak = value;
                peakTime = sample.TimestampNs;
                continue;
            }

            inDrawdown = true;
            // peak > 0 always: it starts at the first equity (> 0) and only rises.
            var depth = Math.Min(1.0, (peak - (double)value) / peak);
            if (depth > best)
            {
                best = depth;
                bestMoney = peak - value;
                bestPeakTime = peakTime;
                bestTroughTime = sample.TimestampNs;
                bestRecovery = null;
                bestEpisodeOpen = true;
            }
        }

        var end = equity[^1].TimestampNs;
        if (inDrawdown)
        {
            longest = Math.Max(longest, end - peakTime);
        }

        var hasDrawdown = best > 0;
        return new DrawdownStatistics
        {
            MaxDrawdown = best,
            MaxDrawdownMoney = Money.FromRaw(bestMoney),
            PeakTimeNs = hasDrawdown ? bestPeakTime : null,
            TroughTimeNs = hasDrawdown ? bestTroughTime : null,
            RecoveryTimeNs = hasDrawdown ? bestRecovery : null,
            MaxDrawdownDurationNs = hasDrawdown ? (bestRecovery ?? end) - bestPeakTime : 0,
            LongestDrawdownDurationNs = longest,
        };
    }
}
