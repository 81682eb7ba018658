namespace MultiAsset.Host.Control.Security;

/// <summary>Who sent a control request: the key's name, role and account scope.</summary>
/// <param name="Name">The key's name.</param>
/// <param name="Role">What it may do.</param>
/// <param name="Accounts">The accounts it may see and touch; null = all.</param>
public sealed record ControlCaller(string Name, ControlRole Role, IReadOnlySet<string>? Accounts)
{
    /// <summary>An unscoped admin (in-process callers and tests).</summary>
    public static ControlCaller Admin { get; } = new("admin", ControlRole.Admin, null);

    /// <summary>
    /// The id the journal records with each command this caller sends (<c>CommandData.Caller</c>): the key's 1-based
    /// position in <c>control.apiKeys</c>; 0 for in-process callers.
    /// </summary>
    public ushort Id { get; init; }

    /// <summary>True when the key is limited to some accounts.</summary>
    public bool Scoped => Accounts is not null;

    /// <summary>True when the caller may see and touch <paramref name="account"/>.</summary>
    public bool CanAccess(string account) => Accounts is null || Accounts.Contains(account);

    /// <summary>True when the caller's role includes <paramref name="role"/>.</summary>
    public bool Has(ControlRole role) => Role >= role;
}
