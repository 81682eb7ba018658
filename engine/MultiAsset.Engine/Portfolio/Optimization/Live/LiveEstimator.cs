using System.Globalization;

namespace MultiAsset.Engine.Portfolio.Optimization.Live;

/// <summary>Turns the analytics' live state into <see cref="LiveEstimates"/> (conventions there). A query: copies, allocates, changes nothing.</summary>
public static class LiveEstimator
{
    /// <summary>Estimates for <paramref name="assets"/> (instrument id and symbol).</summary>
    /// <exception cref="LiveEstimatesUnavailableException">An asset outside the covariance universe, too few observations, a zero variance, or too few bars for a momentum.</exception>
    public static LiveEstimates Estimate(ILiveAnalytics analytics, IReadOnlyList<(int Id, string Symbol)> assets, LiveEstimateOptions options, long asOf)
    {
        ArgumentNullException.ThrowIfNull(analytics);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(options);
        int n = assets.Count;
        if (n == 0)
        {
            throw new LiveEstimatesUnavailableException("assets", "No assets to estimate.");
        }

        var outside = assets.Where(a => !analytics.InCovariance(a.Id)).Select(a => a.Symbol).ToList();
        if (outside.Count > 0)
        {
            throw new LiveEstimatesUnavailableException("assets", $"{string.Join(", ", outside)} {(outside.Count == 1 ? "is" : "are")} not in the live covariance universe (marketData.analytics.correlation.universe in config/engine.json).");
        }

        int required = options.RequiredObservations(n);
        long observations = analytics.CovarianceObservations;
        string interval = Duration(options.CovarianceIntervalSeconds);
        if (observations < required)
        {
            throw new LiveEstimatesUnavailableException("portfolioId", string.Create(CultureInfo.InvariantCulture,
                $"Not enough data yet: the live covariance has {observations} of the {required} observations needed for {n} assets (one per {interval} of event time; n + 1 and at least 1/(1 − λ) = {Math.Ceiling(1 / (1 - options.CovarianceLambda))})."));
        }

        double perYear = LiveEstimateOptions.SecondsPerYear / options.CovarianceIntervalSeconds;
        var covariance = new double[n][];
        for (int i = 0; i < n; i++)
        {
            covariance[i] = new double[n];
            for (int j = 0; j < n; j++)
            {
                covariance[i][j] = analytics.Covariance(assets[i].Id, assets[j].Id) * perYear;
            }

            if (!(covariance[i][i] > 0))
            {
                throw new LiveEstimatesUnavailableException("assets", $"{assets[i].Symbol} has not moved over the {observations} observations of the live covariance (variance 0): it cannot be optimised yet.");
            }
        }

        int timeframe = IndexOf(options.TimeframeSeconds, options.ReturnTimeframeSeconds);
        double lookbackSeconds = (double)options.MomentumBars * options.ReturnTimeframeSeconds;
        var expected = new double[n];
        for (int i = 0; i < n; i++)
        {
            double momentum = analytics.Momentum(assets[i].Id, timeframe);
            if (!double.IsFinite(momentum) || momentum <= -1)
            {
                throw new LiveEstimatesUnavailableException("assets", string.Create(CultureInfo.InvariantCulture,
                    $"Not enough data yet: {assets[i].Symbol} has {analytics.CompletedBars(assets[i].Id, timeframe)} of the {options.MomentumBars + 1} completed {Duration(options.ReturnTimeframeSeconds)} bars its expected return (momentum) needs."));
            }

            expected[i] = Math.Log(1 + momentum) * (LiveEstimateOptions.SecondsPerYear / lookbackSeconds);
        }

        return new LiveEstimates(
            [.. assets.Select(a => a.Symbol)],
            covariance,
            expected,
            observations,
            required,
            asOf,
            string.Create(CultureInfo.InvariantCulture, $"covariance: EWMA (λ {options.CovarianceLambda}) of {interval} log returns, annualised ×{perYear:0.##}; expected returns: ln(1 + momentum over {options.MomentumBars} × {Duration(options.ReturnTimeframeSeconds)} bars), annualised"));
    }

    private static int IndexOf(IReadOnlyList<int> frames, int seconds)
    {
        for (int i = 0; i < frames.Count; i++)
        {
            if (frames[i] == seconds)
            {
                return i;
            }
        }

        throw new LiveEstimatesUnavailableException("returnTimeframe", $"The analytics have no {seconds} s bars.");
    }

    private static string Duration(int seconds) => seconds % 86_400 == 0 ? $"{seconds / 86_400}d"
        : seconds % 3600 == 0 ? $"{seconds / 3600}h"
        : seconds % 60 == 0 ? $"{seconds / 60}m"
        : $"{seconds}s";
}
