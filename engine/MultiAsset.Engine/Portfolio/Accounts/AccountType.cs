namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>How an account may use leverage; spelled "Cash" or "Margin" in <c>config/accounts.json</c>.</summary>
/// <remarks>Values are explicit because they go into state digests: never renumber.</remarks>
public enum AccountType
{
    /// <summary>No leverage: positions are paid in full (maximum leverage 1). The risk gate also refuses shorts.</summary>
    Cash = 0,

    /// <summary>Positions may be levered up to the account's maximum leverage, and shorted.</summary>
    Margin = 1,
}
