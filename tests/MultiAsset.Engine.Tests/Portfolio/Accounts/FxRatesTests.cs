using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Tests.Support;
using static MultiAsset.Engine.Tests.Portfolio.Accounts.AccountsTestData;

namespace MultiAsset.Engine.Tests.Portfolio.Accounts;

public class FxRatesTests
{
    [Fact]
    public void CurrencyTable_PutsUsdFirst_ThenCatalogueOrder_ThenPeggedStablecoins()
    {
        Assert.Equal(["USD", "JPY", "EUR", "BTC", "ETH", "USDT", "USDC"], Currencies.Codes);
        Assert.Equal(new CurrencyId(0), CurrencyTable.Usd);
        Assert.False(Currencies.TryGet("XYZ", out var none));
        Assert.Equal(CurrencyId.None, none);
    }

    [Fact]
    public void Sources_AreTheFewestHopPairs_InCatalogueOrder()
    {
        var rates = new FxRates(Catalog, Currencies);

        Assert.Equal(EurUsd, rates.SourceOf(Eur)); // not EURJPY
        Assert.Equal(UsdJpy, rates.SourceOf(Jpy));
        Assert.Equal(BtcUsd, rates.SourceOf(Btc));
        Assert.Equal(EthBtc, rates.SourceOf(Eth));
        Assert.Equal([EthBtc.Value, BtcUsd.Value], rates.ChainOf(Eth).ToArray());
        Assert.True(rates.IsPegged(Currencies.Of("USDT")));
        Assert.False(rates.IsRateSource(EurJpy));
        Assert.False(rates.IsRateSource(Aaa));
    }

    [Fact]
    public void Convert_TriangulatesThroughUsd_WithOneRoundingPerHop()
    {
        var rates = new FxRates(Catalog, Currencies);
        Assert.False(rates.TryConvert(M(100), Eur, Jpy, out _));

        rates.OnMark(EurUsd, P(1.08m));
        rates.OnMark(UsdJpy, P(151.5m));

        Assert.True(rates.TryConvert(M(100), Eur, Jpy, out var jpy));
        Assert.Equal(M(16_362), jpy); // 100 × 1.08 = 108 USD; × 151.5
        Assert.True(rates.TryConvert(M(1000), Jpy, Usd, out var usd));
        Assert.Equal(P(Math.Round(1000m / 151.5m, 8, MidpointRounding.AwayFromZero)).Raw, usd.Raw);
        Assert.True(rates.TryConvert(M(-1000), Jpy, Usd, out var negative));
        Assert.Equal(-usd.Raw, negative.Raw); // rounding is symmetric
        Assert.True(rates.TryConvert(M(7), Eur, Eur, out var same));
        Assert.Equal(M(7), same);
        Assert.True(rates.TryGetUsdRate(Jpy, out var perYen));
        Assert.Equal(P(0.00660066m), perYen);
    }

    [Fact]
    public void StablecoinWithAPair_IsPricedByThePair_NotPegged()
    {
        var catalog = InstrumentCatalogLoader.Parse(
            """
            { "calendars": { "X": { "type": "always" } },
              "instruments": [
                { "symbol": "BTCUSD", "assetClass": "CRYPTO", "baseCurrency": "BTC", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 0.001, "minNotional": 0, "sector": "D", "country": "Global", "calendar": "X" },
                { "symbol": "BTCUSDT", "assetClass": "CRYPTO", "baseCurrency": "BTC", "quoteCurrency": "USDT", "tickSize": 0.01, "lotSize": 0.001, "minNotional": 0, "sector": "D", "country": "Global", "calendar": "X" }
              ] }
            """,
            "t.json");
        var currencies = CurrencyTable.FromCatalog(catalog);
        var rates = new FxRates(catalog, currencies);
        var usdt = currencies.Of("USDT");
        Assert.False(rates.IsPegged(usdt));
        Assert.False(rates.HasRate(usdt));

        rates.OnMark(new InstrumentId(0), P(60_000));
        rates.OnMark(new InstrumentId(1), P(60_060));

        Assert.True(rates.TryGetUsdRate(usdt, out var rate));
        Assert.Equal(P(Math.Round(60_000m / 60_060m, 8, MidpointRounding.AwayFromZero)), rate);
        Assert.True(currencies.TryGet("USDC", out var usdc));
        Assert.True(rates.IsPegged(usdc));
    }

    [Fact]
    public void ShippedCatalogue_PricesEveryCurrencyOnceItsPairsAreMarked()
    {
        var catalog = RepoFiles.ShippedCatalog;
        var currencies = CurrencyTable.FromCatalog(catalog);
        var rates = new FxRates(catalog, currencies);
        foreach (var instrument in catalog.Tradable)
        {
            rates.OnMark(instrument.Id, P(1.5m));
        }

        foreach (var code in currencies.Codes)
        {
            Assert.True(rates.HasRate(currencies.Of(code)), code);
        }

        Assert.Equal("USDJPY", catalog[rates.SourceOf(currencies.Of("JPY"))].Symbol);
        Assert.True(rates.IsPegged(currencies.Of("USDT")));
    }
}
