using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Values instrument quantities in an account's base currency the way the pre-trade gate does: the quote-currency
/// notional |q| × price rounded up to 10⁻⁸, converted at the live FX rate of <see cref="ICoordinationAccountView.TryToBase"/>.
/// Without a view (tests, benchmarks, runs without accounts) prices are taken to be in the base currency.
/// </summary>
internal sealed class Valuation(ICoordinationAccountView? view)
{
    // Quote amount converted to find the value of one unit: 10 000 units keeps the relative rounding of the
    // conversion (10⁻⁸ of a currency per hop) below 10⁻¹⁰ for any price above 10⁻².
    private const long UnitProbe = 10_000;

    /// <summary>Whether live marks and FX rates are available.</summary>
    public bool HasView => view is not null;

    /// <summary>The account view, when there is one.</summary>
    public ICoordinationAccountView? View => view;

    /// <summary>The latest mark of <paramref name="instrument"/> (raw), or 0 when unknown or there is no view.</summary>
    public long Mark(int instrument) => view is not null && view.TryMark(new InstrumentId(instrument), out var mark) ? mark.Raw : 0;

    /// <summary>
    /// The value in <paramref name="account"/>'s base currency of one unit of <paramref name="instrument"/> at
    /// <paramref name="priceRaw"/> (quote currency); NaN when there is no FX rate yet.
    /// </summary>
    public double UnitValue(int account, int instrument, long priceRaw)
    {
        if (priceRaw <= 0)
        {
            return double.NaN;
        }

        if (view is null)
        {
            return Price.FromRaw(priceRaw).ToDouble();
        }

        var probe = priceRaw <= long.MaxValue / UnitProbe ? UnitProbe : 1;
        if (!view.TryToBase(new AccountId(account), new InstrumentId(instrument), Money.FromRaw(priceRaw * probe), out var value) || value.Raw <= 0)
        {
            return double.NaN;
        }

        return value.ToDouble() / probe;
    }

    /// <summary>
    /// |<paramref name="quantityRaw"/>| × <paramref name="priceRaw"/> in the base currency, raw, exactly as the gate
    /// computes an order's notional (rounded up in the quote currency, then converted); <see cref="long.MaxValue"/> when
    /// it cannot be converted.
    /// </summary>
    public long NotionalBase(int account, int instrument, long quantityRaw, long priceRaw)
    {
        var quote = NotionalCeiling(quantityRaw, priceRaw);
        if (view is null)
        {
            return quote;
        }

        return quote != long.MaxValue && view.TryToBase(new AccountId(account), new InstrumentId(instrument), Money.FromRaw(quote), out var value) ? value.Raw : long.MaxValue;
    }

    /// <summary>|quantity| × price in raw money, rounded up, saturating (the gate's <c>RiskMath.NotionalCeiling</c>).</summary>
    public static long NotionalCeiling(long quantityRaw, long priceRaw)
    {
        var product = ((Int128)Math.Abs(quantityRaw) * priceRaw) + (FixedPoint.Scale - 1);
        var notional = product / FixedPoint.Scale;
        return notional > long.MaxValue ? long.MaxValue : (long)notional;
    }

    /// <summary>Quantity × price truncated, saturating (how the gate's view values working orders).</summary>
    public static long Product(long quantityRaw, long priceRaw)
    {
        var product = (Int128)quantityRaw * priceRaw / FixedPoint.Scale;
        return product > long.MaxValue ? long.MaxValue : (long)product;
    }
}
