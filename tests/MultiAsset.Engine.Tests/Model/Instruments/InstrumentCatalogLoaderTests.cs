using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Model.Instruments;

public class InstrumentCatalogLoaderTests
{
    private const string Source = "config/instruments.json";

    private const string MinimalCalendars = """
        "calendars": {
          "NYSE": { "type": "exchange", "timeZone": "America/New_York", "open": "09:30", "close": "16:00" },
          "FX": { "type": "fx24x5" },
          "CRYPTO": { "type": "always" }
        }
        """;

    [Fact]
    public void Load_ShippedFile_HasAtLeast30TradableInstrumentsAcrossTheThreeClasses()
    {
        var catalog = InstrumentCatalogLoader.Load(RepoFiles.PathOf(InstrumentCatalogLoader.DefaultPath));

        Assert.True(catalog.Tradable.Count >= 30, $"only {catalog.Tradable.Count} tradable instruments");
        foreach (var assetClass in Enum.GetValues<AssetClass>())
        {
            Assert.True(catalog.Tradable.Count(i => i.AssetClass == assetClass) >= 5, $"too few {assetClass}");
        }

        string[] required =
        [
            "AAPL", "MSFT", "NVDA", "GOOGL", "AMZN", "META", "TSLA", "SPY", "QQQ", "XLK", "XLF", "XLE", "XLV", "TLT", "GLD",
            "EURUSD", "USDJPY", "GBPUSD", "USDCHF", "AUDUSD", "USDCAD", "NZDUSD", "EURJPY", "AUDJPY", "EURGBP",
            "BTCUSD", "ETHUSD", "SOLUSD", "XRPUSD", "ADAUSD",
        ];
        Assert.All(required, symbol => Assert.True(catalog.TryGet(symbol, out var i) && i.IsTradable, symbol));
    }

    [Fact]
    public void Load_ShippedFile_HasTheReferenceSeries()
    {
        var catalog = Calendars.Shipped;

        Assert.Equal(InstrumentKind.Index, Get(catalog, "NASDAQ").Kind);
        Assert.Equal(InstrumentKind.Index, Get(catalog, "SPX").Kind);
        Assert.Equal(InstrumentKind.Volatility, Get(catalog, "VIX").Kind);
        foreach (var currency in new[] { "USD", "EUR", "JPY", "GBP", "CHF", "AUD", "CAD", "NZD" })
        {
            var rate = Get(catalog, currency + "_RATE");
            Assert.Equal(InstrumentKind.InterestRate, rate.Kind);
            Assert.Equal(currency, rate.Currency);
            Assert.Equal(rate.Id, catalog.RateOf(currency));
            Assert.False(rate.IsTradable);
        }

        Assert.DoesNotContain(catalog.Tradable, i => i.Symbol is "NASDAQ" or "SPX" or "VIX" or "USD_RATE");
        Assert.Equal(8, catalog.OfKind(InstrumentKind.InterestRate).Count);
    }

