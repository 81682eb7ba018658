namespace MultiAsset.Host.RiskAnalysis;

/// <summary>
/// The answer to <c>GET /api/multi-asset/risk/correlation</c>: the live EWMA correlation matrix, its long-run
/// counterpart, and the pairs whose correlation has moved away from the long run by more than a threshold (a regime
/// alert). Built from <see cref="RiskInputs"/> off the engine thread.
/// </summary>
/// <remarks>
/// Conventions: correlations of per-interval log returns (<see cref="IntervalSeconds"/> of event time between
/// observations; an instrument that did not trade in an interval has a zero return), ρ = Σ_ab / √(Σ_aa Σ_bb) from
/// the fast (λ) and the slow (λ_long) EWMA of the same returns; null where a variance is still zero. A break is
/// |ρ − ρ_long| &gt; threshold; none are reported until the matrices are <see cref="Warm"/>: at least 2/(1 − λ)
/// intervals folded in (34 at λ = 0.94), so the live matrix has forgotten its zero start and the slow one has twice
/// its history.
/// </remarks>
/// <param name="AsOf">Event time of the matrices (null before any event).</param>
/// <param name="IntervalSeconds">Seconds of event time per return.</param>
/// <param name="Lambda">Decay of the live matrix.</param>
/// <param name="LongRunLambda">Decay of the long-run matrix.</param>
/// <param name="Updates">Intervals folded in so far.</param>
/// <param name="Warm">Whether enough intervals are in for breaks to be flagged (see remarks).</param>
/// <param name="Instruments">Symbols, in row order.</param>
/// <param name="AssetClasses">Their asset classes.</param>
/// <param name="Correlation">Live correlations (null where undefined).</param>
/// <param name="LongRunCorrelation">Long-run correlations (null where undefined).</param>
/// <param name="Volatility">Live per-interval volatility of each instrument's log return (√Σ_ii).</param>
/// <param name="BreakThreshold">The |ρ − ρ_long| beyond which a pair is flagged.</param>
/// <param name="Breaks">Flagged pairs, largest change first.</param>
public sealed record CorrelationReport(
    DateTimeOffset? AsOf,
    double IntervalSeconds,
    double Lambda,
    double LongRunLambda,
    long Updates,
    bool Warm,
    IReadOnlyList<string> Instruments,
    IReadOnlyList<string> AssetClasses,
    IReadOnlyList<IReadOnlyList<double?>> Correlation,
    IReadOnlyList<IReadOnlyList<double?>> LongRunCorrelation,
    IReadOnlyList<double> Volatility,
    double BreakThreshold,
    IReadOnlyList<CorrelationBreak> Breaks)
{
    /// <summary>The threshold when the caller does not give one.</summary>
    public const double DefaultBreakThreshold = 0.3;

    /// <summary>Builds the report from captured inputs.</summary>
    public static CorrelationReport Build(RiskInputs inputs, double threshold)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var n = inputs.Size;
        var live = Correlations(inputs.Covariance, n);
        var slow = Correlations(inputs.LongRunCovariance, n);
        var warm = inputs.CovarianceUpdates >= Math.Ceiling(2 / (1 - inputs.Lambda));
        var breaks = new List<CorrelationBreak>();
        if (warm)
        {
            for (var a = 0; a < n; a++)
            {
                for (var b = a + 1; b < n; b++)
                {
                    if (live[a][b] is { } rho && slow[a][b] is { } longRun && Math.Abs(rho - longRun) > threshold)
                    {
                        breaks.Add(new CorrelationBreak(inputs.Universe[a].Symbol, inputs.Universe[b].Symbol, rho, longRun, rho - longRun));
                    }
                }
            }
        }

        breaks.Sort((x, y) => Math.Abs(y.Change).CompareTo(Math.Abs(x.Change)));
        var volatility = Enumerable.Range(0, n).Select(i => Math.Sqrt(Math.Max(0, inputs.Covariance[(i * n) + i]))).ToList();
        return new CorrelationReport(
            inputs.AsOfNanoseconds == 0 ? null : DateTimeOffset.UnixEpoch.AddTicks(inputs.AsOfNanoseconds / 100),
            inputs.IntervalSeconds, inputs.Lambda, inputs.LongRunLambda, inputs.CovarianceUpdates, warm,
            [.. inputs.Universe.Select(u => u.Symbol)], [.. inputs.Universe.Select(u => u.AssetClass)], live, slow, volatility, threshold, breaks);
    }

    private static IReadOnlyList<double?>[] Correlations(double[] covariance, int n)
    {
        var rows = new IReadOnlyList<double?>[n];
        for (var a = 0; a < n; a++)
        {
            var row = new double?[n];
            for (var b = 0; b < n; b++)
            {
                var denominator = Math.Sqrt(covariance[(a * n) + a] * covariance[(b * n) + b]);
                row[b] = denominator > 0 ? Math.Clamp(covariance[(a * n) + b] / denominator, -1, 1) : null;
            }

            rows[a] = row;
        }

        return rows;
    }
}

/// <summary>A pair whose live correlation has left its long-run value by more than the threshold.</summary>
/// <param name="A">First instrument.</param>
/// <param name="B">Second instrument.</param>
/// <param name="Correlation">Live ρ.</param>
/// <param name="LongRun">Long-run ρ.</param>
/// <param name="Change">ρ − ρ_long.</param>
public sealed record CorrelationBreak(string A, string B, double Correlation, double LongRun, double Change);
