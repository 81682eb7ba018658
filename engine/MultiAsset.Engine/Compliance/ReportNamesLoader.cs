using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Routing.Venues;

namespace MultiAsset.Engine.Compliance;

/// <summary>
/// Builds <see cref="ReportNames"/> from a configuration folder (<c>instruments.json</c>, <c>accounts.json</c>,
/// <c>venues.json</c>) for reports read offline; accounts and venues take the ids the engine gives them (file order).
/// </summary>
public static class ReportNamesLoader
{
    /// <summary>Loads the names from <paramref name="configDirectory"/>; a missing accounts or venues file leaves those as ids.</summary>
    /// <exception cref="FileNotFoundException">No <c>instruments.json</c> in the folder.</exception>
    public static ReportNames Load(string configDirectory, IReadOnlyList<string>? callers = null)
    {
        var instruments = Path.Combine(configDirectory, "instruments.json");
        if (!File.Exists(instruments))
        {
            throw new FileNotFoundException($"no instruments.json in {configDirectory} (give the configuration folder the engine ran with)", instruments);
        }

        var catalog = InstrumentCatalogLoader.Load(instruments);
        var accountsFile = Path.Combine(configDirectory, "accounts.json");
        var venuesFile = Path.Combine(configDirectory, "venues.json");
        IReadOnlyList<string> accounts = File.Exists(accountsFile)
            ? [.. AccountsConfigReader.Load(accountsFile, CurrencyTable.FromCatalog(catalog)).Accounts.Select(a => a.Key)]
            : [];
        IReadOnlyList<string> venues = File.Exists(venuesFile) ? [.. VenueConfigReader.Load(venuesFile, catalog).Venues.Select(v => v.Name)] : [];
        return new ReportNames(catalog, accounts, venues, callers);
    }
}
