using Microsoft.Extensions.Logging;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.MarketData.Feeds;

/// <summary>A validated feed entry of <c>marketData.feeds[]</c>; creates the feed once the input ring exists.</summary>
public abstract record FeedDefinition
{
    /// <summary>Creates the feed publishing into <paramref name="ring"/>; <paramref name="logger"/> gets its diagnostics (bad rows, gaps).</summary>
    /// <exception cref="ConfigurationException">The feed cannot be created from its definition (e.g. a replay file's layout is wrong).</exception>
    public abstract IMarketDataFeed Create(ValueRingBuffer<InputEvent> ring, InstrumentCatalog catalog, IClock clock, ILogger? logger = null);
}
