using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// The accounts of <c>config/accounts.json</c> by dense id, with the key → <see cref="AccountId"/> lookup used at the
/// edges (strategy deployment, API requests). Immutable and thread-safe once built.
/// </summary>
public sealed class AccountsConfig
{
    /// <summary>The key of the account a strategy trades in when it names none.</summary>
    public const string DefaultAccountKey = "default";

    private readonly AccountDefinition[] accounts;
    private readonly Dictionary<string, AccountId> byKey;

    /// <summary>
    /// Builds the configuration. Ids must be 0..n-1 in order and keys unique; <see cref="AccountsConfigReader"/>
    /// checks this first and reports it with JSON paths, so here a violation is a programming error.
    /// </summary>
    /// <exception cref="ArgumentException">The rules above are broken, or a currency id is outside <paramref name="currencies"/>.</exception>
    public AccountsConfig(CurrencyTable currencies, IReadOnlyList<AccountDefinition> accounts)
    {
        ArgumentNullException.ThrowIfNull(currencies);
        ArgumentNullException.ThrowIfNull(accounts);
        Currencies = currencies;
        this.accounts = [.. accounts];
        byKey = new Dictionary<string, AccountId>(this.accounts.Length, StringComparer.Ordinal);
        for (int i = 0; i < this.accounts.Length; i++)
        {
            var account = this.accounts[i] ?? throw new ArgumentException($"Account #{i} is null.", nameof(accounts));
            if (account.Id.Value != i)
            {
                throw new ArgumentException($"Account '{account.Key}' at position {i} has id {account.Id.Value}; ids must be dense and in order.", nameof(accounts));
            }

            if (!byKey.TryAdd(account.Key, account.Id))
            {
                throw new ArgumentException($"Account key '{account.Key}' appears twice.", nameof(accounts));
            }

            if ((uint)account.BaseCurrency.Value >= (uint)currencies.Count
                || account.InitialCash.Any(c => (uint)c.Currency.Value >= (uint)currencies.Count))
            {
                throw new ArgumentException($"Account '{account.Key}' names a currency outside the currency table.", nameof(accounts));
            }

            if (account.MaxLeverageRaw <= 0)
            {
                throw new ArgumentException($"Account '{account.Key}' needs a positive maximum leverage.", nameof(accounts));
            }
        }
    }

    /// <summary>The currencies balances are kept in.</summary>
    public CurrencyTable Currencies { get; }

    /// <summary>Number of accounts (ids are 0..Count-1).</summary>
    public int Count => accounts.Length;

    /// <summary>Every account, by id.</summary>
    public IReadOnlyList<AccountDefinition> Accounts => accounts;

    /// <summary>The account with dense id <paramref name="id"/>.</summary>
    /// <exception cref="IndexOutOfRangeException">Not an id of this configuration.</exception>
    public AccountDefinition this[AccountId id] => accounts[id.Value];

    /// <summary>Looks an account up by its key (exact, case-sensitive).</summary>
    public bool TryGetId(string key, out AccountId id)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (byKey.TryGetValue(key, out id))
        {
            return true;
        }

        id = AccountId.None;
        return false;
    }

    /// <summary>The id of the account with key <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such account.</exception>
    public AccountId IdOf(string key)
        => TryGetId(key, out var id) ? id : throw new KeyNotFoundException($"Unknown account '{key}' (defined: {string.Join(", ", byKey.Keys)}).");
}
