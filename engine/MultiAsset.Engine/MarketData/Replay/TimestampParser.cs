namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// Allocation-free parsing of replay timestamps into nanoseconds since the Unix epoch (UTC), from UTF-8 text.
/// </summary>
/// <remarks>
/// Two forms are accepted:
/// <list type="bullet">
/// <item>integer nanoseconds since the epoch: <c>[-]digits</c>, within the <see langword="long"/> range;</item>
/// <item>ISO-8601 UTC: <c>YYYY-MM-DDTHH:MM:SS[.f]Z</c> with 1 to 9 fraction digits after an optional point
/// (no point means whole seconds), years <see cref="MinYear"/>..<see cref="MaxYear"/> (the whole years a
/// nanosecond <see langword="long"/> can hold). The date must exist (2026-02-30 and 2025-02-29 are refused,
/// 2024-02-29 is fine); no leap second (:60), no offset other than <c>Z</c>, no lower-case <c>t</c>/<c>z</c>.</item>
/// </list>
/// Strict on purpose: a replay that silently guesses a time zone or a date reorders history.
/// </remarks>
public static class TimestampParser
{
    /// <summary>Earliest year accepted in ISO form.</summary>
    public const int MinYear = 1678;

    /// <summary>Latest year accepted in ISO form.</summary>
    public const int MaxYear = 2261;

    private const long NanosPerSecond = 1_000_000_000;
    private const long NanosPerDay = 86_400 * NanosPerSecond;

    // "YYYY-MM-DDTHH:MM:SS" before the optional fraction and the final 'Z'.
    private const int IsoSecondsLength = 19;

    /// <summary>Parses either form; the ISO form is recognised by its '-' after the four-digit year.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out long nanoseconds)
        => utf8.Length > 4 && utf8[4] == (byte)'-'
            ? TryParseIso8601(utf8, out nanoseconds)
            : TryParseNanoseconds(utf8, out nanoseconds);

    /// <summary>Parses <c>[-]digits</c> as nanoseconds since the epoch; refuses signs alone, spaces and overflow.</summary>
    public static bool TryParseNanoseconds(ReadOnlySpan<byte> utf8, out long nanoseconds)
    {
        nanoseconds = 0;
        bool negative = utf8.Length > 0 && utf8[0] == (byte)'-';
        int i = negative ? 1 : 0;
        if (i == utf8.Length || utf8.Length - i > 19)
        {
            return false;
        }

        ulong magnitude = 0;
        for (; i < utf8.Length; i++)
        {
            uint digit = (uint)(utf8[i] - '0');
            if (digit > 9)
            {
                return false;
            }

            // At most 19 digits, so this cannot wrap a ulong; the range test below does the rest.
            magnitude = (magnitude * 10) + digit;
        }

        if (magnitude > (negative ? (ulong)long.MaxValue + 1 : long.MaxValue))
        {
            return false;
        }

        nanoseconds = negative ? unchecked(-(long)magnitude) : (long)magnitude;
        return true;
    }

