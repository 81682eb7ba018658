namespace MultiAsset.Engine.MarketData.Feeds;

/// <summary>
/// A producer of market data on the input ring, run on a thread of its own by the host: the synthetic market, a
/// replay of files, later a venue adapter.
/// </summary>
public interface IMarketDataFeed : IDisposable
{
    /// <summary>Name for logs and metrics (e.g. <c>synthetic</c>, <c>csv:quotes.csv+trades.csv</c>).</summary>
    string Name { get; }

    /// <summary>Events published so far (rejected rows included: the market-data stage counts those).</summary>
    long EventsPublished { get; }

    /// <summary>True once the feed has published all its data (a replay at end of file); live feeds never complete.</summary>
    bool Completed { get; }

    /// <summary>
    /// Positions the feed after what a recovered journal already holds; called once, after the recovery has drained and
    /// before <see cref="Run"/>. A replay skips the rows at or before <see cref="FeedResumePoint.LastEventTime"/>; a
    /// simulated-time feed continues after that time from the last known prices; a wall-clock feed continues from the
    /// last known prices (its time is the clock's anyway). An empty point changes nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The feed has already started.</exception>
    void ResumeAfter(FeedResumePoint point);

    /// <summary>Publishes until the data ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    void Run(CancellationToken cancellationToken);
}
