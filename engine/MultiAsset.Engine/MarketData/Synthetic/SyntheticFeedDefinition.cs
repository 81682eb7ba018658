using Microsoft.Extensions.Logging;
using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// A validated <c>"type": "synthetic"</c> entry of <c>marketData.feeds[]</c> (read with
/// <see cref="SyntheticFeedOptionsReader.Read"/> and checked with <see cref="SyntheticMarket.Validate"/>).
/// </summary>
/// <param name="Options">The model and pacing options.</param>
/// <param name="Source">Feed index stamped on every event (the entry's position in <c>feeds[]</c>).</param>
/// <param name="EndNanoseconds">
/// Simulated-time instant (ns since the Unix epoch) after which the feed publishes nothing more and reports
/// <see cref="IMarketDataFeed.Completed"/> (the host's <c>--until</c>); null runs for ever.
/// </param>
public sealed record SyntheticFeedDefinition(SyntheticFeedOptions Options, ushort Source, long? EndNanoseconds = null) : FeedDefinition
{
    /// <inheritdoc />
    public override IMarketDataFeed Create(ValueRingBuffer<InputEvent> ring, InstrumentCatalog catalog, IClock clock, ILogger? logger = null)
        => new SyntheticFeed(new SyntheticMarket(catalog, Options, clock, Source), ring, Options.EventsPerSecond, EndNanoseconds ?? long.MaxValue);
}
