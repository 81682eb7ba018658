using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// A venue's fees: maker and taker rates in basis points of the fill's notional, plus a per-share fee charged on stocks
/// only. All amounts are in the instrument's quote currency; negative means a rebate. The one place fees are computed, so
/// the router's expected fee is exactly what the simulated venue charges.
/// </summary>
/// <remarks>
/// <para><b>Rounding.</b> A fill's fee is computed exactly in 128 bits from the raw fixed-point values and rounded once,
/// half away from zero, to 10^-8 (the <see cref="FixedPoint"/> rule):
/// <c>fee = round(notional × bps / 10^4 + perShare × quantity)</c>, where <c>notional = round(price × quantity)</c> is the
/// fill's notional as <see cref="Price.Multiply"/> gives it (exact whenever tick × lot has at most 8 decimals, as for every
/// instrument of the catalogue). Each fill is rounded on its own, as a venue bills per execution.</para>
/// <para>Range: rates are bounded by the config reader to ±1000 bps, so notional (≤ 9.2e18 raw) × rate (≤ 1e11 raw) stays
/// far inside <see cref="Int128"/>; a fee outside the <see cref="Money"/> range throws <see cref="OverflowException"/>.</para>
/// </remarks>
public readonly record struct VenueFeeSchedule
{
    // notional_raw (×10^8) × bps_raw (×10^8) is fee × 10^4 (bps) × 10^16: dividing by 10^12 leaves fee × 10^8.
    private const long BpsProductDivisor = 1_000_000_000_000;

    // perShare_raw × quantity_raw is fee × 10^16: scaled by 10^4 it shares the divisor above, so one rounding covers both.
    private const long PerShareToBpsScale = 10_000;

    /// <summary>Creates a schedule from raw fixed-point rates.</summary>
    /// <param name="makerBps">Maker rate, basis points (negative: rebate).</param>
    /// <param name="takerBps">Taker rate, basis points.</param>
    /// <param name="perShare">Fee per share on stocks, quote currency per share (0 for none).</param>
    public VenueFeeSchedule(decimal makerBps, decimal takerBps, Price perShare)
    {
        MakerBpsRaw = FixedPoint.FromDecimal(makerBps);
        TakerBpsRaw = FixedPoint.FromDecimal(takerBps);
        PerShare = perShare;
    }

    /// <summary>Maker rate in basis points × 10^8 (fixed point).</summary>
    public long MakerBpsRaw { get; init; }

    /// <summary>Taker rate in basis points × 10^8 (fixed point).</summary>
    public long TakerBpsRaw { get; init; }

    /// <summary>Fee per share on stocks (quote currency); ignored for other asset classes.</summary>
    public Price PerShare { get; init; }

    /// <summary>The maker rate in basis points.</summary>
    public decimal MakerBps => FixedPoint.ToDecimal(MakerBpsRaw);

    /// <summary>The taker rate in basis points.</summary>
    public decimal TakerBps => FixedPoint.ToDecimal(TakerBpsRaw);

    /// <summary>The fee of one fill of <paramref name="quantity"/> at <paramref name="price"/> (rounded as documented above).</summary>
    /// <exception cref="OverflowException">The notional or the fee leaves the <see cref="Money"/> range.</exception>
    public Money Fee(Price price, Quantity quantity, Liquidity liquidity, AssetClass assetClass)
        => Fee(price.Multiply(quantity), quantity, liquidity, assetClass);

    /// <summary>The fee of one fill whose notional is <paramref name="notional"/> (see the remarks for rounding).</summary>
    /// <exception cref="OverflowException">The fee leaves the <see cref="Money"/> range.</exception>
    public Money Fee(Money notional, Quantity quantity, Liquidity liquidity, AssetClass assetClass)
    {
        long bps = liquidity == Liquidity.Maker ? MakerBpsRaw : TakerBpsRaw;
        Int128 numerator = (Int128)notional.Raw * bps;
        if (assetClass == AssetClass.Stock)
        {
            // Per-share fees are charged on the absolute share count whatever the side.
            numerator += (Int128)PerShare.Raw * Math.Abs(quantity.Raw) * PerShareToBpsScale;
        }

        return Money.FromRaw(FixedPoint.DivideRounded(numerator, BpsProductDivisor));
    }

    /// <summary>
    /// The taker fee per unit at <paramref name="price"/>, in price units (rounded to 10^-8): what the router adds to a buy
    /// price (subtracts from a sell price) to rank levels by effective price.
    /// </summary>
    public Price TakerFeePerUnit(Price price, AssetClass assetClass)
    {
        Int128 numerator = (Int128)price.Raw * TakerBpsRaw;
        if (assetClass == AssetClass.Stock)
        {
            numerator += (Int128)PerShare.Raw * FixedPoint.Scale * PerShareToBpsScale;
        }

        return Price.FromRaw(FixedPoint.DivideRounded(numerator, BpsProductDivisor));
    }
}
