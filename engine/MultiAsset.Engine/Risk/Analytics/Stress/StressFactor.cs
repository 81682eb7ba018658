using System.Text.Json.Serialization;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Risk.Analytics.Stress;

/// <summary>
/// A risk factor ("equity", "rates", "usd") and how instruments load on it: the beta of an instrument is its own entry in
/// <see cref="InstrumentBetas"/>, else its asset class's entry in <see cref="ClassBetas"/>, else 0. A factor shock x moves
/// an instrument's price by β·x (summed over factors; used only when no instrument or class shock applies).
/// </summary>
/// <param name="Name">Factor name as used in <see cref="StressShocks.Factors"/>.</param>
/// <param name="Description">What the factor's move means (units: a relative move, or for "rates" a yield change in decimals).</param>
/// <param name="InstrumentBetas">Betas by instrument symbol.</param>
/// <param name="ClassBetas">Betas by asset class (fallback for instruments without their own).</param>
public sealed record StressFactor(
    string Name,
    string Description,
    [property: JsonPropertyName("betas")] IReadOnlyDictionary<string, decimal> InstrumentBetas,
    [property: JsonIgnore] IReadOnlyDictionary<AssetClass, decimal> ClassBetas)
{
    /// <summary>The class betas keyed by the seed's spelling, as written in the file.</summary>
    [JsonPropertyName("assetClassBetas")]
    public IReadOnlyDictionary<string, decimal> ClassBetasBySeedName
        => ClassBetas.OrderBy(p => (int)p.Key).ToDictionary(p => AssetClassNames.ToSeedName(p.Key), p => p.Value, StringComparer.Ordinal);

    /// <summary>
    /// The factors known without a file: <c>equity</c> (every STOCK β = 1) and <c>crypto</c> (every CRYPTO β = 1). A file's
    /// factor of the same name replaces the default.
    /// </summary>
    public static IReadOnlyDictionary<string, StressFactor> Defaults { get; } = new Dictionary<string, StressFactor>(StringComparer.Ordinal)
    {
        ["equity"] = new("equity", "Broad equity market move; every STOCK has beta 1 unless the file says otherwise.", new Dictionary<string, decimal>(StringComparer.Ordinal), new Dictionary<AssetClass, decimal> { [AssetClass.Stock] = 1m }),
        ["crypto"] = new("crypto", "Broad crypto market move; every CRYPTO instrument has beta 1 unless the file says otherwise.", new Dictionary<string, decimal>(StringComparer.Ordinal), new Dictionary<AssetClass, decimal> { [AssetClass.Crypto] = 1m }),
    };

    /// <summary>The beta of an instrument: its own, else its class's, else 0.</summary>
    public decimal BetaOf(string symbol, AssetClass assetClass)
        => InstrumentBetas.TryGetValue(symbol, out var own) ? own : ClassBetas.TryGetValue(assetClass, out var cls) ? cls : 0m;
}
