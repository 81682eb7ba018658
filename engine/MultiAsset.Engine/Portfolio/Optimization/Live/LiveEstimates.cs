using MultiAsset.Engine.MarketData.Analytics;

namespace MultiAsset.Engine.Portfolio.Optimization.Live;

/// <summary>How live estimates are made: the analytics' bar clocks (from <c>marketData.analytics</c> in config/engine.json).</summary>
/// <param name="CovarianceIntervalSeconds">The covariance's bar clock (one observation per interval of event time).</param>
/// <param name="CovarianceLambda">Its EWMA decay λ.</param>
/// <param name="TimeframeSeconds">The analytics' bar timeframes (index = timeframe).</param>
/// <param name="MomentumBars">Bars in the momentum look-back.</param>
/// <param name="ReturnTimeframeSeconds">The timeframe whose momentum gives the expected returns (default: the covariance's bar clock, 1 m in the shipped config, so both estimates warm up together; else the longest configured below it).</param>
public sealed record LiveEstimateOptions(int CovarianceIntervalSeconds, double CovarianceLambda, IReadOnlyList<int> TimeframeSeconds, int MomentumBars, int ReturnTimeframeSeconds)
{
    /// <summary>Seconds in a year (calendar time, 365.25 days): the annualisation of the analytics' volatilities too.</summary>
    public const double SecondsPerYear = 365.25 * 86_400;

    /// <summary>The options of the analytics configured by <paramref name="analytics"/>; expected returns from the bars of the covariance's clock by default.</summary>
    public static LiveEstimateOptions From(AnalyticsOptions analytics, int? returnTimeframeSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(analytics);
        returnTimeframeSeconds ??= analytics.CorrelationIntervalSeconds;
        var frames = analytics.TimeframeSeconds;
        var wanted = returnTimeframeSeconds.Value;
        var chosen = frames.Contains(wanted) ? wanted : frames.Where(s => s <= wanted).DefaultIfEmpty(frames.Min()).Max();
        return new LiveEstimateOptions(analytics.CorrelationIntervalSeconds, analytics.CorrelationLambda, frames, analytics.MomentumBars, chosen);
    }

    /// <summary>
    /// Covariance observations needed before estimates are given for <paramref name="assets"/> assets: n + 1 (so the
    /// matrix can have full rank) and at least one EWMA memory, ⌈1 / (1 − λ)⌉ (17 at λ = 0.94).
    /// </summary>
    public int RequiredObservations(int assets) => Math.Max(assets + 1, (int)Math.Ceiling(1 / (1 - CovarianceLambda)));
}

/// <summary>
/// Live estimates for an optimiser, annualised as the optimiser contract expects (<c>OptimizeRequest</c>: annual
/// decimals). Conventions:
/// <list type="bullet">
/// <item><b>Covariance</b>: the market-data stage's RiskMetrics EWMA covariance of log returns on its bar clock
/// (Σ ← λΣ + (1 − λ) r rᵀ, one step per <c>correlation.interval</c> of event time), × steps per year
/// (365.25 days ÷ interval): annual.</item>
/// <item><b>Expected return</b> (momentum estimator): μ = ln(1 + R) × (year ÷ look-back), where R is the simple return over
/// the last <c>momentumBars</c> completed bars of the return timeframe (the analytics' momentum): the continuously
/// compounded rate of the recent trend, annualised by calendar time.</item>
/// </list>
/// </summary>
/// <param name="Assets">Symbols, in the order of every array.</param>
/// <param name="Covariance">Annual covariance (n × n).</param>
/// <param name="ExpectedReturns">Annual expected returns.</param>
/// <param name="Observations">Covariance observations so far.</param>
/// <param name="RequiredObservations">Observations needed (see <see cref="LiveEstimateOptions.RequiredObservations"/>).</param>
/// <param name="AsOf">Event time of the estimates (ns since the Unix epoch).</param>
/// <param name="Estimator">A one-line description of the estimators used.</param>
public sealed record LiveEstimates(
    IReadOnlyList<string> Assets,
    IReadOnlyList<IReadOnlyList<double>> Covariance,
    IReadOnlyList<double> ExpectedReturns,
    long Observations,
    int RequiredObservations,
    long AsOf,
    string Estimator);

/// <summary>Why live estimates cannot be given yet (or for these assets): the message says what is missing and how much.</summary>
public sealed class LiveEstimatesUnavailableException(string field, string message) : Exception(message)
{
    /// <summary>The request field at fault (<c>assets</c>, <c>portfolioId</c>, …).</summary>
    public string Field { get; } = field;
}
