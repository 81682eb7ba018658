using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Backtest.Trades;

/// <summary>
/// One fill as a backtest records it: what the venue reported, plus its notional and fee in the account's base
/// currency at the FX rates the book applied it with.
/// </summary>
/// <param name="TimestampNs">Fill time (the execution report's event time), ns since the Unix epoch UTC.</param>
/// <param name="Account">The account filled.</param>
/// <param name="Strategy">The strategy the fill was booked for.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Filled quantity (positive).</param>
/// <param name="Price">Fill price in the instrument's quote currency.</param>
/// <param name="Fee">Fee in the quote currency (negative = rebate).</param>
/// <param name="NotionalBase">|quantity × price| in the account's base currency.</param>
/// <param name="FeeBase">The fee in the account's base currency.</param>
/// <param name="OrderId">The child order's id (as the venue reported it).</param>
/// <param name="Venue">The venue's id.</param>
/// <param name="Liquidity">Maker or taker.</param>
public readonly record struct RecordedFill(
    long TimestampNs,
    AccountId Account,
    StrategyId Strategy,
    InstrumentId Instrument,
    OrderSide Side,
    Quantity Quantity,
    Price Price,
    Money Fee,
    Money NotionalBase,
    Money FeeBase,
    long OrderId,
    short Venue,
    Liquidity Liquidity)
{
    /// <summary>The signed quantity: positive for a buy, negative for a sell.</summary>
    public long SignedRaw => Side == OrderSide.Buy ? Quantity.Raw : -Quantity.Raw;
}
