using System.Numerics;

namespace MultiAsset.Engine.Model;

/// <summary>
/// The single implementation of the fixed-point arithmetic shared by <see cref="Price"/>, <see cref="Quantity"/>
/// and <see cref="Money"/>. All three are a <see langword="long"/> scaled by <see cref="Scale"/> (8 decimals);
/// the structs only add type safety and delegate every non-trivial operation to this class over raw longs.
/// </summary>
/// <remarks>
/// <para><b>Range.</b> A raw <see langword="long"/> at scale 10^8 spans
/// [-92,233,720,368.54775808, 92,233,720,368.54775807] units. Any operation whose exact result falls outside
/// that range throws <see cref="OverflowException"/>: silently wrapping would corrupt cash and positions.</para>
/// <para><b>Rounding rule (the only one).</b> Whenever a result has more than 8 decimals — the product of two
/// scaled values, a conversion from <see langword="decimal"/> or <see langword="double"/> — it is rounded to
/// the nearest 10^-8, with an exact half rounded <i>away from zero</i> (0.000000005 → 0.00000001,
/// -0.000000005 → -0.00000001). Away-from-zero makes rounding symmetric in sign, so a buy and the matching
/// sell round to the same magnitude. Snapping to a tick or lot is explicit and takes a <see cref="TickRounding"/>.
/// Parsing never rounds: text with more than 8 fraction digits is rejected.</para>
/// <para>Products are computed exactly in <see cref="Int128"/> before the single rounding step, so
/// price × quantity is exact up to that last rounding.</para>
/// </remarks>
public static class FixedPoint
{
    /// <summary>Number of decimal places carried by every fixed-point type.</summary>
    public const int Decimals = 8;

    /// <summary>Raw units per whole unit: 10^<see cref="Decimals"/>.</summary>
    public const long Scale = 100_000_000;

    // Largest integer part that can still be scaled without leaving the long range (|long.MinValue| / Scale).
    // Checked per digit during parsing so the ulong accumulator itself can never overflow.
    private const ulong MaxIntegerPart = 92_233_720_368;

    // |long.MinValue| as an unsigned magnitude: the negative side of the range is one raw unit larger.
    private const ulong MaxNegativeMagnitude = 9_223_372_036_854_775_808;

    // 2^63 as a double: exactly representable, so `>=` is an exact range test for scaled doubles.
    private const double TwoPow63 = 9_223_372_036_854_775_808d;

    private const decimal MinDecimal = -92_233_720_368.54775808m;
    private const decimal MaxDecimal = 92_233_720_368.54775807m;

    // sign + 11 integer digits + '.' + 8 fraction digits = 21; long.MinValue needs exactly that.
    private const int MaxFormattedLength = 21;

    /// <summary>
    /// Multiplies two scaled values and rescales the result: (<paramref name="a"/> × <paramref name="b"/>) / 10^8,
    /// computed exactly in 128 bits and rounded half away from zero.
    /// </summary>
    /// <exception cref="OverflowException">The rounded result does not fit in a <see langword="long"/>.</exception>
    public static long MultiplyScaled(long a, long b) => DivideRounded((Int128)a * b, Scale);

    /// <summary>
    /// Divides an exact 128-bit numerator by a positive divisor, rounding half away from zero.
    /// </summary>
    /// <exception cref="OverflowException">The rounded quotient does not fit in a <see langword="long"/>.</exception>
    internal static long DivideRounded(Int128 numerator, long divisor)
    {
        (Int128 quotient, Int128 remainder) = Int128.DivRem(numerator, divisor);
        // |remainder| < divisor ≤ long.MaxValue, so doubling it in Int128 cannot overflow.
        if (Int128.Abs(remainder) * 2 >= divisor)
        {
            quotient += Int128.Sign(numerator);
        }

        // The explicit Int128 → long conversion in a checked context throws instead of truncating.
        return checked((long)quotient);
    }

