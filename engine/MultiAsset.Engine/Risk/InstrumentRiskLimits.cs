using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// The resolved per-order and per-position limits of one instrument in one account. Notionals are in the account's base
/// currency; quantities in the instrument's units.
/// </summary>
public readonly record struct InstrumentRiskLimits
{
    /// <summary>Nothing limited.</summary>
    public static InstrumentRiskLimits Unlimited { get; } = new()
    {
        MaxOrderQuantity = RiskLimits.NoQuantityLimit,
        MaxOrderNotional = RiskLimits.NoMoneyLimit,
        PriceCollar = RiskRatio.Unlimited,
        PositionLimitQuantity = RiskLimits.NoQuantityLimit,
        PositionLimitNotional = RiskLimits.NoMoneyLimit,
    };

    /// <summary>Largest quantity of one order (<c>maxOrderQuantity</c>).</summary>
    public Quantity MaxOrderQuantity { get; init; }

    /// <summary>Largest notional of one order (<c>maxOrderNotional</c>).</summary>
    public Money MaxOrderNotional { get; init; }

    /// <summary>Furthest an order's price may be from the mid, as a fraction of the mid (<c>priceCollar</c>).</summary>
    public RiskRatio PriceCollar { get; init; }

    /// <summary>Largest absolute position, counting working orders on the same side (<c>positionLimit.quantity</c>).</summary>
    public Quantity PositionLimitQuantity { get; init; }

    /// <summary>Largest absolute position value, counting working orders on the same side (<c>positionLimit.notional</c>).</summary>
    public Money PositionLimitNotional { get; init; }
}
