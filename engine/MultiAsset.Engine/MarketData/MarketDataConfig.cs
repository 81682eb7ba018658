using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.MarketData;

/// <summary>The validated <c>marketData</c> section of <c>config/engine.json</c>.</summary>
/// <param name="Catalog">The instruments (from the file named by <c>marketData.instruments</c>).</param>
/// <param name="Analytics">What the rolling analytics compute.</param>
/// <param name="Feeds">The feeds to run.</param>
public sealed record MarketDataConfig(InstrumentCatalog Catalog, AnalyticsOptions Analytics, IReadOnlyList<FeedDefinition> Feeds);
