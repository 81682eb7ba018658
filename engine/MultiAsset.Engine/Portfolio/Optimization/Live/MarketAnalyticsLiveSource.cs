using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Portfolio.Optimization.Live;

/// <summary>The engine's market analytics as the live estimator's source (read on the engine thread only).</summary>
public sealed class MarketAnalyticsLiveSource(MarketAnalytics analytics) : ILiveAnalytics
{
    /// <inheritdoc />
    public long CovarianceObservations => analytics.Covariance.Updates;

    /// <inheritdoc />
    public bool InCovariance(int instrument)
    {
        var universe = analytics.Covariance.Universe;
        for (var i = 0; i < universe.Count; i++)
        {
            if (universe[i] == instrument)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public double Covariance(int a, int b) => analytics.Covariance.Covariance(a, b);

    /// <inheritdoc />
    public double Momentum(int instrument, int timeframe) => analytics.Momentum(new InstrumentId(instrument), timeframe);

    /// <inheritdoc />
    public long CompletedBars(int instrument, int timeframe) => analytics.CompletedBars(new InstrumentId(instrument), timeframe);
}
