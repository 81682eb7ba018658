namespace MultiAsset.Engine.Journal.Audit;

/// <summary>What <see cref="AuditRecord.Value"/> and <see cref="AuditRecord.Limit"/> of a record hold. Written to disk: never renumber.</summary>
public enum AuditValueUnit : byte
{
    /// <summary>Nothing compared (both zero).</summary>
    None = 0,

    /// <summary>A quantity (fixed point, <see cref="Model.Quantity.Scale"/>).</summary>
    Quantity = 1,

    /// <summary>Money in the account's base currency (fixed point, <see cref="Model.Money.Scale"/>).</summary>
    Money = 2,

    /// <summary>A price distance: value = |order price − mid|, limit = the collar's allowed distance (fixed point).</summary>
    Price = 3,

    /// <summary>A fee in the instrument's quote currency (fills): value = the fee, limit unused.</summary>
    Fee = 4,
}
