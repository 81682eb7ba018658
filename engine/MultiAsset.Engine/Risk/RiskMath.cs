using System.Runtime.CompilerServices;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// Fixed-point arithmetic for limit checks that must never throw on the hot path: results that leave the
/// <see langword="long"/> range saturate, and a saturated value is larger than any configured limit, so it is rejected
/// instead of crashing the stage.
/// </summary>
internal static class RiskMath
{
    /// <summary>
    /// |quantity| × price in raw money units, rounded up (away from zero) so a limit check on it is never looser than the
    /// book's own rounding; saturates at <see cref="long.MaxValue"/>. The price must be positive.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long NotionalCeiling(long quantityRaw, long priceRaw)
    {
        Int128 product = (Int128)AbsSaturating(quantityRaw) * priceRaw;
        Int128 notional = (product + (FixedPoint.Scale - 1)) / FixedPoint.Scale;
        return notional > long.MaxValue ? long.MaxValue : (long)notional;
    }

    /// <summary>|value|, with <see cref="long.MinValue"/> mapped to <see cref="long.MaxValue"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long AbsSaturating(long value) => value >= 0 ? value : value == long.MinValue ? long.MaxValue : -value;

    /// <summary>a + b, clamped to the <see langword="long"/> range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long AddSaturating(long a, long b)
    {
        long sum = unchecked(a + b);
        // Overflow happened iff both operands have the same sign and the sum's sign differs.
        if (((a ^ sum) & (b ^ sum)) < 0)
        {
            return a < 0 ? long.MinValue : long.MaxValue;
        }

        return sum;
    }
}
