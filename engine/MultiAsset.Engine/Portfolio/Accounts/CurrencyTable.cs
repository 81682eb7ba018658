using System.Diagnostics.CodeAnalysis;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// The currencies (and crypto-assets) the engine can hold, with dense ids: USD first (it is the pivot every FX
/// conversion goes through), then every base and quote currency of the instrument catalogue in order of first
/// appearance, then the USD-pegged stablecoins (<see cref="UsdPegged"/>) the catalogue does not already name.
/// Immutable and thread-safe once built.
/// </summary>
public sealed class CurrencyTable
{
    /// <summary>Code of the pivot currency (always id 0).</summary>
    public const string UsdCode = "USD";

    /// <summary>
    /// Stablecoins held at 1 USD when the catalogue has no pair that prices them (see <see cref="FxRates"/>); they
    /// are always known, so an account can start with USDT even when no USDT pair is traded.
    /// </summary>
    public static readonly IReadOnlyList<string> UsdPegged = ["USDT", "USDC"];

    private readonly string[] codes;
    private readonly Dictionary<string, CurrencyId> ids;

    /// <summary>Builds a table from codes in id order; codes must be unique and the first must be USD.</summary>
    /// <exception cref="ArgumentException">Empty list, USD not first, a blank or repeated code.</exception>
    public CurrencyTable(IReadOnlyList<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Count == 0 || codes[0] != UsdCode)
        {
            throw new ArgumentException("The first currency must be USD (the conversion pivot).", nameof(codes));
        }

        this.codes = [.. codes];
        ids = new Dictionary<string, CurrencyId>(codes.Count, StringComparer.Ordinal);
        for (int i = 0; i < this.codes.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(this.codes[i]) || !ids.TryAdd(this.codes[i], new CurrencyId(i)))
            {
                throw new ArgumentException($"Currency #{i} '{this.codes[i]}' is blank or repeated.", nameof(codes));
            }
        }
    }

    /// <summary>The table for <paramref name="catalog"/>: USD, the catalogue's currencies, then the pegged stablecoins.</summary>
    public static CurrencyTable FromCatalog(InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var ordered = new List<string> { UsdCode };
        var seen = new HashSet<string>(StringComparer.Ordinal) { UsdCode };
        foreach (var instrument in catalog.Instruments)
        {
            if (seen.Add(instrument.BaseCurrency))
            {
                ordered.Add(instrument.BaseCurrency);
            }

            if (seen.Add(instrument.QuoteCurrency))
            {
                ordered.Add(instrument.QuoteCurrency);
            }
        }

        foreach (var code in UsdPegged)
        {
            if (seen.Add(code))
            {
                ordered.Add(code);
            }
        }

        return new CurrencyTable(ordered);
    }

    /// <summary>Number of currencies (ids are 0..Count-1).</summary>
    public int Count => codes.Length;

    /// <summary>The id of USD (always 0).</summary>
    public static CurrencyId Usd => default;

    /// <summary>Currency codes by id.</summary>
    public IReadOnlyList<string> Codes => codes;

    /// <summary>The code of <paramref name="id"/> (e.g. "EUR").</summary>
    /// <exception cref="IndexOutOfRangeException">Not an id of this table.</exception>
    public string this[CurrencyId id] => codes[id.Value];

    /// <summary>Looks a currency up by code (exact, case-sensitive).</summary>
    public bool TryGet(string code, out CurrencyId id)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (ids.TryGetValue(code, out id))
        {
            return true;
        }

        id = CurrencyId.None;
        return false;
    }

    /// <summary>The id of <paramref name="code"/>.</summary>
    /// <exception cref="KeyNotFoundException">Not a currency of this table.</exception>
    public CurrencyId Of(string code)
        => TryGet(code, out var id) ? id : throw new KeyNotFoundException($"Unknown currency '{code}' (known: {string.Join(", ", codes)}).");

    /// <summary>Whether <paramref name="code"/> is one of <see cref="UsdPegged"/>.</summary>
    public static bool IsUsdPegged([NotNullWhen(true)] string? code) => code is not null && UsdPegged.Contains(code);
}