    [Fact]
    public void Load_ShippedFile_HasConsistentFields()
    {
        var catalog = Calendars.Shipped;

        for (int i = 0; i < catalog.Count; i++)
        {
            var instrument = catalog[new InstrumentId(i)];
            Assert.Equal(i, instrument.Id.Value);
            Assert.True(instrument.TickSize > Price.Zero);
            Assert.True(instrument.LotSize > Quantity.Zero);
            Assert.False(string.IsNullOrWhiteSpace(instrument.Sector));
            Assert.False(string.IsNullOrWhiteSpace(instrument.Country));
            var expectedCalendar = instrument.Kind == InstrumentKind.Tradable
                ? instrument.AssetClass switch { AssetClass.Stock => "NYSE", AssetClass.Forex => "FX", _ => "CRYPTO" }
                : instrument.Calendar.Name;
            Assert.Equal(expectedCalendar, instrument.Calendar.Name);
        }

        Assert.Equal(Price.Parse("0.001"), Get(catalog, "USDJPY").TickSize);
        Assert.Equal(Price.Parse("0.00001"), Get(catalog, "EURUSD").TickSize);
        Assert.Equal(Quantity.Parse("1000"), Get(catalog, "EURUSD").LotSize);
        Assert.Equal(("EUR", "USD"), (Get(catalog, "EURUSD").BaseCurrency, Get(catalog, "EURUSD").QuoteCurrency));
        Assert.Equal(Quantity.Parse("0.00001"), Get(catalog, "BTCUSD").LotSize);
        Assert.Equal(("BTC", "Digital Assets", "Global"), (Get(catalog, "BTCUSD").BaseCurrency, Get(catalog, "BTCUSD").Sector, Get(catalog, "BTCUSD").Country));
        Assert.Equal(("USD", "USD", "Information Technology"), (Get(catalog, "AAPL").BaseCurrency, Get(catalog, "AAPL").QuoteCurrency, Get(catalog, "AAPL").Sector));
        Assert.Equal(Money.Parse("1000"), Get(catalog, "EURUSD").MinNotional);
    }

    [Fact]
    public void Load_ShippedFile_HasNyseHolidaysFor2025And2026()
    {
        var nyse = Calendars.Nyse;

        Assert.Equal(21, nyse.Holidays.Count);
        Assert.Contains(new DateOnly(2025, 4, 18), nyse.Holidays); // Good Friday 2025
        Assert.Contains(new DateOnly(2026, 11, 26), nyse.Holidays); // Thanksgiving 2026
        Assert.Equal(new TimeOnly(13, 0), nyse.EarlyCloses[new DateOnly(2025, 7, 3)]);
        Assert.Equal("America/New_York", nyse.TimeZone.Id);
    }

    [Fact]
    public void Parse_OptionalFields_TakeTheirDefaults()
    {
        var catalog = InstrumentCatalogLoader.Parse($$"""
            { {{MinimalCalendars}},
              "instruments": [
                { "symbol": "SPX", "assetClass": "STOCK", "kind": "index", "quoteCurrency": "USD", "tickSize": "0.01",
                  "sector": "Broad Market", "country": "US", "calendar": "NYSE" }
              ] }
            """, Source);

        var spx = catalog[new InstrumentId(0)];
        Assert.Equal(("SPX", "USD", InstrumentKind.Index), (spx.Name, spx.BaseCurrency, spx.Kind));
        Assert.Equal(Quantity.Parse("1"), spx.LotSize);
        Assert.Equal(Money.Zero, spx.MinNotional);
        Assert.Null(spx.Currency);
        Assert.Equal(InstrumentId.None, catalog.RateOf("USD"));
        var nyse = Assert.IsType<ExchangeCalendar>(catalog.Calendars["NYSE"]);
        Assert.True(nyse.TradesOn(DayOfWeek.Friday) && !nyse.TradesOn(DayOfWeek.Saturday));
    }

