namespace MultiAsset.Engine.MarketData.Analytics;

/// <summary>What the rolling analytics compute (the <c>marketData.analytics</c> section of <c>config/engine.json</c>).</summary>
public sealed record AnalyticsOptions
{
    /// <summary>Bar intervals in seconds; the default builds 1 s, 1 min, 1 h and 1 d bars.</summary>
    public IReadOnlyList<int> TimeframeSeconds { get; init; } = [1, 60, 3600, 86400];

    /// <summary>Completed closes kept per instrument and timeframe (the longest return horizon, in bars).</summary>
    public int HistoryBars { get; init; } = 64;

    /// <summary>Bars in the z-score mean/std window.</summary>
    public int ZScoreBars { get; init; } = 20;

    /// <summary>Bars in the momentum look-back (momentum = return over this many bars).</summary>
    public int MomentumBars { get; init; } = 20;

    /// <summary>EWMA decay for per-instrument volatility (RiskMetrics λ).</summary>
    public double VolatilityLambda { get; init; } = 0.94;

    /// <summary>Bar clock of the cross-asset covariance matrix, in seconds.</summary>
    public int CorrelationIntervalSeconds { get; init; } = 60;

    /// <summary>Default of <see cref="CorrelationLongRunLambda"/>.</summary>
    public const double DefaultCorrelationLongRunLambda = 0.995;

    /// <summary>EWMA decay of the covariance matrix (RiskMetrics default 0.94).</summary>
    public double CorrelationLambda { get; init; } = 0.94;

    /// <summary>EWMA decay of the long-run covariance matrix a correlation break is judged against (must exceed <see cref="CorrelationLambda"/>).</summary>
    public double CorrelationLongRunLambda { get; init; } = DefaultCorrelationLongRunLambda;

    /// <summary>Instruments (ids) in the covariance matrix; empty = none.</summary>
    public IReadOnlyList<int> CorrelationUniverse { get; init; } = [];

    /// <summary>An open instrument with no update for this long is flagged stale (ns).</summary>
    public long StaleAfterNanoseconds { get; init; } = 30_000_000_000;

    /// <summary>Returns a list of problems (empty when valid).</summary>
    public IReadOnlyList<string> Validate(int instrumentCount)
    {
        var errors = new List<string>();
        if (TimeframeSeconds.Count == 0 || TimeframeSeconds.Any(s => s <= 0))
        {
            errors.Add("timeframeSeconds: at least one positive interval is required");
        }

        if (TimeframeSeconds.Distinct().Count() != TimeframeSeconds.Count)
        {
            errors.Add("timeframeSeconds: intervals must be distinct");
        }

        if (HistoryBars < 2)
        {
            errors.Add("historyBars: must be at least 2");
        }

        if (ZScoreBars < 2 || ZScoreBars > HistoryBars)
        {
            errors.Add($"zScoreBars: must be between 2 and historyBars ({HistoryBars})");
        }

        if (MomentumBars < 1 || MomentumBars >= HistoryBars)
        {
            errors.Add($"momentumBars: must be between 1 and historyBars - 1 ({HistoryBars - 1})");
        }

        if (VolatilityLambda is <= 0 or >= 1)
        {
            errors.Add("volatilityLambda: must be in (0, 1)");
        }

        if (CorrelationLambda is <= 0 or >= 1)
        {
            errors.Add("correlationLambda: must be in (0, 1)");
        }

        if (CorrelationLongRunLambda is <= 0 or >= 1 || CorrelationLongRunLambda <= CorrelationLambda)
        {
            errors.Add("correlation.longRunLambda: must be in (0, 1) and above correlation.lambda (a longer memory)");
        }

        if (CorrelationIntervalSeconds <= 0)
        {
            errors.Add("correlationIntervalSeconds: must be positive");
        }

        if (CorrelationUniverse.Any(i => i < 0 || i >= instrumentCount) || CorrelationUniverse.Distinct().Count() != CorrelationUniverse.Count)
        {
            errors.Add("correlationUniverse: instruments must be known and distinct");
        }

        if (StaleAfterNanoseconds <= 0)
        {
            errors.Add("staleAfter: must be positive");
        }

        return errors;
    }
}
