namespace MultiAsset.Engine.Model;

/// <summary>
/// Conversions between <see cref="AssetClass"/> and the product spec's spelling ("STOCK", "FOREX", "CRYPTO").
/// </summary>
public static class AssetClassNames
{
    /// <summary>The spec spelling of <see cref="AssetClass.Stock"/>.</summary>
    public const string Stock = "STOCK";

    /// <summary>The spec spelling of <see cref="AssetClass.Forex"/>.</summary>
    public const string Forex = "FOREX";

    /// <summary>The spec spelling of <see cref="AssetClass.Crypto"/>.</summary>
    public const string Crypto = "CRYPTO";

    /// <summary>The accepted spellings, for error messages.</summary>
    public const string AllowedValues = "STOCK, FOREX, CRYPTO";

    /// <summary>The spec spelling of <paramref name="assetClass"/> (an interned constant: no allocation).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="AssetClass"/>.</exception>
    public static string ToSeedName(AssetClass assetClass) => assetClass switch
    {
        AssetClass.Stock => Stock,
        AssetClass.Forex => Forex,
        AssetClass.Crypto => Crypto,
        _ => throw new ArgumentOutOfRangeException(nameof(assetClass), assetClass, "Unknown asset class."),
    };

    /// <summary>
    /// Parses a spec spelling, ignoring case ("crypto" and "Crypto" are accepted, since hand-written strategy
    /// JSON is not consistent about it). Surrounding whitespace is not accepted.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out AssetClass assetClass)
    {
        if (text.Equals(Stock, StringComparison.OrdinalIgnoreCase))
        {
            assetClass = AssetClass.Stock;
            return true;
        }

        if (text.Equals(Forex, StringComparison.OrdinalIgnoreCase))
        {
            assetClass = AssetClass.Forex;
            return true;
        }

        if (text.Equals(Crypto, StringComparison.OrdinalIgnoreCase))
        {
            assetClass = AssetClass.Crypto;
            return true;
        }

        assetClass = default;
        return false;
    }
}
