namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>Lays walk-forward windows over the data's time range.</summary>
public static class WalkForwardPlanner
{
    /// <summary>
    /// Windows over [<paramref name="firstNs"/>, <paramref name="lastNs"/>] (the first and last event): in-sample
    /// [t, t+IS), out-of-sample [t+IS, t+IS+OOS) cut at the last event, for t = first, first+step, ... while the
    /// out-of-sample stretch starts at or before the last event.
    /// </summary>
    public static IReadOnlyList<WalkForwardWindow> Plan(long firstNs, long lastNs, WalkForwardSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var inSample = (long)spec.InSample.TotalNanoseconds;
        var outOfSample = (long)spec.OutOfSample.TotalNanoseconds;
        var step = (long)spec.Step.TotalNanoseconds;
        var windows = new List<WalkForwardWindow>();
        for (var t = firstNs; t + inSample <= lastNs; t += step)
        {
            windows.Add(new WalkForwardWindow(windows.Count + 1, t, t + inSample, Math.Min(t + inSample + outOfSample, lastNs + 1)));
        }

        return windows;
    }
}
