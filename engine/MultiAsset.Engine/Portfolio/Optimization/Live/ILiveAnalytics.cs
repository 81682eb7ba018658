namespace MultiAsset.Engine.Portfolio.Optimization.Live;

/// <summary>
/// What the live estimator reads from the market-data analytics (by instrument id): the EWMA covariance of bar log
/// returns and the momentum of completed bars. <see cref="MarketAnalyticsLiveSource"/> adapts the engine's analytics;
/// tests give their own. Read on the engine thread (a query), never written.
/// </summary>
public interface ILiveAnalytics
{
    /// <summary>Bar-clock steps folded into the covariance so far (its observations).</summary>
    long CovarianceObservations { get; }

    /// <summary>Whether <paramref name="instrument"/> is in the covariance universe.</summary>
    bool InCovariance(int instrument);

    /// <summary>EWMA covariance per bar-clock step of the log returns of two instruments.</summary>
    double Covariance(int a, int b);

    /// <summary>Simple return over the momentum look-back at <paramref name="timeframe"/> (NaN without enough bars).</summary>
    double Momentum(int instrument, int timeframe);

    /// <summary>Completed bars of the instrument at <paramref name="timeframe"/>.</summary>
    long CompletedBars(int instrument, int timeframe);
}
