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

    /// <summary>Publishes until the data ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    void Run(CancellationToken cancellationToken);
}
