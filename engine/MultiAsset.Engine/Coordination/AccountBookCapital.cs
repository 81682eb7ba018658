using MultiAsset.Engine.Model;
using MultiAsset.Engine.Portfolio.Accounts;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Account capital read from the account book (equity in the account's base currency), in place: exact when the
/// accounts stage runs on the same thread as coordination (the default fused layout).
/// </summary>
public sealed class AccountBookCapital(AccountBook book) : IAccountCapital
{
    /// <inheritdoc />
    public Money Equity(AccountId account) => book.Equity(account);
}
