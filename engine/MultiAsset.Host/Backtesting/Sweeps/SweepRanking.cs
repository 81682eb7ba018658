namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>
/// The order of a sweep's results: by the metric, best first (<see cref="SweepMetric.MaxDrawdown"/> ascending, every
/// other metric descending); runs without a value (invalid, failed, or an undefined ratio) last; ties broken by run id
/// (ordinal), so the order never depends on which worker finished first.
/// </summary>
public static class SweepRanking
{
    /// <summary>Whether smaller values of <paramref name="metric"/> are better.</summary>
    public static bool LowerIsBetter(SweepMetric metric) => metric == SweepMetric.MaxDrawdown;

    /// <summary>The rows sorted best first.</summary>
    public static IReadOnlyList<SweepRunRow> Sort(IEnumerable<SweepRunRow> rows, SweepMetric metric)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        list.Sort((a, b) => Compare(a, b, metric));
        return list;
    }

    /// <summary>Negative when <paramref name="a"/> ranks before <paramref name="b"/>.</summary>
    public static int Compare(SweepRunRow a, SweepRunRow b, SweepMetric metric)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = a.Metrics?.Get(metric);
        var y = b.Metrics?.Get(metric);
        var order = (x, y) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            ({ } p, { } q) => LowerIsBetter(metric) ? p.CompareTo(q) : q.CompareTo(p),
        };
        return order != 0 ? order : string.CompareOrdinal(a.RunId, b.RunId);
    }
}
