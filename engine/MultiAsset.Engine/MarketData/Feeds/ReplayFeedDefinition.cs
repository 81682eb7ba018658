using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.MarketData.Feeds;

/// <summary>A replay of CSV or Parquet files (paths already resolved and checked to exist).</summary>
/// <param name="Format">File format.</param>
/// <param name="Files">Files merged by timestamp.</param>
/// <param name="Options">Batching and pacing.</param>
public sealed record ReplayFeedDefinition(ReplayFileFormat Format, IReadOnlyList<string> Files, ReplayFeedOptions Options) : FeedDefinition
{
    /// <inheritdoc />
    public override IMarketDataFeed Create(ValueRingBuffer<InputEvent> ring, InstrumentCatalog catalog, IClock clock)
        => ReplayFileFeed.Open(Format, Files, catalog, ring, Options, clock);
}
