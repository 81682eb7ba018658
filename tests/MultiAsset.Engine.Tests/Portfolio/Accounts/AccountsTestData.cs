using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Portfolio.Accounts;

namespace MultiAsset.Engine.Tests.Portfolio.Accounts;

/// <summary>
/// A small catalogue for account tests: USD stocks, a JPY stock, FX pairs (direct, inverse and a cross), a USD crypto
/// pair, a crypto cross (ETH priced only through BTC) and a non-tradable index; plus helpers to build books.
/// </summary>
internal static class AccountsTestData
{
    public static readonly InstrumentId Aaa = new(0);
    public static readonly InstrumentId Bbb = new(1);
    public static readonly InstrumentId Jjj = new(2);
    public static readonly InstrumentId EurUsd = new(3);
    public static readonly InstrumentId UsdJpy = new(4);
    public static readonly InstrumentId BtcUsd = new(5);
    public static readonly InstrumentId EurJpy = new(6);
    public static readonly InstrumentId EthBtc = new(7);
    public static readonly InstrumentId Spx = new(8);

    /// <summary>Tradable instruments, for random streams.</summary>
    public static readonly InstrumentId[] Tradable = [Aaa, Bbb, Jjj, EurUsd, UsdJpy, BtcUsd, EurJpy, EthBtc];

    /// <summary>Monday 2026-03-02 00:00 UTC in nanoseconds.</summary>
    public static readonly long Day0 = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    public static readonly InstrumentCatalog Catalog = InstrumentCatalogLoader.Parse(
        """
        {
          "calendars": { "X": { "type": "always" } },
          "instruments": [
            { "symbol": "AAA", "assetClass": "STOCK", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 1, "minNotional": 0, "sector": "Tech", "country": "US", "calendar": "X" },
            { "symbol": "BBB", "assetClass": "STOCK", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 1, "minNotional": 0, "sector": "Energy", "country": "US", "calendar": "X" },
            { "symbol": "JJJ", "assetClass": "STOCK", "quoteCurrency": "JPY", "tickSize": 1, "lotSize": 1, "minNotional": 0, "sector": "Tech", "country": "JP", "calendar": "X" },
            { "symbol": "EURUSD", "assetClass": "FOREX", "baseCurrency": "EUR", "quoteCurrency": "USD", "tickSize": 0.00001, "lotSize": 1, "minNotional": 0, "sector": "Currency", "country": "EU", "calendar": "X" },
            { "symbol": "USDJPY", "assetClass": "FOREX", "baseCurrency": "USD", "quoteCurrency": "JPY", "tickSize": 0.001, "lotSize": 1, "minNotional": 0, "sector": "Currency", "country": "US", "calendar": "X" },
            { "symbol": "BTCUSD", "assetClass": "CRYPTO", "baseCurrency": "BTC", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 0.00001, "minNotional": 0, "sector": "Digital Assets", "country": "Global", "calendar": "X" },
            { "symbol": "EURJPY", "assetClass": "FOREX", "baseCurrency": "EUR", "quoteCurrency": "JPY", "tickSize": 0.001, "lotSize": 1, "minNotional": 0, "sector": "Currency", "country": "EU", "calendar": "X" },
            { "symbol": "ETHBTC", "assetClass": "CRYPTO", "baseCurrency": "ETH", "quoteCurrency": "BTC", "tickSize": 0.00001, "lotSize": 0.0001, "minNotional": 0, "sector": "Digital Assets", "country": "Global", "calendar": "X" },
            { "symbol": "SPX", "assetClass": "STOCK", "kind": "index", "quoteCurrency": "USD", "tickSize": 0.01, "sector": "Broad Market", "country": "US", "calendar": "X" }
          ]
        }
        """,
        "test-instruments.json");

    public static readonly CurrencyTable Currencies = CurrencyTable.FromCatalog(Catalog);

    public static CurrencyId Usd => Currencies.Of("USD");

    public static CurrencyId Eur => Currencies.Of("EUR");

    public static CurrencyId Jpy => Currencies.Of("JPY");

    public static CurrencyId Btc => Currencies.Of("BTC");

    public static CurrencyId Eth => Currencies.Of("ETH");

    /// <summary>Parses an accounts document against the test currencies.</summary>
    public static AccountsConfig ParseAccounts(string json) => AccountsConfigReader.Parse(json, Currencies, "test-accounts.json");

    /// <summary>A book with one account per (base currency, initial cash) given, keys "a0", "a1", …, all margin at 10×.</summary>
    public static AccountBook Book(params string[] initialCash)
    {
        var accounts = initialCash.Select((cash, i) =>
            $$"""{ "id": "a{{i}}", "baseCurrency": "USD", "type": "Margin", "maxLeverage": 10, "initialCash": {{cash}} }""");
        return new AccountBook(Catalog, ParseAccounts($$"""{ "accounts": [ {{string.Join(", ", accounts)}} ] }"""));
    }

    /// <summary>A book with one account of the given type, leverage and USD cash.</summary>
    public static AccountBook SingleAccount(string type, decimal maxLeverage, decimal usd)
        => new(Catalog, ParseAccounts($$"""
            { "accounts": [ { "id": "main", "baseCurrency": "USD", "type": "{{type}}", "maxLeverage": {{maxLeverage}}, "initialCash": { "USD": {{usd}} } } ] }
            """));

    public static Price P(decimal value) => Price.FromDecimal(value);

    public static Quantity Q(decimal value) => Quantity.FromDecimal(value);

    public static Money M(decimal value) => Money.FromDecimal(value);

    /// <summary>The digest of one account's state.</summary>
    public static ulong AccountDigest(AccountBook book, AccountId account)
    {
        var builder = new Engine.Pipeline.StateDigestBuilder();
        book.AppendAccountDigest(account, builder);
        return builder.Digest;
    }
}
