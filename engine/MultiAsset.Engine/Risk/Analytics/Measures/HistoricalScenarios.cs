namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// Builds the per-unit scenario returns of historical simulation, horizon-scaled by √h (square-root-of-time on the
/// one-period scenarios; no overlapping h-period windows, so N stays the number of rows).
/// </summary>
internal static class HistoricalScenarios
{
    /// <summary>From a T×n return history: U_i,s = r_s,i·√h (column-major result).</summary>
    public static double[] FromReturns(RiskMatrix returns, double horizon)
    {
        int t = returns.Rows;
        int n = returns.Columns;
        double root = Math.Sqrt(horizon);
        var u = GC.AllocateUninitializedArray<double>(t * n);
        var r = returns.Values;
        const int Tile = 32;
        for (int s0 = 0; s0 < t; s0 += Tile)
        {
            int s1 = Math.Min(t, s0 + Tile);
            for (int i0 = 0; i0 < n; i0 += Tile)
            {
                int i1 = Math.Min(n, i0 + Tile);
                for (int s = s0; s < s1; s++)
                {
                    int row = s * n;
                    for (int i = i0; i < i1; i++)
                    {
                        u[(i * t) + s] = r[row + i] * root;
                    }
                }
            }
        }

        return u;
    }

    /// <summary>
    /// From S×n P&amp;L scenarios at the current exposures: U_i,s = pnl_s,i / w_i·√h, and U_i = 0 for a zero exposure
    /// (its P&amp;L must then be 0: a flat position cannot make or lose money).
    /// </summary>
    public static double[] FromPnl(RiskMatrix scenarios, double[] exposures, double horizon, string field)
    {
        int count = scenarios.Rows;
        int n = scenarios.Columns;
        double root = Math.Sqrt(horizon);
        var u = new double[count * n];
        var p = scenarios.Values;
        for (int s = 0; s < count; s++)
        {
            for (int i = 0; i < n; i++)
            {
                double pnl = p[(s * n) + i];
                double w = exposures[i];
                if (w == 0)
                {
                    if (pnl != 0)
                    {
                        throw new RiskMeasureInputException($"{field}[{s}][{i}]", $"{field}[{s}][{i}] is {pnl:G6} but position {i} has exposure 0 (a flat position has no P&L)");
                    }

                    continue;
                }

                u[(i * count) + s] = pnl / w * root;
            }
        }

        return u;
    }
}
