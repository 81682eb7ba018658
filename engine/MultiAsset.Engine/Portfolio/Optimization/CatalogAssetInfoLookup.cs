using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Portfolio.Optimization;

/// <summary>
/// Answers the optimiser's sector, country and asset-class questions from the instrument catalogue
/// (<c>config/instruments.json</c>), for symbols a request does not describe itself.
/// </summary>
public sealed class CatalogAssetInfoLookup : IAssetInfoLookup
{
    private readonly InstrumentCatalog catalog;

    // One AssetInfo per instrument, built once: lookups then return a shared immutable record instead of allocating.
    private readonly AssetInfo[] infos;

    /// <summary>Creates the lookup over <paramref name="catalog"/>.</summary>
    public CatalogAssetInfoLookup(InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        this.catalog = catalog;
        infos = new AssetInfo[catalog.Count];
        for (int i = 0; i < infos.Length; i++)
        {
            var instrument = catalog[new InstrumentId(i)];
            infos[i] = new AssetInfo(AssetClassNames.ToSeedName(instrument.AssetClass), instrument.Sector, instrument.Country);
        }
    }

    /// <inheritdoc/>
    public bool TryGet(string symbol, out AssetInfo? info)
    {
        if (symbol is not null && catalog.TryResolve(symbol, out var id))
        {
            info = infos[id.Value];
            return true;
        }

        info = null;
        return false;
    }
}
