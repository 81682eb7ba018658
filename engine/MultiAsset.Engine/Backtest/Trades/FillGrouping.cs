using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Backtest.Trades;

/// <summary>
/// Merges the fills one strategy got in one instrument, on one side, at one instant (the router splits an order into
/// child orders over venues and price levels) into one, so a round trip is "this order opened, that order closed"
/// rather than one row per child fill.
/// </summary>
/// <remarks>
/// Only consecutive fills of the same order, time and side merge: quantities, notionals and fees add up exactly; the
/// price is the quantity-weighted average, rounded half away from zero to the 8-decimal fixed point (the notionals,
/// not the average, carry the money). The child order id, venue and liquidity are the first fill's.
/// </remarks>
public static class FillGrouping
{
    /// <summary>The fills with each order's same-instant fills merged, in the original order.</summary>
    public static List<RecordedFill> ByInstant(IReadOnlyList<RecordedFill> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        var merged = new List<RecordedFill>(fills.Count);
        var i = 0;
        while (i < fills.Count)
        {
            var first = fills[i];
            var quantity = first.Quantity.Raw;
            var fee = first.Fee;
            var notionalBase = first.NotionalBase;
            var feeBase = first.FeeBase;
            var local = (decimal)first.Quantity.Raw * first.Price.Raw;
            var j = i + 1;
            while (j < fills.Count && fills[j].Strategy == first.Strategy && fills[j].TimestampNs == first.TimestampNs && fills[j].Side == first.Side
                && fills[j].Account == first.Account && fills[j].Instrument == first.Instrument)
            {
                var next = fills[j];
                quantity = checked(quantity + next.Quantity.Raw);
                fee += next.Fee;
                notionalBase += next.NotionalBase;
                feeBase += next.FeeBase;
                local += (decimal)next.Quantity.Raw * next.Price.Raw;
                j++;
            }

            merged.Add(j == i + 1 ? first : first with
            {
                Quantity = Quantity.FromRaw(quantity),
                Price = Price.FromRaw((long)Math.Round(local / quantity, MidpointRounding.AwayFromZero)),
                Fee = fee,
                NotionalBase = notionalBase,
                FeeBase = feeBase,
            });
            i = j;
        }

        return merged;
    }
}
