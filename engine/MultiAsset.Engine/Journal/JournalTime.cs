using System.Globalization;

namespace MultiAsset.Engine.Journal;

/// <summary>Nanosecond timestamps as ISO-8601 UTC text with all nine fraction digits (2026-03-02T14:30:00.123456789Z).</summary>
public static class JournalTime
{
    /// <summary>Formats nanoseconds since the Unix epoch.</summary>
    public static string Format(long nanoseconds)
    {
        long seconds = Math.DivRem(nanoseconds, 1_000_000_000L, out long fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += 1_000_000_000L;
        }

        var time = DateTimeOffset.UnixEpoch.AddSeconds(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{time:yyyy-MM-ddTHH:mm:ss}.{fraction:D9}Z");
    }

    /// <summary>Parses ISO-8601 text (any offset; converted to UTC) into nanoseconds since the Unix epoch.</summary>
    public static bool TryParse(string? text, out long nanoseconds)
    {
        nanoseconds = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // DateTimeOffset keeps 100 ns ticks; digits 8-9 of a nanosecond fraction are added back by hand.
        var trimmed = text.Trim();
        long extra = 0;
        int dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            int end = dot + 1;
            while (end < trimmed.Length && char.IsAsciiDigit(trimmed[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                var digits = trimmed.Substring(dot + 8, Math.Min(2, end - dot - 8)).PadRight(2, '0');
                extra = long.Parse(digits, CultureInfo.InvariantCulture);
                trimmed = trimmed.Remove(dot + 8, end - dot - 8);
            }
        }

        if (!DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        nanoseconds = ((parsed.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100) + extra;
        return true;
    }
}
