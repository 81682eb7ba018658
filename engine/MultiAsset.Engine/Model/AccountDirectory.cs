namespace MultiAsset.Engine.Model;

/// <summary>
/// Account names (as strategy documents and API requests write them) and their dense <see cref="AccountId"/>s,
/// assigned in load order. Immutable after construction, so every stage and the control plane may share it.
/// </summary>
public sealed class AccountDirectory
{
    private readonly string[] names;
    private readonly Dictionary<string, AccountId> ids;

    /// <summary>Creates the directory; ids follow the order of <paramref name="names"/>.</summary>
    /// <exception cref="ArgumentException">A name is empty or repeated.</exception>
    public AccountDirectory(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        this.names = [.. names];
        ids = new Dictionary<string, AccountId>(StringComparer.Ordinal);
        for (var i = 0; i < this.names.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(this.names[i]) || !ids.TryAdd(this.names[i], new AccountId(i)))
            {
                throw new ArgumentException($"Account name '{this.names[i]}' is empty or repeated.", nameof(names));
            }
        }
    }

    /// <summary>Number of accounts.</summary>
    public int Count => names.Length;

    /// <summary>Names in id order.</summary>
    public IReadOnlyList<string> Names => names;

    /// <summary>The name of <paramref name="id"/>.</summary>
    public string NameOf(AccountId id) => names[id.Value];

    /// <summary>The id of the account named <paramref name="name"/>.</summary>
    public bool TryResolve(string name, out AccountId id)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ids.TryGetValue(name, out id))
        {
            return true;
        }

        id = AccountId.None;
        return false;
    }
}
