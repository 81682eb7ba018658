namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// Dense integer id of a currency or crypto-asset (index into per-currency arrays: cash balances, FX rates).
/// </summary>
/// <remarks>
/// Ids are assigned by <see cref="CurrencyTable"/> when it is built (USD is always 0), so hot-path code indexes
/// arrays instead of comparing currency codes. <c>default</c> is USD; use <see cref="None"/> (-1) for "no currency".
/// </remarks>
/// <param name="Value">The array index; negative means none.</param>
public readonly record struct CurrencyId(int Value)
{
    /// <summary>The absent id (-1).</summary>
    public static readonly CurrencyId None = new(-1);

    /// <summary>Whether this refers to a currency (<see cref="Value"/> ≥ 0).</summary>
    public bool IsValid => Value >= 0;
}
