namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// What the account book did with a fill or an order reservation. Anything but <see cref="Applied"/> left the book
/// unchanged (and is counted); the per-event methods report instead of throwing.
/// </summary>
public enum AccountUpdateResult : byte
{
    /// <summary>The update was applied.</summary>
    Applied = 0,

    /// <summary>The account id is not one of the book's accounts.</summary>
    UnknownAccount = 1,

    /// <summary>The instrument id is not one of the catalogue's instruments.</summary>
    UnknownInstrument = 2,

    /// <summary>The instrument is a reference series (index, rate …) and cannot be traded.</summary>
    NotTradable = 3,

    /// <summary>The side is neither buy nor sell.</summary>
    InvalidSide = 4,

    /// <summary>The quantity is zero or negative (the side gives the direction).</summary>
    InvalidQuantity = 5,

    /// <summary>The price is zero or negative.</summary>
    InvalidPrice = 6,

    /// <summary>A resulting position, cost basis, P&amp;L or balance would leave the fixed-point range.</summary>
    Overflow = 7,
}