    /// <summary>
    /// Snaps <paramref name="raw"/> to a multiple of <paramref name="increment"/> using <paramref name="mode"/>.
    /// Values already on the increment are returned unchanged.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="increment"/> is not positive, or
    /// <paramref name="mode"/> is not a defined <see cref="TickRounding"/>.</exception>
    /// <exception cref="OverflowException">The snapped value leaves the <see langword="long"/> range.</exception>
    public static long RoundToIncrement(long raw, long increment, TickRounding mode)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(increment);
        if ((uint)mode > (uint)TickRounding.TowardZero)
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown TickRounding value.");
        }

        long quotient = Math.DivRem(raw, increment, out long remainder);
        if (remainder == 0)
        {
            return raw;
        }

        // C# division truncates toward zero, so the truncated quotient already implements TowardZero;
        // the other modes move one increment in the right direction. remainder has the sign of raw.
        quotient += mode switch
        {
            TickRounding.TowardZero => 0,
            TickRounding.Down => remainder < 0 ? -1 : 0,
            TickRounding.Up => remainder > 0 ? 1 : 0,
            // Nearest (mode was validated above). |r| ≥ increment - |r| is 2|r| ≥ increment without overflow risk.
            _ => Math.Abs(remainder) >= increment - Math.Abs(remainder) ? Math.Sign(remainder) : 0,
        };
        return checked(quotient * increment);
    }

    /// <summary>Converts a <see langword="decimal"/> to raw units, rounding half away from zero to 8 decimals.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rounded value is outside the representable range.</exception>
    public static long FromDecimal(decimal value)
    {
        // Round in decimal first: that is exact, and the rounded in-range value × 10^8 is then an exact integer.
        decimal rounded = Math.Round(value, Decimals, MidpointRounding.AwayFromZero);
        if (rounded < MinDecimal || rounded > MaxDecimal)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Value is outside the fixed-point range [-92233720368.54775808, 92233720368.54775807].");
        }

        return (long)(rounded * Scale);
    }

    /// <summary>Converts raw units to an exactly equal <see langword="decimal"/>.</summary>
    public static decimal ToDecimal(long raw)
    {
        // Build the decimal from its mantissa and scale directly: exact, no division, and long.MinValue-safe.
        ulong magnitude = Magnitude(raw);
        return new decimal(unchecked((int)(uint)magnitude), unchecked((int)(uint)(magnitude >> 32)), 0, raw < 0, Decimals);
    }

    /// <summary>
    /// Converts a <see langword="double"/> to raw units without throwing: the value is scaled by 10^8 and rounded
    /// half away from zero. Returns <see langword="false"/> for NaN, infinities and out-of-range values.
    /// </summary>
    /// <remarks>
    /// The scaling is one correctly-rounded double multiplication, so the result is exact only as far as the
    /// double itself is (about 15-16 significant digits); use <see cref="FromDecimal"/> or parsing for exact input.
    /// </remarks>
    public static bool TryFromDouble(double value, out long raw)
    {
        double scaled = Math.Round(value * Scale, MidpointRounding.AwayFromZero);
        // The negated comparison also rejects NaN; ±∞ fail the bounds. -2^63 is exactly long.MinValue.
        if (!(scaled >= -TwoPow63 && scaled < TwoPow63))
        {
            raw = 0;
            return false;
        }

        raw = (long)scaled;
        return true;
    }

    /// <summary>As <see cref="TryFromDouble"/>, but throws when the value cannot be represented.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN, infinity, or outside the representable range.</exception>
    public static long FromDouble(double value) =>
        TryFromDouble(value, out long raw)
            ? raw
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Value is NaN, infinite, or outside the fixed-point range [-92233720368.54775808, 92233720368.54775807].");

    /// <summary>Converts raw units to the nearest <see langword="double"/> (for analytics only, never for cash).</summary>
    public static double ToDouble(long raw) => raw / (double)Scale;

    /// <summary>Parses UTF-8 text into raw units without allocating. See <see cref="TryParse(ReadOnlySpan{char}, out long)"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out long raw) => TryParseCore(utf8, out raw);

    /// <summary>
    /// Parses text of the form <c>[+|-]digits[.digits]</c> into raw units without allocating.
    /// At least one digit is required (".5" and "5." are accepted); at most 8 fraction digits are allowed —
    /// more is rejected rather than rounded, because a source that sends more precision than we carry is a
    /// data error to surface, not to hide. Whitespace, exponents, group separators and out-of-range values
    /// are rejected. Invariant culture: the decimal separator is always '.'.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long raw) => TryParseCore(text, out raw);

    // One parser for both encodings: the JIT specialises this per value-type TChar, so the byte and char
    // instantiations are each as fast as a hand-written copy.
    private static bool TryParseCore<TChar>(ReadOnlySpan<TChar> text, out long raw)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        raw = 0;
        int i = 0;
        bool negative = false;
        if (text.Length > 0)
        {
            uint first = uint.CreateTruncating(text[0]);
            if (first is '-' or '+')
            {
                negative = first == '-';
                i = 1;
            }
        }

        ulong integerPart = 0;
        int integerDigits = 0;
        for (; i < text.Length; i++)
        {
            uint digit = uint.CreateTruncating(text[i]) - '0';
            if (digit > 9)
            {
                break;
            }

            integerPart = (integerPart * 10) + digit;
            if (integerPart > MaxIntegerPart)
            {
                return false;
            }

            integerDigits++;
        }

        ulong fraction = 0;
        int fractionDigits = 0;
        if (i < text.Length && uint.CreateTruncating(text[i]) == '.')
        {
            for (i++; i < text.Length; i++)
            {
                uint digit = uint.CreateTruncating(text[i]) - '0';
                if (digit > 9 || fractionDigits == Decimals)
                {
                    return false;
                }

                fraction = (fraction * 10) + digit;
                fractionDigits++;
            }
        }

        if (i != text.Length || integerDigits + fractionDigits == 0)
        {
            return false;
        }

        // Scale the fraction up to exactly 8 digits; integerPart ≤ MaxIntegerPart keeps this inside ulong.
        for (int pad = fractionDigits; pad < Decimals; pad++)
        {
            fraction *= 10;
        }

        ulong magnitude = (integerPart * Scale) + fraction;
        if (magnitude > (negative ? MaxNegativeMagnitude : long.MaxValue))
        {
            return false;
        }

        raw = negative ? unchecked(-(long)magnitude) : (long)magnitude;
        return true;
    }

    /// <summary>Parses <paramref name="text"/> or throws a <see cref="FormatException"/> naming the type and the expected form.</summary>
    internal static long Parse(string text, string typeName)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text.AsSpan(), out long raw)
            ? raw
            : throw new FormatException(
                $"'{text}' is not a valid {typeName}: expected [+|-]digits[.digits] with at most {Decimals} fraction digits, " +
                "invariant culture, within [-92233720368.54775808, 92233720368.54775807].");
    }

    /// <summary>
    /// Formats raw units as invariant text with trailing fraction zeros trimmed ("101.25", "0.00000001", "-3")
    /// without allocating. Returns <see langword="false"/> if <paramref name="destination"/> is too small.
    /// </summary>
    public static bool TryFormat(long raw, Span<char> destination, out int charsWritten)
    {
        ulong magnitude = Magnitude(raw);
        ulong integerPart = magnitude / Scale;
        ulong fraction = magnitude % Scale;

        int fractionDigits = 0;
        if (fraction != 0)
        {
            fractionDigits = Decimals;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                fractionDigits--;
            }
        }

        int integerDigits = CountDigits(integerPart);
        int length = (raw < 0 ? 1 : 0) + integerDigits + (fractionDigits > 0 ? 1 + fractionDigits : 0);
        if (destination.Length < length)
        {
            charsWritten = 0;
            return false;
        }

        // Fill right to left: fraction digits, the point, then the integer digits, then the sign.
        int pos = length;
        if (fractionDigits > 0)
        {
            for (int d = 0; d < fractionDigits; d++)
            {
                destination[--pos] = (char)('0' + (int)(fraction % 10));
                fraction /= 10;
            }

            destination[--pos] = '.';
        }

        do
        {
            destination[--pos] = (char)('0' + (int)(integerPart % 10));
            integerPart /= 10;
        }
        while (integerPart != 0);

        if (raw < 0)
        {
            destination[--pos] = '-';
        }

        charsWritten = length;
        return true;
    }

    /// <summary>Formats raw units as a new string; see <see cref="TryFormat"/> for the format.</summary>
    public static string Format(long raw)
    {
        Span<char> buffer = stackalloc char[MaxFormattedLength];
        TryFormat(raw, buffer, out int written);
        return new string(buffer[..written]);
    }

    // |raw| as unsigned, correct for long.MinValue (whose magnitude does not fit in a long).
    private static ulong Magnitude(long raw) => raw < 0 ? unchecked((ulong)-raw) : (ulong)raw;

    private static int CountDigits(ulong value)
    {
        int digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }
}
