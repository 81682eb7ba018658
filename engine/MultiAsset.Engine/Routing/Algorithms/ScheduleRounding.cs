namespace MultiAsset.Engine.Routing.Algorithms;

/// <summary>
/// The single rounding rule every schedule uses to turn a target trajectory into whole lots.
/// </summary>
/// <remarks>
/// <para>A schedule is described by its cumulative target fraction F_j ∈ [0, 1] after slice j (F_0 = 0, F_N = 1).
/// The cumulative lots after slice j are R_j = round(L·F_j), rounded half up, with R_N = L exactly; child j is
/// R_j − R_{j−1}. Rounding the <i>cumulative</i> target (rather than each slice) gives, at once:</para>
/// <list type="bullet">
/// <item>children sum exactly to the parent (the sum telescopes to R_N = L);</item>
/// <item>every child is within one lot of its exact target (two rounding errors of at most ½ each);</item>
/// <item>the executed-so-far quantity is never more than ½ lot off the exact trajectory, which is what a live router
/// tracks when it checks whether it is ahead of or behind schedule;</item>
/// <item>no child is negative, because F is non-decreasing and rounding is monotone;</item>
/// <item>O(N) work, no scratch memory (largest-remainder apportionment would need a sort).</item>
/// </list>
/// </remarks>
public static class ScheduleRounding
{
    /// <summary>
    /// Largest lot count the floating-point schedules accept: 2^53, so that L·F is exact to well under ½ lot.
    /// </summary>
    public const long MaxLots = 1L << 53;

    /// <summary>
    /// Most slices a schedule accepts (one million): far beyond any real schedule, and it keeps the exact integer
    /// arithmetic of <see cref="TwapSchedule"/> (which forms 2·N²) and slice offsets well inside their types.
    /// </summary>
    public const int MaxSlices = 1_000_000;

    /// <summary>round(<paramref name="lots"/> · <paramref name="fraction"/>), half up, clamped to [0, lots].</summary>
    public static long CumulativeLots(long lots, double fraction)
    {
        double target = Math.Floor((lots * fraction) + 0.5);
        if (!(target > 0))
        {
            return 0; // also maps NaN to 0, though callers never pass it
        }

        return target >= lots ? lots : (long)target;
    }

    /// <summary>Throws when <paramref name="lots"/> is negative or above <see cref="MaxLots"/>.</summary>
    internal static void CheckLots(long lots, string paramName)
    {
        if (lots < 0 || lots > MaxLots)
        {
            throw new ArgumentOutOfRangeException(paramName, lots, $"lots must be in [0, {MaxLots}].");
        }
    }

    /// <summary>Throws when there is no slice to write, or more than <see cref="MaxSlices"/>.</summary>
    internal static void CheckSlices(int slices, string paramName)
    {
        if (slices < 1 || slices > MaxSlices)
        {
            throw new ArgumentException($"a schedule needs 1 to {MaxSlices} slices (the destination span has {slices}).", paramName);
        }
    }
}