    /// <summary>Parses <c>YYYY-MM-DDTHH:MM:SS[.fffffffff]Z</c>; see the class remarks for what is refused.</summary>
    public static bool TryParseIso8601(ReadOnlySpan<byte> utf8, out long nanoseconds)
    {
        nanoseconds = 0;
        if (utf8.Length < IsoSecondsLength + 1 || utf8[^1] != (byte)'Z'
            || utf8[4] != (byte)'-' || utf8[7] != (byte)'-' || utf8[10] != (byte)'T'
            || utf8[13] != (byte)':' || utf8[16] != (byte)':')
        {
            return false;
        }

        if (!TryDigits(utf8.Slice(0, 4), out int year) || !TryDigits(utf8.Slice(5, 2), out int month)
            || !TryDigits(utf8.Slice(8, 2), out int day) || !TryDigits(utf8.Slice(11, 2), out int hour)
            || !TryDigits(utf8.Slice(14, 2), out int minute) || !TryDigits(utf8.Slice(17, 2), out int second))
        {
            return false;
        }

        if (year < MinYear || year > MaxYear || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long fraction = 0;
        var rest = utf8[IsoSecondsLength..^1];
        if (rest.Length > 0)
        {
            // A point must be followed by 1..9 digits; they are scaled up to nanoseconds.
            if (rest[0] != (byte)'.' || rest.Length < 2 || rest.Length > 10 || !TryDigits(rest[1..], out int digits))
            {
                return false;
            }

            fraction = digits;
            for (int pad = rest.Length - 1; pad < 9; pad++)
            {
                fraction *= 10;
            }
        }

        long days = DaysFromCivil(year, month, day);
        long secondsOfDay = (hour * 3600L) + (minute * 60L) + second;
        // Years MinYear..MaxYear keep every term well inside the long range (±2^63 ns is about ±292 years).
        nanoseconds = (days * NanosPerDay) + (secondsOfDay * NanosPerSecond) + fraction;
        return true;
    }

    /// <summary>
    /// Parses a wall-clock date-time as vendors write it, for the importer (<c>Backtest/Import</c>):
    /// <c>YYYY-MM-DD</c>, a <c>T</c> or a space, <c>HH:MM[:SS[.f]]</c> (1 to 9 fraction digits), then nothing, <c>Z</c>,
    /// or a UTC offset <c>±HH:MM</c>, <c>±HHMM</c> or <c>±HH</c> (at most ±18:00).
    /// </summary>
    /// <param name="utf8">The text.</param>
    /// <param name="wallNanos">The date and time read as if they were UTC (nanoseconds since the epoch).</param>
    /// <param name="hasOffset">Whether the text names its offset (<c>Z</c> or <c>±HH:MM</c>).</param>
    /// <param name="offsetNanos">The offset east of UTC; the instant is <c>wallNanos - offsetNanos</c>.</param>
    /// <remarks>The same date checks as <see cref="TryParseIso8601"/> (the date must exist, no :60).</remarks>
    public static bool TryParseWallClock(ReadOnlySpan<byte> utf8, out long wallNanos, out bool hasOffset, out long offsetNanos)
    {
        wallNanos = 0;
        hasOffset = false;
        offsetNanos = 0;
        const int MinuteLength = 16;
        if (utf8.Length < MinuteLength || utf8[4] != (byte)'-' || utf8[7] != (byte)'-'
            || (utf8[10] != (byte)'T' && utf8[10] != (byte)' ') || utf8[13] != (byte)':')
        {
            return false;
        }

        if (!TryDigits(utf8.Slice(0, 4), out int year) || !TryDigits(utf8.Slice(5, 2), out int month)
            || !TryDigits(utf8.Slice(8, 2), out int day) || !TryDigits(utf8.Slice(11, 2), out int hour)
            || !TryDigits(utf8.Slice(14, 2), out int minute))
        {
            return false;
        }

        int second = 0;
        var rest = utf8[MinuteLength..];
        if (rest.Length >= 3 && rest[0] == (byte)':')
        {
            if (!TryDigits(rest.Slice(1, 2), out second))
            {
                return false;
            }

            rest = rest[3..];
        }

        if (year < MinYear || year > MaxYear || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long fraction = 0;
        if (rest.Length > 0 && rest[0] == (byte)'.')
        {
            int digits = 1;
            while (digits < rest.Length && (uint)(rest[digits] - '0') <= 9)
            {
                digits++;
            }

            if (digits < 2 || digits > 10 || !TryDigits(rest[1..digits], out int value))
            {
                return false;
            }

            fraction = value;
            for (int pad = digits - 1; pad < 9; pad++)
            {
                fraction *= 10;
            }

            rest = rest[digits..];
        }

        if (rest.Length > 0 && !TryParseOffset(rest, out hasOffset, out offsetNanos))
        {
            return false;
        }

        wallNanos = (DaysFromCivil(year, month, day) * NanosPerDay) + (((hour * 3600L) + (minute * 60L) + second) * NanosPerSecond) + fraction;
        return true;
    }

    /// <summary>Parses a date alone, <c>YYYY-MM-DD</c> or <c>YYYYMMDD</c>, into days since 1970-01-01.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> utf8, out long daysSinceEpoch)
    {
        daysSinceEpoch = 0;
        int year, month, day;
        if (utf8.Length == 10 && utf8[4] == (byte)'-' && utf8[7] == (byte)'-')
        {
            if (!TryDigits(utf8.Slice(0, 4), out year) || !TryDigits(utf8.Slice(5, 2), out month) || !TryDigits(utf8.Slice(8, 2), out day))
            {
                return false;
            }
        }
        else if (utf8.Length != 8 || !TryDigits(utf8.Slice(0, 4), out year) || !TryDigits(utf8.Slice(4, 2), out month) || !TryDigits(utf8.Slice(6, 2), out day))
        {
            return false;
        }

        if (year < MinYear || year > MaxYear || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month))
        {
            return false;
        }

        daysSinceEpoch = DaysFromCivil(year, month, day);
        return true;
    }

    // "Z", "±HH:MM", "±HHMM" or "±HH", at most 18 hours.
    private static bool TryParseOffset(ReadOnlySpan<byte> text, out bool hasOffset, out long offsetNanos)
    {
        hasOffset = true;
        offsetNanos = 0;
        if (text.Length == 1 && text[0] == (byte)'Z')
        {
            return true;
        }

        if (text.Length < 3 || (text[0] != (byte)'+' && text[0] != (byte)'-') || !TryDigits(text.Slice(1, 2), out int hours))
        {
            return false;
        }

        var minutesText = text[3..];
        if (minutesText.Length > 0 && minutesText[0] == (byte)':')
        {
            minutesText = minutesText[1..];
        }

        int minutes = 0;
        if (minutesText.Length != 0 && (minutesText.Length != 2 || !TryDigits(minutesText, out minutes)))
        {
            return false;
        }

        if (minutes > 59 || (hours * 60) + minutes > 18 * 60)
        {
            return false;
        }

        offsetNanos = ((hours * 3600L) + (minutes * 60L)) * NanosPerSecond * (text[0] == (byte)'-' ? -1 : 1);
        return true;
    }

    /// <summary>Days in <paramref name="month"/> of <paramref name="year"/> (proleptic Gregorian).</summary>
    internal static int DaysInMonth(int year, int month)
        => month == 2
            ? (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28)
            : (month is 4 or 6 or 9 or 11 ? 30 : 31);

    // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil): pure integer arithmetic,
    // no DateTime, so it cannot allocate or throw.
    internal static long DaysFromCivil(int year, int month, int day)
    {
        long y = month <= 2 ? year - 1 : year;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yearOfEra = y - (era * 400);
        long dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        long dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097) + dayOfEra - 719_468;
    }

    // Fixed-width run of ASCII digits (at most 9, so an int holds it).
    private static bool TryDigits(ReadOnlySpan<byte> utf8, out int value)
    {
        value = 0;
        foreach (byte b in utf8)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
