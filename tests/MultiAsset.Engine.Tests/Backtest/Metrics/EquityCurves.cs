using MultiAsset.Engine.Backtest.Metrics;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Tests.Backtest.Metrics;

/// <summary>Builders for the hand-computed cases: times and equity curves.</summary>
internal static class EquityCurves
{
    public const long Hour = 3_600_000_000_000;
    public const long Day = 24 * Hour;

    /// <summary>Monday 2026-01-05 21:00 UTC (after the US close), in ns.</summary>
    public static readonly long Start = new DateTimeOffset(2026, 1, 5, 21, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    /// <summary>One sample a day at 21:00 UTC with these equities.</summary>
    public static EquitySample[] Daily(params decimal[] equities) =>
        [.. equities.Select((e, i) => new EquitySample(Start + (i * Day), Money.FromDecimal(e)))];

    public static EquitySample At(long timestampNs, decimal equity) => new(timestampNs, Money.FromDecimal(equity));

    public static Money M(decimal value) => Money.FromDecimal(value);

    /// <summary>|actual − expected| ≤ 1e-12 × max(1, |expected|).</summary>
    public static void Near(double expected, double? actual, double relative = 1e-12)
    {
        Assert.NotNull(actual);
        var tolerance = relative * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(actual.Value - expected) <= tolerance, $"expected {expected:R}, got {actual.Value:R}");
    }
}
