using MultiAsset.Engine.Backtest.Metrics;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Backtest.Trades;

/// <summary>
/// Pairs fills into round trips, first in first out, per account, strategy and instrument: a fill that adds to the
/// position (or opens one) is an open lot; a fill against the position closes the oldest lots first, and each lot (or
/// the part of it closed) becomes one <see cref="RoundTrip"/>. A fill that crosses through zero closes everything
/// open and opens a new lot with the rest.
/// </summary>
/// <remarks>
/// Values are base-currency amounts at the FX rate of each fill. A lot's value and fee are split in proportion to the
/// quantity closed (rounded half away from zero), and the last part takes what is left, so the parts of a fill sum to
/// the fill exactly. P&amp;L = exit value − entry value for a long, entry − exit for a short; costs = the entry and exit
/// fees of the matched quantity. Fills must come in time order (they do: the engine books them in order).
/// </remarks>
public sealed class RoundTripBuilder
{
    private readonly Dictionary<(int Account, int Strategy, int Instrument), Queue<Lot>> open = [];
    private readonly List<RoundTrip> closed = [];

    /// <summary>The round trips closed so far, in the order they closed.</summary>
    public IReadOnlyList<RoundTrip> Closed => closed;

    /// <summary>Quantity (signed raw) still open per account, strategy and instrument.</summary>
    public long OpenQuantity(AccountId account, StrategyId strategy, InstrumentId instrument)
        => open.TryGetValue((account.Value, strategy.Value, instrument.Value), out var lots) ? lots.Sum(l => l.Quantity) : 0;

    /// <summary>Adds the next fill.</summary>
    public void Add(in RecordedFill fill)
    {
        var key = (fill.Account.Value, fill.Strategy.Value, fill.Instrument.Value);
        if (!open.TryGetValue(key, out var lots))
        {
            lots = new Queue<Lot>();
            open[key] = lots;
        }

        long remaining = fill.SignedRaw;
        long quantity = Math.Abs(remaining);
        long value = Math.Abs(fill.NotionalBase.Raw);
        long fee = fill.FeeBase.Raw;
        while (remaining != 0 && lots.Count > 0 && Math.Sign(lots.Peek().Quantity) != Math.Sign(remaining))
        {
            var lot = lots.Peek();
            long matched = Math.Min(Math.Abs(lot.Quantity), Math.Abs(remaining));
            // The parts taken from the lot and from the fill: proportional, the last part gets the remainder.
            long entryValue = Part(lot.Value, matched, Math.Abs(lot.Quantity));
            long entryFee = Part(lot.Fee, matched, Math.Abs(lot.Quantity));
            long exitValue = Part(value, matched, quantity);
            long exitFee = Part(fee, matched, quantity);
            long signed = lot.Quantity > 0 ? matched : -matched;
            long pnl = lot.Quantity > 0 ? exitValue - entryValue : entryValue - exitValue;
            closed.Add(new RoundTrip(
                fill.Account,
                fill.Strategy,
                new ClosedTrade(fill.Instrument, lot.Time, fill.TimestampNs, Quantity.FromRaw(signed), Money.FromRaw(entryValue), Money.FromRaw(exitValue), Money.FromRaw(pnl), Money.FromRaw(entryFee + exitFee)),
                lot.Price,
                fill.Price.ToDecimal()));
            if (matched == Math.Abs(lot.Quantity))
            {
                lots.Dequeue();
            }
            else
            {
                // Partly closed: the rest stays at the front with the rest of its value and fee.
                lot.Quantity += lot.Quantity > 0 ? -matched : matched;
                lot.Value -= entryValue;
                lot.Fee -= entryFee;
            }

            remaining += remaining > 0 ? -matched : matched;
            value -= exitValue;
            fee -= exitFee;
            quantity -= matched;
        }

        if (remaining != 0)
        {
            lots.Enqueue(new Lot { Quantity = remaining, Value = value, Fee = fee, Time = fill.TimestampNs, Price = fill.Price.ToDecimal() });
        }
    }

    /// <summary><paramref name="total"/> × <paramref name="part"/> / <paramref name="whole"/>, rounded half away from zero; all of it when part = whole.</summary>
    private static long Part(long total, long part, long whole)
    {
        if (part == whole)
        {
            return total;
        }

        var product = (Int128)total * part;
        var half = (Int128)whole / 2;
        return (long)((product >= 0 ? product + half : product - half) / whole);
    }

    /// <summary>An open lot: signed quantity, base-currency value and fee still open, opening time and price.</summary>
    private sealed class Lot
    {
        public long Quantity { get; set; }

        public long Value { get; set; }

        public long Fee { get; set; }

        public long Time { get; init; }

        public decimal Price { get; init; }
    }
}
