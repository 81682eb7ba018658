using System.Globalization;

namespace MultiAsset.Engine.Pipeline;

/// <summary>Durations as people write them in config and on the command line: <c>500ms</c>, <c>10s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>; a plain number is seconds.</summary>
public static class DurationText
{
    /// <summary>What the parser accepts, for error messages.</summary>
    public const string Expected = "e.g. 500ms, 10s, 5m, 1h, 1d";

    /// <summary>Parses a positive duration; false on anything else.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var (number, unitSeconds) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : text.EndsWith('h') ? (text[..^1], 3600.0)
            : text.EndsWith('d') ? (text[..^1], 86_400.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0
            || value * unitSeconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * unitSeconds);
        return duration > TimeSpan.Zero;
    }
}
