using MultiAsset.Engine.Portfolio.Optimization.Contract;

namespace MultiAsset.Engine.Portfolio.Optimization.Live;

/// <summary>What the engine answers to a live-estimates query: the estimates, or why not (status, field, message).</summary>
/// <param name="Estimates">The estimates, when they could be made.</param>
/// <param name="Status">422 when they could not (not enough data, assets outside the universe), else 200.</param>
/// <param name="Field">The request field at fault.</param>
/// <param name="Message">What is missing, with how many observations or bars are needed.</param>
/// <param name="Excluded">Assets of the account's universe left out, with why (only for a universe the engine chose).</param>
public sealed record LiveEstimatesAnswer(LiveEstimates? Estimates, int Status, string? Field, string? Message, IReadOnlyDictionary<string, string> Excluded);

/// <summary>Fills an optimiser request from live estimates (the <c>portfolioId</c> form of <c>POST /optimize</c>, and scheduled optimisers).</summary>
public static class LiveOptimization
{
    /// <summary>
    /// <paramref name="request"/> with the assets, covariance and expected returns of <paramref name="estimates"/>; for
    /// BlackLitterman without <c>marketWeights</c>, equal weights (1/n) as the equilibrium portfolio. The request must not
    /// bring its own covariance or expected returns.
    /// </summary>
    /// <exception cref="OptimizationInputException">The request brings a covariance or expected returns.</exception>
    public static OptimizeRequest WithEstimates(OptimizeRequest request, LiveEstimates estimates)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(estimates);
        if (request.Covariance is not null)
        {
            throw new OptimizationInputException("covariance", "covariance: with portfolioId the live covariance is used; leave covariance out (or leave portfolioId out to bring your own)");
        }

        if (request.ExpectedReturns is not null)
        {
            throw new OptimizationInputException("expectedReturns", "expectedReturns: with portfolioId the live estimates are used; leave expectedReturns out (or leave portfolioId out)");
        }

        int n = estimates.Assets.Count;
        bool blackLitterman = string.Equals(request.OptimizationMethod, "BlackLitterman", StringComparison.OrdinalIgnoreCase);
        return request with
        {
            PortfolioId = null,
            Assets = estimates.Assets,
            Covariance = estimates.Covariance,
            ExpectedReturns = estimates.ExpectedReturns,
            MarketWeights = request.MarketWeights ?? (blackLitterman ? [.. Enumerable.Repeat(1.0 / n, n)] : null),
        };
    }
}
