using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.MarketData.Feeds;

/// <summary>A validated feed entry of <c>marketData.feeds[]</c>; creates the feed once the input ring exists.</summary>
public abstract record FeedDefinition
{
    /// <summary>Creates the feed publishing into <paramref name="ring"/>.</summary>
    public abstract IMarketDataFeed Create(ValueRingBuffer<InputEvent> ring, InstrumentCatalog catalog, IClock clock);
}
