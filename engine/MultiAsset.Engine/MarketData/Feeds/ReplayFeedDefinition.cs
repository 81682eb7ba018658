using Microsoft.Extensions.Logging;
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
    /// <remarks>The layouts were checked when the configuration was loaded; a file replaced since is still a configuration error.</remarks>
    public override IMarketDataFeed Create(ValueRingBuffer<InputEvent> ring, InstrumentCatalog catalog, IClock clock, ILogger? logger = null)
    {
        try
        {
            return ReplayFileFeed.Open(Format, Files, catalog, ring, Options, clock, logger);
        }
        catch (ReplayFormatException ex)
        {
            throw new ConfigurationException(ex.Message, ex);
        }
    }
}
