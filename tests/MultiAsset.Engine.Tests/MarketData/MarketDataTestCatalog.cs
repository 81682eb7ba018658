using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Tests.MarketData;

/// <summary>A small catalogue for market-data tests: a NYSE stock, a crypto pair, an FX pair and a policy rate.</summary>
public static class MarketDataTestCatalog
{
    public const int Stock = 0;
    public const int Crypto = 1;
    public const int Fx = 2;
    public const int Rate = 3;

    /// <summary>Monday 2026-03-02 15:00 UTC = 10:00 New York (NYSE open).</summary>
    public static readonly long MondayMorningNy = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    /// <summary>Saturday 2026-03-07 15:00 UTC: stocks and FX closed, crypto open.</summary>
    public static readonly long Saturday = new DateTimeOffset(2026, 3, 7, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    public static InstrumentCatalog Create() => InstrumentCatalogLoader.Parse(
        """
        {
          "calendars": {
            "NYSE": { "type": "exchange", "timeZone": "America/New_York", "open": "09:30", "close": "16:00", "holidays": [] },
            "FX": { "type": "fx24x5" },
            "CRYPTO": { "type": "always" }
          },
          "instruments": [
            { "symbol": "AAA", "name": "A Corp", "assetClass": "STOCK", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 1, "minNotional": 1, "sector": "Information Technology", "country": "US", "calendar": "NYSE" },
            { "symbol": "BTCUSD", "name": "Bitcoin", "assetClass": "CRYPTO", "baseCurrency": "BTC", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 0.00001, "minNotional": 10, "sector": "Digital Assets", "country": "Global", "calendar": "CRYPTO" },
            { "symbol": "EURUSD", "name": "Euro", "assetClass": "FOREX", "baseCurrency": "EUR", "quoteCurrency": "USD", "tickSize": 0.00001, "lotSize": 1000, "minNotional": 1000, "sector": "Currency", "country": "EU", "calendar": "FX" },
            { "symbol": "CHF_RATE", "name": "SNB policy rate", "assetClass": "FOREX", "kind": "InterestRate", "currency": "CHF", "quoteCurrency": "CHF", "tickSize": 0.0001, "sector": "Rates", "country": "CH", "calendar": "FX" }
          ]
        }
        """,
        "test-instruments.json");
}
