using System.Globalization;

namespace MultiAsset.Reports;

/// <summary>How numbers appear in the report: invariant culture, an undefined value (null, NaN) as "–".</summary>
internal static class ReportFormat
{
    /// <summary>Shown for a value that is undefined (a null ratio in result.json).</summary>
    public const string Missing = "\u2013";

    /// <summary>A fraction as a percentage with two decimals: 0.1 → "10.00%".</summary>
    public static string Percent(double? fraction) =>
        fraction is { } value && double.IsFinite(value) ? Fixed(value * 100, "0.00") + "%" : Missing;

    /// <summary>A ratio with two decimals: "1.23".</summary>
    public static string Ratio(double? ratio) =>
        ratio is { } value && double.IsFinite(value) ? Fixed(value, "0.00") : Missing;

    /// <summary>Money with thousands separators and two decimals: "-109,975.31".</summary>
    public static string Money(decimal? amount) =>
        amount is { } value ? Fixed((double)Math.Round(value, 2, MidpointRounding.AwayFromZero), "#,##0.00") : Missing;

    /// <summary>Money held as a double (CSV sums).</summary>
    public static string Money(double amount) =>
        double.IsFinite(amount) ? Fixed(amount, "#,##0.00") : Missing;

    /// <summary>A plain number with up to 8 decimals (prices, quantities).</summary>
    public static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("0.########", CultureInfo.InvariantCulture) : Missing;

    /// <summary>A count: "1,514".</summary>
    public static string Count(long count) => count.ToString("#,##0", CultureInfo.InvariantCulture);

    /// <summary>A duration in ns as days, hours and minutes: "9d 23h 59m" (seconds when under a minute).</summary>
    public static string Duration(long nanoseconds) => Duration(TimeSpan.FromTicks(nanoseconds / 100));

    public static string Duration(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
        {
            return "0";
        }

        if (span < TimeSpan.FromMinutes(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###}s");
        }

        var days = (long)span.TotalDays;
        return days > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{days}d {span.Hours}h {span.Minutes}m")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Hours}h {span.Minutes}m");
    }

    /// <summary>A number with two decimals, never "-0.00": a value that rounds to zero shows as zero.</summary>
    private static string Fixed(double value, string format)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>An ISO time without the 7-digit fraction when it is zero: "2024-01-02T00:01:00Z".</summary>
    public static string Time(DateTime time) =>
        time.ToString(time.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