    [Fact]
    public void Parse_WhenEverythingIsWrong_ReportsEveryErrorWithItsPath()
    {
        var ex = Assert.Throws<ConfigurationException>(() => InstrumentCatalogLoader.Parse("""
            {
              "version": 1,
              "calendars": {
                "NYSE": { "type": "exchange", "timeZone": "America/New_Yrok", "open": "09:30", "close": "16:00",
                          "holidays": ["2026-01-03", "2026-13-01", "2026-01-19", "2026-01-19"],
                          "earlyCloses": { "2026-11-27": "17:00", "2026-01-19": "13:00", "tomorrow": "13:00" }, "colour": "red" },
                "BAD": { "type": "weekly" },
                "LATE": { "type": "exchange", "timeZone": "Europe/London", "open": "16:00", "close": "08:00" },
                "ODD": { "type": "exchange", "timeZone": "UTC", "open": "9:30am", "close": "16:00", "tradingDays": [] },
                "FX": { "type": "fx24x5", "timeZone": "Europe/London" }
              },
              "instruments": [
                { "symbol": "AAPL", "assetClass": "STOCK", "quoteCurrency": "USD", "tickSize": 0, "lotSize": -1, "minNotional": 1,
                  "sector": "Information Technology", "country": "US", "calendar": "NYSE", "ticksize": 1 },
                { "symbol": "AAPL", "assetClass": "BOND", "quoteCurrency": "usd", "tickSize": 0.01, "lotSize": 1, "minNotional": 1,
                  "sector": "Information Technology", "country": "USA", "calendar": "NASDAQ" },
                { "symbol": "EURUSD", "assetClass": "FOREX", "kind": "tradeable", "quoteCurrency": "USD", "tickSize": "0.000000001",
                  "lotSize": 1000, "minNotional": 1000, "sector": "Currency", "country": "EU", "calendar": "CRYPTO" },
                { "symbol": "USD_RATE", "assetClass": "FOREX", "kind": "interestRate", "currency": "USD", "quoteCurrency": "USD",
                  "tickSize": 0.0001, "sector": "Interest Rates", "country": "US", "calendar": "BAD" },
                { "symbol": "VIX", "assetClass": "STOCK", "kind": "volatility", "currency": "USD", "quoteCurrency": "USD",
                  "tickSize": 0.01, "sector": "Volatility", "country": "US", "calendar": "BAD" },
                { "assetClass": "CRYPTO", "baseCurrency": "BTC", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 0.00001,
                  "sector": "Digital Assets", "country": "Global", "calendar": "BAD" },
                { "symbol": "FED_FUNDS", "assetClass": "FOREX", "kind": "interestRate", "currency": "USD", "quoteCurrency": "USD",
                  "tickSize": 0.0001, "sector": "Interest Rates", "country": "US", "calendar": "BAD" },
                { "symbol": "XXX_RATE", "assetClass": "FOREX", "kind": "interestRate", "quoteCurrency": "USD",
                  "tickSize": 0.0001, "sector": "Interest Rates", "country": "US", "calendar": "BAD" },
                { "symbol": "USDUSD", "assetClass": "FOREX", "baseCurrency": "USD", "quoteCurrency": "USD", "tickSize": 0.00001,
                  "lotSize": 1000, "minNotional": -5, "sector": "Currency", "country": "US", "calendar": "BAD" },
                "GBPUSD"
              ]
            }
            """, Source));

        string[] expected =
        [
            "version: unknown field (expected one of: calendars, instruments)",
            "calendars.NYSE.colour: unknown field (expected one of: type, timeZone, open, close, tradingDays, holidays, earlyCloses)",
            "calendars.NYSE.timeZone: unknown time zone 'America/New_Yrok' (use an IANA id such as America/New_York; is the tz database installed?)",
            "calendars.NYSE.holidays[0]: 2026-01-03 is a Saturday, not a trading weekday (a typo?)",
            "calendars.NYSE.holidays[1]: expected a date \"yyyy-MM-dd\" but found \"2026-13-01\"",
            "calendars.NYSE.holidays[3]: 2026-01-19 is listed twice",
            "calendars.NYSE.earlyCloses.2026-11-27: early close 17:00 must be after the open 09:30 and before the normal close 16:00",
            "calendars.NYSE.earlyCloses.2026-01-19: 2026-01-19 has no session (holiday or non-trading weekday), so it cannot close early",
            "calendars.NYSE.earlyCloses.tomorrow: 'tomorrow' is not a date (expected yyyy-MM-dd)",
            "calendars.BAD.type: unknown value 'weekly' (expected one of: Exchange, Fx24x5, Always)",
            "calendars.LATE.close: close 08:00 must be after open 16:00 (sessions cannot span midnight)",
            "calendars.ODD.open: expected a local time \"HH:mm\" (24-hour) but found \"9:30am\"",
            "calendars.ODD.tradingDays: at least one trading weekday is required",
            "calendars.FX.timeZone: unknown field (expected one of: type)",
            "instruments[0].ticksize: unknown field (expected one of: symbol, name, assetClass, kind, baseCurrency, quoteCurrency, tickSize, lotSize, minNotional, sector, country, calendar, currency)",
            "instruments[0].tickSize: 0 must be positive",
            "instruments[0].lotSize: -1 must be positive",
            "instruments[1].symbol: duplicate symbol 'AAPL' (first defined at instruments[0])",
            "instruments[1].assetClass: unknown asset class 'BOND' (expected one of: STOCK, FOREX, CRYPTO)",
            "instruments[1].quoteCurrency: 'usd' is not a currency code (3 to 5 upper-case letters, e.g. USD, JPY, BTC, USDT)",
            "instruments[1].country: 'USA' is not a two-letter upper-case country code (e.g. US, JP, EU) or \"Global\"",
            "instruments[1].calendar: unknown calendar 'NASDAQ' (defined: BAD, FX, LATE, NYSE, ODD)",
            "instruments[2].kind: unknown value 'tradeable' (expected one of: Tradable, Index, Volatility, InterestRate, Sentiment)",
            "instruments[2].baseCurrency: required field is missing",
            "instruments[2].tickSize: expected a decimal number with at most 8 decimals (e.g. 0.01) but found \"0.000000001\"",
            "instruments[2].calendar: unknown calendar 'CRYPTO' (defined: BAD, FX, LATE, NYSE, ODD)",
            "instruments[4].currency: only interestRate series name the currency of their rate (set \"kind\": \"interestRate\" or remove the field)",
            "instruments[5].symbol: required field is missing",
            "instruments[5].minNotional: required field is missing",
            "instruments[6].currency: USD already has a policy-rate series (at instruments[3])",
            "instruments[7].currency: required field is missing",
            "instruments[8].baseCurrency: an FX pair needs two different currencies but base and quote are both USD",
            "instruments[8].minNotional: -5 must be zero or positive",
            "instruments[9]: expected an object but found the string \"GBPUSD\"",
        ];
        Assert.Equal(expected.Select(e => $"{Source}: {e}"), ex.Errors);
    }

