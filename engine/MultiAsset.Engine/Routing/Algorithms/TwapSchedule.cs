namespace MultiAsset.Engine.Routing.Algorithms;

/// <summary>
/// Time-weighted average price: equal slices. Pure, deterministic, allocation-free.
/// </summary>
/// <remarks>
/// Child j (1-based) is R_j − R_{j−1} with R_j = round(j·L/N) half up (the rule of <see cref="ScheduleRounding"/>),
/// computed in exact integer arithmetic. So 10 lots over 4 slices is 3, 2, 3, 2: each child within one lot of L/N,
/// the cumulative quantity never more than ½ lot off j·L/N.
/// </remarks>
public static class TwapSchedule
{
    /// <summary>Writes the child lots of <paramref name="lots"/> over <c>children.Length</c> equal slices.</summary>
    /// <param name="lots">Parent quantity in lots (≥ 0).</param>
    /// <param name="children">One entry per slice, in time order; its length is the number of slices N (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lots"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="children"/> is empty or longer than <see cref="ScheduleRounding.MaxSlices"/>.</exception>
    public static void Compute(long lots, Span<long> children)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lots);
        int n = children.Length;
        ScheduleRounding.CheckSlices(n, nameof(children));

        // j·L/N = j·q + j·r/N with L = q·N + r, so R_j − R_{j−1} is q plus a carry of 0 or 1: the carry is the overflow
        // of acc = (2·j·r + N) mod 2N, which grows by 2r < 2N per slice. No division in the loop.
        long q = Math.DivRem(lots, n, out long r);
        long twoN = 2L * n;
        long twoR = 2 * r;
        long acc = n;
        for (int j = 0; j < children.Length; j++)
        {
            acc += twoR;
            long child = q;
            if (acc >= twoN)
            {
                acc -= twoN;
                child++;
            }

            children[j] = child;
        }
    }
}
