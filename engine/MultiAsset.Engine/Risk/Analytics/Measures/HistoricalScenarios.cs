namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// The scenario values of historical simulation. The model scales them by √h (square-root-of-time on the one-period
/// scenarios; no overlapping h-period windows, so N stays the number of rows).
/// </summary>
internal static class HistoricalScenarios
{
    /// <summary>
    /// From S×n P&amp;L scenarios at the current exposures: the per-unit returns pnl_s,i / w_i (row-major), and 0 for a
    /// zero exposure (whose P&amp;L must then be 0: a flat position cannot make or lose money).
    /// </summary>
    public static double[] UnitReturnsFromPnl(RiskMatrix scenarios, double[] exposures, string field)
    {
        int count = scenarios.Rows;
        int n = scenarios.Columns;
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

                u[(s * n) + i] = pnl / w;
            }
        }

        return u;
    }
}
