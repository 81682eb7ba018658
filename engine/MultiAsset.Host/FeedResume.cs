using MultiAsset.Engine.MarketData.Feeds;

namespace MultiAsset.Host;

/// <summary>
/// Positions every feed after a recovered journal: the last journalled market-data event time and each instrument's
/// last prices, as the recovered market-data stage holds them, are handed to each feed's
/// <see cref="IMarketDataFeed.ResumeAfter"/>. Without it a simulated-time feed would start over at its configured start
/// (every new event rejected as out of order) and a replay would publish its files again from the first row.
/// </summary>
/// <remarks>
/// Call it once the journal replay has drained (the market-data stage is idle) and before any feed thread starts.
/// With no journal, or an empty one, it changes nothing.
/// </remarks>
public static class FeedResume
{
    /// <summary>Resumes every feed of <paramref name="engine"/> after its recovered state; returns the point used.</summary>
    public static FeedResumePoint Apply(EngineRuntime engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (engine.Journal is not { RecoveredRecords: > 0 })
        {
            return FeedResumePoint.None;
        }

        var point = engine.MarketData.ResumePoint();
        foreach (var feed in engine.Feeds)
        {
            feed.ResumeAfter(point);
        }

        return point;
    }
}
