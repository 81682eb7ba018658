using System.Text.Json;
using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Routing.Venues;

namespace MultiAsset.Host;

/// <summary>
/// The files that set up trading, named in <c>engine.json</c>: <c>"accounts": "accounts.json"</c>,
/// <c>"risk": "risk.json"</c>, <c>"coordination": "coordination.json"</c> and <c>"venues": "venues.json"</c>. Without them the engine has one USD paper account (<c>default</c>, 1 000 000, margin
/// 2×) and no risk limits beyond the order sanity checks.
/// </summary>
/// <param name="Accounts">The paper accounts (ids in file order).</param>
/// <param name="Risk">Risk limits resolved against the accounts and instruments.</param>
/// <param name="Coordination">Conflict rules, capital allocation and execution priorities (<c>"coordination": "coordination.json"</c>; defaults without).</param>
/// <param name="Venues">The simulated venues and routes (<c>"venues": "venues.json"</c>; required to trade).</param>
public sealed record TradingConfig(AccountsConfig Accounts, RiskConfig Risk, CoordinationConfig Coordination, VenueConfig? Venues)
{
    private const string DefaultAccounts = """
        { "accounts": [ { "id": "default", "name": "Default paper account", "baseCurrency": "USD", "type": "Margin", "maxLeverage": 2, "initialCash": { "USD": 1000000 } } ] }
        """;

    /// <summary>Reads the named files; every problem is recorded in <paramref name="reader"/>.</summary>
    public static TradingConfig? Read(JsonElement root, JsonSectionReader reader, ConfigFiles files, InstrumentCatalog? catalog)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(files);
        var accountsFile = reader.String(root, string.Empty, "accounts", required: false);
        var riskFile = reader.String(root, string.Empty, "risk", required: false);
        var coordinationFile = reader.String(root, string.Empty, "coordination", required: false);
        var venuesFile = reader.String(root, string.Empty, "venues", required: false);
        if (catalog is null)
        {
            return null;
        }

        try
        {
            var currencies = CurrencyTable.FromCatalog(catalog);
            var accounts = accountsFile is null
                ? AccountsConfigReader.Parse(DefaultAccounts, currencies, "built-in default account")
                : AccountsConfigReader.Parse(files.Read(accountsFile), currencies, files.Describe(accountsFile));
            var names = accounts.Accounts.Select(a => a.Key).ToList();
            var risk = riskFile is null
                ? RiskConfigReader.Parse("{}", "no risk limits", catalog, names)
                : RiskConfigReader.Parse(files.Read(riskFile), files.Describe(riskFile), catalog, names);
            var directory = new AccountDirectory(names);
            var coordination = coordinationFile is null
                ? CoordinationConfig.Default
                : CoordinationConfigReader.Parse(files.Read(coordinationFile), files.Describe(coordinationFile), directory);
            var venues = venuesFile is null ? null : VenueConfigReader.Parse(files.Read(venuesFile), files.Describe(venuesFile), catalog);
            return new TradingConfig(accounts, risk, coordination, venues);
        }
        catch (ConfigurationException e)
        {
            reader.Error("accounts/risk/coordination/venues", e.Message);
            return null;
        }
    }
}
