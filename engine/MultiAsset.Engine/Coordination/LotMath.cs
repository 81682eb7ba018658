using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Coordination;

/// <summary>Turning sizes computed in <see langword="double"/> into whole lots of raw fixed-point quantity.</summary>
internal static class LotMath
{
    /// <summary>
    /// Largest raw quantity a single change may have: an eighth of the <see langword="long"/> range, so sums of a few
    /// strategies' positions and changes cannot overflow.
    /// </summary>
    public const long MaxRaw = long.MaxValue / 8;

    // Sizes such as 0.3 × 1 000 000 / 30 come out of binary doubles as 9 999.999999998 lots: a billionth of a lot of
    // slack keeps exact multiples whole without ever rounding a genuinely smaller size up.
    private const double Slack = 1e-9;

    /// <summary><paramref name="units"/> (signed, in instrument units) rounded toward zero to whole lots of <paramref name="lotRaw"/>; raw.</summary>
    public static long RoundDown(double units, long lotRaw)
    {
        if (!double.IsFinite(units) || units == 0)
        {
            return 0;
        }

        var lots = Math.Abs(units) * Quantity.Scale / lotRaw;
        var maxLots = MaxRaw / lotRaw;
        var whole = lots >= maxLots ? maxLots : (long)Math.Floor(lots + Slack);
        return units < 0 ? -whole * lotRaw : whole * lotRaw;
    }

    /// <summary><paramref name="raw"/> rounded toward zero to whole lots of <paramref name="lotRaw"/>, capped at <see cref="MaxRaw"/>.</summary>
    public static long RoundDown(long raw, long lotRaw)
    {
        var capped = Math.Clamp(raw, -MaxRaw, MaxRaw);
        return capped / lotRaw * lotRaw;
    }
}
