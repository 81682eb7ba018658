using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Constant capital per account: for tests, benchmarks and runs without an account book (no <c>accounts.json</c>).
/// </summary>
public sealed class FixedAccountCapital : IAccountCapital
{
    private readonly Money[] equity;
    private readonly Money fallback;

    /// <summary>Every account has <paramref name="equity"/>.</summary>
    public FixedAccountCapital(Money equity)
    {
        this.equity = [];
        fallback = equity;
    }

    /// <summary>Account <c>i</c> has <paramref name="perAccount"/>[i]; accounts beyond the list have <paramref name="fallback"/>.</summary>
    public FixedAccountCapital(IReadOnlyList<Money> perAccount, Money fallback)
    {
        ArgumentNullException.ThrowIfNull(perAccount);
        equity = [.. perAccount];
        this.fallback = fallback;
    }

    /// <inheritdoc />
    public Money Equity(AccountId account) => (uint)account.Value < (uint)equity.Length ? equity[account.Value] : fallback;
}