    [Fact]
    public void Parse_WhenJsonIsMalformed_NamesTheSource()
    {
        var ex = Assert.Throws<ConfigurationException>(() => InstrumentCatalogLoader.Parse("{ \"calendars\": ", Source));

        Assert.StartsWith($"{Source}: invalid JSON:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenSectionsMissing_ReportsBoth()
    {
        var ex = Assert.Throws<ConfigurationException>(() => InstrumentCatalogLoader.Parse("{}", Source));

        Assert.Equal(
            [$"{Source}: calendars: required field is missing", $"{Source}: instruments: required field is missing"],
            ex.Errors);
    }

    [Fact]
    public void Parse_WhenNoInstruments_ReportsIt()
    {
        var ex = Assert.Throws<ConfigurationException>(() =>
            InstrumentCatalogLoader.Parse($$"""{ {{MinimalCalendars}}, "instruments": [] }""", Source));

        Assert.Equal($"{Source}: instruments: at least one instrument is required", Assert.Single(ex.Errors));
    }

    [Fact]
    public void Load_WhenFileMissing_ThrowsConfigurationException()
    {
        var ex = Assert.Throws<ConfigurationException>(() => InstrumentCatalogLoader.Load("/nonexistent/instruments.json"));

        Assert.StartsWith("/nonexistent/instruments.json: cannot read the instrument catalogue:", ex.Message, StringComparison.Ordinal);
    }

    private static Instrument Get(InstrumentCatalog catalog, string symbol) =>
        catalog.TryGet(symbol, out var instrument) ? instrument : throw new Xunit.Sdk.XunitException($"{symbol} missing");
}
