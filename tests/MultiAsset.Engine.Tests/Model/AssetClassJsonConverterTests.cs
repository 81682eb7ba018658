using System.Text.Json;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Tests.Model;

public class AssetClassJsonConverterTests
{
    private sealed record Holder(AssetClass AssetClass, AssetClass[] AssetClasses);

    [Theory]
    [InlineData(AssetClass.Stock, "\"STOCK\"")]
    [InlineData(AssetClass.Forex, "\"FOREX\"")]
    [InlineData(AssetClass.Crypto, "\"CRYPTO\"")]
    public void Serialize_WritesSpecSpelling_WithoutAnyOptions(AssetClass value, string expectedJson)
    {
        // The converter is attached to the enum, so default options already use it.
        Assert.Equal(expectedJson, JsonSerializer.Serialize(value));
        Assert.Equal(value, JsonSerializer.Deserialize<AssetClass>(expectedJson));
    }

    [Fact]
    public void RoundTrip_InsideAnObject_PreservesValues()
    {
        var original = new Holder(AssetClass.Forex, [AssetClass.Crypto, AssetClass.Stock]);
        string json = JsonSerializer.Serialize(original);
        Assert.Equal("{\"AssetClass\":\"FOREX\",\"AssetClasses\":[\"CRYPTO\",\"STOCK\"]}", json);

        Holder? back = JsonSerializer.Deserialize<Holder>(json);
        Assert.NotNull(back);
        Assert.Equal(original.AssetClass, back.AssetClass);
        Assert.Equal(original.AssetClasses, back.AssetClasses);
    }

    [Fact]
    public void Deserialize_IgnoresCase_AndHandlesEscapes()
    {
        Assert.Equal([AssetClass.Crypto, AssetClass.Stock], JsonSerializer.Deserialize<AssetClass[]>("[\"crypto\",\"\\u0053TOCK\"]"));
    }

    [Fact]
    public void Deserialize_WhenUnknownName_ThrowsNamingValueAndAllowedOnes()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>("{\"AssetClass\":\"BONDS\",\"AssetClasses\":[]}"));
        Assert.Contains("'BONDS'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("STOCK, FOREX, CRYPTO", ex.Message, StringComparison.Ordinal);
        Assert.Equal("$.AssetClass", ex.Path);
    }

    [Theory]
    [InlineData("1", "Number")]
    [InlineData("null", "Null")]
    [InlineData("true", "True")]
    public void Deserialize_WhenNotAString_ThrowsNamingTokenAndAllowedOnes(string json, string tokenName)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AssetClass>(json));
        Assert.Contains(tokenName, ex.Message, StringComparison.Ordinal);
        Assert.Contains("STOCK, FOREX, CRYPTO", ex.Message, StringComparison.Ordinal);
    }
}
