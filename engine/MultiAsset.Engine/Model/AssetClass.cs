using System.Text.Json.Serialization;

namespace MultiAsset.Engine.Model;

/// <summary>
/// The asset classes the engine trades. In JSON and config they are spelled as in the product spec
/// ("STOCK", "FOREX", "CRYPTO"); see <see cref="AssetClassNames"/>.
/// </summary>
/// <remarks>
/// Values are explicit because they are written into journal records and state digests: reordering the
/// members must not change what an old journal means.
/// </remarks>
[JsonConverter(typeof(AssetClassJsonConverter))]
public enum AssetClass
{
    /// <summary>Exchange-traded equities ("STOCK"); trade in exchange sessions.</summary>
    Stock = 0,

    /// <summary>Spot foreign exchange ("FOREX"); trades 24/5.</summary>
    Forex = 1,

    /// <summary>Crypto-assets ("CRYPTO"); trade 24/7.</summary>
    Crypto = 2,
}
