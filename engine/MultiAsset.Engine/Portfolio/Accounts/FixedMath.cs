using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// Overflow-reporting fixed-point arithmetic for the account book: every operation returns <see langword="false"/>
/// instead of throwing, so a per-event update can refuse an impossible fill and leave its state untouched.
/// </summary>
/// <remarks>
/// Raw values are scaled by 10^8 (<see cref="FixedPoint.Scale"/>). Products are formed exactly in 128 bits (a
/// <see langword="long"/> × <see langword="long"/> always fits) and rounded once, half away from zero, so results
/// are symmetric in sign and identical on every machine.
/// </remarks>
internal static class FixedMath
{
    /// <summary>(<paramref name="a"/> × <paramref name="b"/>) / 10^8, rounded half away from zero.</summary>
    /// <remarks>
    /// The hot multiplication (position × mark, amount × FX rate). Its product rarely fits in 64 bits, and a 128-bit
    /// division is a software routine, so the scale is divided out piecewise instead: with |a| = ah·S + al and
    /// |b| = bh·S + bl (S = 10^8, al, bl &lt; S), |a|·|b| / S = ah·|b| + al·bh + al·bl / S, where only the last term has
    /// a fraction and every partial product fits in 64 bits. Divisions by the constant S compile to multiplications.
    /// Same result as <see cref="TryMultiplyDivide"/> with divisor 10^8.
    /// </remarks>
    public static bool TryMultiplyScaled(long a, long b, out long result)
    {
        const ulong S = FixedPoint.Scale;
        ulong ua = a < 0 ? unchecked((ulong)-a) : (ulong)a; // long.MinValue wraps to 2^63, its exact magnitude
        ulong ub = b < 0 ? unchecked((ulong)-b) : (ulong)b;
        ulong ah = ua / S;
        ulong al = ua % S;
        ulong bh = ub / S;
        ulong bl = ub % S;

        ulong carry = Math.BigMul(ah, ub, out ulong whole);
        ulong cross = al * bh;  // < 10^8 × 2^64 / 10^8: fits
        ulong low = al * bl;    // < 10^16: fits
        ulong fraction = low % S;
        ulong magnitude = whole + cross;
        bool overflow = carry != 0 || magnitude < whole;
        ulong withLow = magnitude + (low / S) + (fraction >= S / 2 ? 1UL : 0UL);
        overflow |= withLow < magnitude;

        bool negative = (a ^ b) < 0;
        if (overflow || withLow > (negative ? 1UL << 63 : long.MaxValue))
        {
            result = 0;
            return false;
        }

        result = negative ? unchecked(-(long)withLow) : (long)withLow;
        return true;
    }

    /// <summary>(<paramref name="a"/> × 10^8) / <paramref name="divisor"/>, rounded half away from zero; <paramref name="divisor"/> must be positive.</summary>
    public static bool TryDivideScaled(long a, long divisor, out long result) => TryMultiplyDivide(a, FixedPoint.Scale, divisor, out result);

    /// <summary>
    /// (<paramref name="a"/> × <paramref name="b"/>) / <paramref name="divisor"/>, computed exactly and rounded half
    /// away from zero. <paramref name="divisor"/> must be positive. False when the result leaves the long range.
    /// </summary>
    public static bool TryMultiplyDivide(long a, long b, long divisor, out long result)
    {
        long high = Math.BigMul(a, b, out long low);

        // Fast path: the product fits in a long (its high half is only the sign extension of the low half), so one
        // 64-bit division does; 128-bit division is a software routine several times slower.
        if (high == (low >> 63))
        {
            long quotient = Math.DivRem(low, divisor, out long remainder);
            long magnitude = Math.Abs(remainder); // |remainder| < divisor ≤ long.MaxValue: Abs cannot overflow.
            if (magnitude >= divisor - magnitude)
            {
                quotient += low < 0 ? -1 : 1;
            }

            result = quotient;
            return true;
        }

        return TryNarrow(DivideRounded(((Int128)high << 64) | (ulong)low, divisor), out result);
    }

    /// <summary>Checked-free sum: false when it leaves the long range.</summary>
    public static bool TryAdd(long a, long b, out long result)
    {
        result = unchecked(a + b);

        // Overflow iff both operands share a sign the result does not have.
        return ((a ^ result) & (b ^ result)) >= 0;
    }

    /// <summary>Narrows a 128-bit value; false when it does not fit in a long.</summary>
    public static bool TryNarrow(Int128 value, out long result)
    {
        result = unchecked((long)value);
        return result == value;
    }

    /// <summary>A 128-bit total clamped into the long range (valuation totals, which must never throw).</summary>
    public static long Saturate(Int128 value)
        => value > long.MaxValue ? long.MaxValue : value < long.MinValue ? long.MinValue : (long)value;

    // Int128 division truncates toward zero; move one unit away from zero when the remainder is at least half.
    private static Int128 DivideRounded(Int128 numerator, long divisor)
    {
        (Int128 quotient, Int128 remainder) = Int128.DivRem(numerator, divisor);
        if (Int128.Abs(remainder) * 2 >= divisor)
        {
            quotient += Int128.Sign(numerator);
        }

        return quotient;
    }
}
