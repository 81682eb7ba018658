using System.Globalization;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// Venue latencies as people write them: <c>250us</c>, <c>0.4ms</c>, <c>1.5s</c>, <c>800ns</c> (<c>µs</c> also accepted; a
/// plain number is seconds, as in <see cref="Pipeline.DurationText"/>). Parsed in <see langword="decimal"/> so that
/// <c>0.25ms</c> is exactly 250,000 ns (a <see cref="TimeSpan"/> holds only 100 ns ticks and a double would round).
/// </summary>
public static class NanosecondText
{
    /// <summary>What the parser accepts, for error messages.</summary>
    public const string Expected = "e.g. 800ns, 250us, 0.4ms, 2s";

    // Longest accepted: ~292 years in nanoseconds would overflow long; a day is far beyond any venue latency.
    private const decimal MaxNanos = 86_400m * 1_000_000_000m;

    /// <summary>Parses a non-negative duration into whole nanoseconds; false when malformed, negative, fractional below 1 ns or above a day.</summary>
    public static bool TryParse(string? text, out long nanos)
    {
        nanos = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var (number, unit) = text.EndsWith("ns", StringComparison.Ordinal) ? (text[..^2], 1m)
            : text.EndsWith("us", StringComparison.Ordinal) || text.EndsWith("µs", StringComparison.Ordinal) ? (text[..^2], 1_000m)
            : text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1_000_000m)
            : text.EndsWith('s') ? (text[..^1], 1_000_000_000m)
            : (text, 1_000_000_000m);
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        // Checked before scaling so the multiplication cannot overflow decimal (the unit is at least 1).
        if (value > MaxNanos)
        {
            return false;
        }

        decimal scaled = value * unit;
        if (scaled > MaxNanos || scaled != decimal.Truncate(scaled))
        {
            return false;
        }

        nanos = (long)scaled;
        return true;
    }
}
