using Microsoft.Extensions.Logging;

namespace MultiAsset.Host.RiskAnalysis;

/// <summary>
/// The correlation regime alert: fed the risk inputs the metrics loop fetches (once a second), it keeps the latest
/// <see cref="CorrelationReport"/> for <c>/metrics</c> and logs a warning when a pair starts breaking (|ρ − ρ_long|
/// beyond the threshold) and an information line when it comes back. Control plane only; nothing here is engine state.
/// </summary>
public sealed partial class CorrelationWatch(ILogger? logger, double threshold = CorrelationReport.DefaultBreakThreshold)
{
    private readonly HashSet<(string, string)> breaking = [];
    private volatile CorrelationReport? latest;

    /// <summary>The last report (null before the first refresh).</summary>
    public CorrelationReport? Latest => latest;

    /// <summary>Pairs breaking now.</summary>
    public int Breaks => latest?.Breaks.Count ?? 0;

    /// <summary>Largest |ρ − ρ_long| over the pairs now (0 before the matrices are warm).</summary>
    public double LargestChange => latest is { Warm: true } report ? MaxChange(report) : 0;

    /// <summary>Takes a new copy of the inputs; logs the pairs that started or stopped breaking. Called by one loop.</summary>
    public void Observe(RiskInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var report = CorrelationReport.Build(inputs, threshold);
        latest = report;
        if (logger is null)
        {
            return;
        }

        var now = report.Breaks.ToDictionary(b => (b.A, b.B));
        foreach (var (pair, item) in now)
        {
            if (breaking.Add(pair))
            {
                LogBreak(logger, item.A, item.B, item.Correlation, item.LongRun, threshold);
            }
        }

        foreach (var pair in breaking.Where(p => !now.ContainsKey(p)).ToList())
        {
            breaking.Remove(pair);
            LogBack(logger, pair.Item1, pair.Item2);
        }
    }

    private static double MaxChange(CorrelationReport report)
    {
        var largest = 0.0;
        for (var a = 0; a < report.Instruments.Count; a++)
        {
            for (var b = a + 1; b < report.Instruments.Count; b++)
            {
                if (report.Correlation[a][b] is { } rho && report.LongRunCorrelation[a][b] is { } longRun)
                {
                    largest = Math.Max(largest, Math.Abs(rho - longRun));
                }
            }
        }

        return largest;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Correlation break: {A}/{B} correlation {Correlation:F2} against a long-run {LongRun:F2} (beyond ±{Threshold:F2})")]
    private static partial void LogBreak(ILogger logger, string a, string b, double correlation, double longRun, double threshold);

    [LoggerMessage(Level = LogLevel.Information, Message = "Correlation break over: {A}/{B} back within the threshold of its long-run value")]
    private static partial void LogBack(ILogger logger, string a, string b);
}
