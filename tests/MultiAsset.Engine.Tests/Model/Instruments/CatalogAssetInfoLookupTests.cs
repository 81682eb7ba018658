using MultiAsset.Engine.Portfolio.Optimization;

namespace MultiAsset.Engine.Tests.Model.Instruments;

public class CatalogAssetInfoLookupTests
{
    private readonly CatalogAssetInfoLookup lookup = new(Calendars.Shipped);

    [Theory]
    [InlineData("AAPL", "STOCK", "Information Technology", "US")]
    [InlineData("XLE", "STOCK", "Energy", "US")]
    [InlineData("EURUSD", "FOREX", "Currency", "EU")]
    [InlineData("USDJPY", "FOREX", "Currency", "US")]
    [InlineData("BTCUSD", "CRYPTO", "Digital Assets", "Global")]
    public void TryGet_KnownSymbol_ReturnsClassSectorAndCountry(string symbol, string assetClass, string sector, string country)
    {
        Assert.True(lookup.TryGet(symbol, out var info));
        Assert.Equal(new AssetInfo(assetClass, sector, country), info);
    }

    [Fact]
    public void TryGet_UnknownSymbol_ReturnsFalse()
    {
        Assert.False(lookup.TryGet("UNKNOWN", out var info));
        Assert.Null(info);
    }

    [Fact]
    public void TryGet_ReturnsTheSameInstanceEachTime()
    {
        Assert.True(lookup.TryGet("MSFT", out var first));
        Assert.True(lookup.TryGet("MSFT", out var second));
        Assert.Same(first, second);
    }
}
