namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>Order statistics without a full sort (Hoare quickselect, median-of-three pivot, sort fallback).</summary>
internal static class Selection
{
    /// <summary>
    /// Reorders <paramref name="values"/> so that values[rank] is the rank-th largest (0 = largest), everything before
    /// it is ≥ and everything after it is ≤; returns values[rank]. Values must not be NaN.
    /// </summary>
    public static double SelectDescending(Span<double> values, int rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, values.Length);
        int lo = 0;
        int hi = values.Length - 1;
        int rounds = 0;
        while (hi > lo)
        {
            if (hi - lo < 16 || ++rounds > 64)
            {
                // Small range, or a pathological pivot sequence: finish with a sort of the remaining range.
                var rest = values.Slice(lo, hi - lo + 1);
                rest.Sort();
                rest.Reverse();
                break;
            }

            int mid = lo + ((hi - lo) >> 1);
            double a = values[lo];
            double b = values[mid];
            double c = values[hi];
            double pivot = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
            int i = lo;
            int j = hi;
            while (i <= j)
            {
                while (values[i] > pivot)
                {
                    i++;
                }

                while (values[j] < pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (rank <= j)
            {
                hi = j;
            }
            else if (rank >= i)
            {
                lo = i;
            }
            else
            {
                break;
            }
        }

        return values[rank];
    }
}
