using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Tests.Model;

public class AssetClassNamesTests
{
    [Theory]
    [InlineData(AssetClass.Stock, "STOCK")]
    [InlineData(AssetClass.Forex, "FOREX")]
    [InlineData(AssetClass.Crypto, "CRYPTO")]
    public void ToSeedName_UsesSpecSpelling(AssetClass assetClass, string expected) =>
        Assert.Equal(expected, AssetClassNames.ToSeedName(assetClass));

    [Fact]
    public void ToSeedName_WhenUndefined_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AssetClassNames.ToSeedName((AssetClass)7));

    [Theory]
    [InlineData("STOCK", AssetClass.Stock)]
    [InlineData("stock", AssetClass.Stock)]
    [InlineData("Forex", AssetClass.Forex)]
    [InlineData("cRyPtO", AssetClass.Crypto)]
    public void TryParse_IsCaseInsensitive(string text, AssetClass expected)
    {
        Assert.True(AssetClassNames.TryParse(text, out AssetClass parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" STOCK")]
    [InlineData("STOCKS")]
    [InlineData("FX")]
    [InlineData("0")]
    public void TryParse_WhenUnknown_ReturnsFalse(string text) =>
        Assert.False(AssetClassNames.TryParse(text, out _));

    [Fact]
    public void EnumValues_AreStable()
    {
        // Persisted in journal records: changing these breaks old journals.
        Assert.Equal(0, (int)AssetClass.Stock);
        Assert.Equal(1, (int)AssetClass.Forex);
        Assert.Equal(2, (int)AssetClass.Crypto);
    }
}
