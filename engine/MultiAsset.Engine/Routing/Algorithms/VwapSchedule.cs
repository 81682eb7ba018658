namespace MultiAsset.Engine.Routing.Algorithms;

/// <summary>
/// Volume-weighted average price: slices proportional to an intraday volume profile. Pure, deterministic,
/// allocation-free.
/// </summary>
/// <remarks>
/// <para>The profile is M non-negative weights for M equal buckets spanning the order's interval (they are normalised,
/// so shares, percentages or raw volumes all work). The N slices need not match the M buckets: the cumulative profile
/// is read at each slice boundary with linear interpolation inside a bucket (volume assumed uniform within a bucket),
/// so F_j = (Σ_{b&lt;⌊p⌋} w_b + frac(p)·w_⌊p⌋) / Σw at p = j·M/N. When M = N this is exactly the profile.</para>
/// <para>Lots are then apportioned by the cumulative rule of <see cref="ScheduleRounding"/>: children sum exactly to
/// the parent and each is within one lot of L·(F_j − F_{j−1}).</para>
/// </remarks>
public static class VwapSchedule
{
    /// <summary>Writes the child lots of <paramref name="lots"/> over <c>children.Length</c> slices following <paramref name="profile"/>.</summary>
    /// <param name="lots">Parent quantity in lots, in [0, <see cref="ScheduleRounding.MaxLots"/>].</param>
    /// <param name="profile">Volume weights per equal bucket of the interval; see <see cref="ValidateProfile"/>.</param>
    /// <param name="children">One entry per slice, in time order; its length is the number of slices N.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lots"/> is out of range.</exception>
    /// <exception cref="ArgumentException">The profile is invalid or <paramref name="children"/> is empty.</exception>
    public static void Compute(long lots, ReadOnlySpan<double> profile, Span<long> children)
    {
        ScheduleRounding.CheckLots(lots, nameof(lots));
        int n = children.Length;
        ScheduleRounding.CheckSlices(n, nameof(children));
        double total = ValidateProfile(profile, nameof(profile));

        int m = profile.Length;
        int bucket = 0;          // ⌊p⌋ of the current boundary
        double prefix = 0;       // Σ_{b<bucket} w_b, accumulated in the same order as ValidateProfile's total
        long previous = 0;
        for (int j = 1; j < n; j++)
        {
            // p = j·M/N as an exact rational: whole buckets and a remainder (j·M ≤ 10^6 · int.MaxValue fits a long).
            long whole = Math.DivRem((long)j * m, n, out long rest);
            while (bucket < whole)
            {
                prefix += profile[bucket];
                bucket++;
            }

            double cumulative = rest == 0 ? prefix : prefix + (profile[bucket] * ((double)rest / n));
            long rounded = Math.Max(previous, ScheduleRounding.CumulativeLots(lots, cumulative / total));
            children[j - 1] = rounded - previous;
            previous = rounded;
        }

        // The last boundary is the whole order, exactly, whatever the floating-point sums did.
        children[n - 1] = lots - previous;
    }

    /// <summary>
    /// Writes the exact cumulative fractions F_1..F_N (F_N = 1) of <paramref name="profile"/> read at the N slice
    /// boundaries, as <see cref="Compute"/> uses them before rounding.
    /// </summary>
    /// <exception cref="ArgumentException">The profile is invalid or <paramref name="cumulative"/> is empty.</exception>
    public static void CumulativeFractions(ReadOnlySpan<double> profile, Span<double> cumulative)
    {
        int n = cumulative.Length;
        ScheduleRounding.CheckSlices(n, nameof(cumulative));
        double total = ValidateProfile(profile, nameof(profile));
        int m = profile.Length;
        int bucket = 0;
        double prefix = 0;
        for (int j = 1; j < n; j++)
        {
            long whole = Math.DivRem((long)j * m, n, out long rest);
            while (bucket < whole)
            {
                prefix += profile[bucket];
                bucket++;
            }

            double value = rest == 0 ? prefix : prefix + (profile[bucket] * ((double)rest / n));
            cumulative[j - 1] = Math.Min(1, value / total);
        }

        cumulative[n - 1] = 1;
    }

    /// <summary>
    /// Checks a volume profile and returns its total: non-empty, every weight finite and ≥ 0, not all zero.
    /// </summary>
    /// <exception cref="ArgumentException">The profile breaks one of the rules; the message names the index.</exception>
    public static double ValidateProfile(ReadOnlySpan<double> profile, string paramName)
    {
        if (profile.IsEmpty)
        {
            throw new ArgumentException("the volume profile is empty: it needs at least one weight.", paramName);
        }

        double total = 0;
        for (int i = 0; i < profile.Length; i++)
        {
            double w = profile[i];
            if (!double.IsFinite(w) || w < 0)
            {
                throw new ArgumentException($"volume profile weight [{i}] is {w}: weights must be finite and non-negative.", paramName);
            }

            total += w;
        }

        if (!(total > 0) || double.IsInfinity(total))
        {
            throw new ArgumentException(
                total > 0 ? "the volume profile weights overflow when summed." : "the volume profile is all zeros: at least one weight must be positive.",
                paramName);
        }

        return total;
    }
}
