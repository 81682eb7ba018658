using System.Globalization;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Compliance;

/// <summary>
/// The names reports print for the engine's dense ids: instruments (and their class and quote currency) from the
/// catalogue, accounts and venues in configuration order, API keys by caller id (1-based). An id without a name prints
/// as <c>#id</c>; none (−1) as an empty field.
/// </summary>
public sealed class ReportNames(InstrumentCatalog catalog, IReadOnlyList<string> accounts, IReadOnlyList<string> venues, IReadOnlyList<string>? callers = null)
{
    /// <summary>The instrument catalogue.</summary>
    public InstrumentCatalog Catalog { get; } = catalog;

    /// <summary>Account names by id.</summary>
    public IReadOnlyList<string> Accounts { get; } = accounts;

    /// <summary>Venue names by id.</summary>
    public IReadOnlyList<string> Venues { get; } = venues;

    /// <summary>Instrument by id, or null when unknown.</summary>
    public Instrument? InstrumentOf(int id) => (uint)id < (uint)Catalog.Count ? Catalog.Instruments[id] : null;

    /// <summary>The instrument's symbol.</summary>
    public string Symbol(int id) => id < 0 ? string.Empty : InstrumentOf(id)?.Symbol ?? Unknown(id);

    /// <summary>The instrument's asset class in the seed's spelling (STOCK, FOREX, CRYPTO).</summary>
    public string AssetClass(int id) => InstrumentOf(id) is { } i ? AssetClassNames.ToSeedName(i.AssetClass) : string.Empty;

    /// <summary>The currency the instrument is priced in.</summary>
    public string Currency(int id) => InstrumentOf(id)?.QuoteCurrency ?? string.Empty;

    /// <summary>The account's name.</summary>
    public string Account(int id) => Name(Accounts, id);

    /// <summary>The id of the account named <paramref name="name"/>, or −1 when there is none.</summary>
    public int AccountId(string name)
    {
        for (var i = 0; i < Accounts.Count; i++)
        {
            if (string.Equals(Accounts[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The venue's name.</summary>
    public string Venue(int id) => Name(Venues, id);

    /// <summary>The API key's name for a caller id (0 = the engine itself: empty).</summary>
    public string Caller(int id) => id <= 0 ? string.Empty : callers is not null && id - 1 < callers.Count ? callers[id - 1] : Unknown(id);

    private static string Name(IReadOnlyList<string> names, int id) => id < 0 ? string.Empty : id < names.Count ? names[id] : Unknown(id);

    private static string Unknown(int id) => "#" + id.ToString(CultureInfo.InvariantCulture);
}
