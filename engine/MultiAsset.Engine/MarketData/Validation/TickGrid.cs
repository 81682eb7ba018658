using System.Numerics;
using System.Runtime.CompilerServices;

namespace MultiAsset.Engine.MarketData.Validation;

/// <summary>
/// Whether a raw price lies on an instrument's tick grid (<c>raw % tick == 0</c>) without a division: a 64-bit
/// division costs tens of cycles and the market-data stage asks this for every price of every event.
/// </summary>
/// <remarks>
/// tick = odd · 2^k. A value is a multiple of tick when its low k bits are zero and the rest is a multiple of the odd
/// part; for odd d with multiplicative inverse d⁻¹ modulo 2^64, x is a multiple of d exactly when x·d⁻¹ mod 2^64 ≤
/// ⌊(2^64 − 1) / d⌋ (Granlund and Montgomery; Warren, Hacker's Delight §10-17), because x ↦ x·d⁻¹ maps the multiples
/// of d one to one onto [0, ⌊(2^64 − 1) / d⌋]. The sign does not matter: the magnitude is tested. A tick of zero or
/// less puts every value on the grid, as before.
/// </remarks>
internal readonly struct TickGrid
{
    private readonly ulong inverse;
    private readonly ulong limit;
    private readonly ulong lowMask;
    private readonly int shift;
    private readonly bool any;

    /// <summary>The grid of multiples of <paramref name="tick"/> (every value, when tick ≤ 0).</summary>
    public TickGrid(long tick)
    {
        if (tick <= 0)
        {
            any = true;
            inverse = limit = lowMask = 0;
            shift = 0;
            return;
        }

        any = false;
        shift = BitOperations.TrailingZeroCount(tick);
        lowMask = (1UL << shift) - 1;
        var odd = (ulong)tick >> shift;
        // Newton's iteration for the inverse modulo 2^64: each step doubles the correct low bits (odd·odd ≡ 1 mod 8 to start).
        var x = odd;
        for (var i = 0; i < 5; i++)
        {
            x *= 2 - (odd * x);
        }

        inverse = x;
        limit = ulong.MaxValue / odd;
    }

    /// <summary>True when <paramref name="raw"/> is a multiple of the tick.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(long raw)
    {
        var magnitude = raw < 0 ? 0UL - (ulong)raw : (ulong)raw;
        return any || ((magnitude & lowMask) == 0 && (magnitude >> shift) * inverse <= limit);
    }
}
