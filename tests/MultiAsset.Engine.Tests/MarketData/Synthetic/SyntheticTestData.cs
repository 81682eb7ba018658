using MultiAsset.Engine.MarketData.Synthetic;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.MarketData.Synthetic;

/// <summary>Catalogues and options shared by the synthetic-feed tests.</summary>
internal static class SyntheticTestData
{
    /// <summary>A small catalogue whose markets never close, for statistics that need every round.</summary>
    public const string AlwaysOpenCatalogJson = """
    {
      "calendars": { "ALWAYS": { "type": "always" } },
      "instruments": [
        { "symbol": "AAA", "assetClass": "STOCK", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 1, "minNotional": 0, "sector": "Information Technology", "country": "US", "calendar": "ALWAYS" },
        { "symbol": "BBB", "assetClass": "STOCK", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 1, "minNotional": 0, "sector": "Information Technology", "country": "US", "calendar": "ALWAYS" },
        { "symbol": "CCC", "assetClass": "STOCK", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 1, "minNotional": 0, "sector": "Energy", "country": "US", "calendar": "ALWAYS" },
        { "symbol": "TLT", "assetClass": "STOCK", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 1, "minNotional": 0, "sector": "Fixed Income", "country": "US", "calendar": "ALWAYS" },
        { "symbol": "GLD", "assetClass": "STOCK", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 1, "minNotional": 0, "sector": "Commodities", "country": "US", "calendar": "ALWAYS" },
        { "symbol": "EURUSD", "assetClass": "FOREX", "baseCurrency": "EUR", "quoteCurrency": "USD", "tickSize": 0.00001, "lotSize": 1000, "minNotional": 0, "sector": "Currency", "country": "EU", "calendar": "ALWAYS" },
        { "symbol": "GBPUSD", "assetClass": "FOREX", "baseCurrency": "GBP", "quoteCurrency": "USD", "tickSize": 0.00001, "lotSize": 1000, "minNotional": 0, "sector": "Currency", "country": "GB", "calendar": "ALWAYS" },
        { "symbol": "USDCHF", "assetClass": "FOREX", "baseCurrency": "USD", "quoteCurrency": "CHF", "tickSize": 0.00001, "lotSize": 1000, "minNotional": 0, "sector": "Currency", "country": "US", "calendar": "ALWAYS" },
        { "symbol": "BTCUSD", "assetClass": "CRYPTO", "baseCurrency": "BTC", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 0.00001, "minNotional": 0, "sector": "Digital Assets", "country": "Global", "calendar": "ALWAYS" },
        { "symbol": "ETHUSD", "assetClass": "CRYPTO", "baseCurrency": "ETH", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 0.0001, "minNotional": 0, "sector": "Digital Assets", "country": "Global", "calendar": "ALWAYS" },
        { "symbol": "IDX", "assetClass": "STOCK", "kind": "index", "quoteCurrency": "USD", "tickSize": 0.01, "sector": "Broad Market", "country": "US", "calendar": "ALWAYS" },
        { "symbol": "VIX", "assetClass": "STOCK", "kind": "volatility", "quoteCurrency": "USD", "tickSize": 0.01, "sector": "Volatility", "country": "US", "calendar": "ALWAYS" },
        { "symbol": "USD_RATE", "assetClass": "FOREX", "kind": "interestRate", "quoteCurrency": "USD", "currency": "USD", "tickSize": 0.0001, "sector": "Interest Rates", "country": "US", "calendar": "ALWAYS" }
      ]
    }
    """;

    private static readonly Lazy<InstrumentCatalog> AlwaysOpen = new(() => InstrumentCatalogLoader.Parse(AlwaysOpenCatalogJson, "test-catalog.json"));

    /// <summary>The always-open test catalogue.</summary>
    public static InstrumentCatalog AlwaysOpenCatalog => AlwaysOpen.Value;

    /// <summary>The shipped <c>config/instruments.json</c>.</summary>
    public static InstrumentCatalog ShippedCatalog => RepoFiles.ShippedCatalog;

    /// <summary>Parses a feed section written as JSON, reported under <c>marketData.feeds[0]</c>.</summary>
    public static SyntheticFeedOptions Options(string json) => SyntheticFeedOptionsReader.Parse(json, "engine.json", "marketData.feeds[0]");

    /// <summary>Runs <paramref name="rounds"/> rounds and returns a copy of every event.</summary>
    public static List<InputEvent> Collect(SyntheticMarket market, int rounds)
    {
        var all = new List<InputEvent>();
        for (int r = 0; r < rounds; r++)
        {
            market.Advance();
            foreach (var e in market.Events)
            {
                all.Add(e);
            }
        }

        return all;
    }
}
