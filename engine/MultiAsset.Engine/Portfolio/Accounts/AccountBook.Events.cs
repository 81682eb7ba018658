using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>The per-event updates: fills, marks and order reservations. None allocates or throws.</summary>
public sealed partial class AccountBook
{
    /// <summary>
    /// Applies a fill to <paramref name="account"/>: the position and its cost basis, the quote-currency balance
    /// (−notional − fee), for currency pairs the base-currency balance (± quantity), realised P&amp;L on a reduction
    /// or flip, fees; then revalues the account.
    /// </summary>
    /// <param name="account">The account that traded.</param>
    /// <param name="instrument">A tradable instrument.</param>
    /// <param name="side">Buy or sell.</param>
    /// <param name="quantity">Filled quantity, positive (the side gives the sign).</param>
    /// <param name="price">Fill price, positive, in the instrument's quote currency.</param>
    /// <param name="fee">Fee charged, in the instrument's quote currency (negative for a rebate).</param>
    /// <param name="timestamp">Event time, nanoseconds since the Unix epoch (advances the account's day).</param>
    /// <returns><see cref="AccountUpdateResult.Applied"/>, or why the fill was refused (the book is then unchanged).</returns>
    public AccountUpdateResult ApplyFill(
        AccountId account, InstrumentId instrument, OrderSide side, Quantity quantity, Price price, Money fee, long timestamp)
        => ApplyFill(account, instrument, side, quantity, price, fee, timestamp, StrategyId.None);

    /// <summary>
    /// Applies a fill as <see cref="ApplyFill(AccountId, InstrumentId, OrderSide, Quantity, Price, Money, long)"/> and
    /// books it for <paramref name="strategy"/> (the order's strategy; <see cref="StrategyId.None"/> for an operator
    /// order): its position, realised P&amp;L and fee in the strategy's P&amp;L row (see AccountBook.Pnl).
    /// </summary>
    public AccountUpdateResult ApplyFill(
        AccountId account, InstrumentId instrument, OrderSide side, Quantity quantity, Price price, Money fee, long timestamp, StrategyId strategy)
    {
        var check = Validate(account, instrument, side, quantity, price);
        if (check != AccountUpdateResult.Applied)
        {
            FillsRejected++;
            return check;
        }

        int a = account.Value;
        int i = instrument.Value;
        EnsureValued(a); // the fill revalues what it moves on top of a current valuation, and is a valuation point
        int cell = (a * instrumentCount) + i;
        int quoteCell = (a * currencyCount) + quoteOf[i];
        int baseCell = (a * currencyCount) + baseOf[i];
        long q = side == OrderSide.Buy ? quantity.Raw : -quantity.Raw;

        // Compute everything first, commit after: a refused fill leaves no trace.
        long newBaseCash = 0;
        if (!FixedMath.TryMultiplyScaled(q, price.Raw, out long notional)
            || !PositionMath.TryApply(position[cell], basis[cell], q, notional, price.Raw, out long newPosition, out long newBasis, out long gain)
            || !FixedMath.TryNarrow((Int128)realised[cell] + gain - fee.Raw, out long newRealised)
            || !FixedMath.TryAdd(fees[cell], fee.Raw, out long newFees)
            || !FixedMath.TryNarrow((Int128)cash[quoteCell] - notional - fee.Raw, out long newQuoteCash)
            || (isPair[i] && !FixedMath.TryAdd(cash[baseCell], q, out newBaseCash))
            || !TryRowFill(RowOf(a, strategy.Value), i, q, notional, price.Raw, fee.Raw, out var rowFill))
        {
            FillsRejected++;
            return AccountUpdateResult.Overflow;
        }

        RollDay(a, DayOf(timestamp));
        CommitRowFill(RowOf(a, strategy.Value), i, in rowFill);

        // Only the traded position and the one or two balances it moved change value.
        RemovePosition(a, i);
        RemoveCash(a, quoteOf[i]);
        SetPosition(a, i, newPosition);
        basis[cell] = newBasis;
        realised[cell] = newRealised;
        fees[cell] = newFees;
        SetCash(a, quoteOf[i], newQuoteCash);
        AddPosition(a, i);
        AddCash(a, quoteOf[i]);
        if (isPair[i])
        {
            RemoveCash(a, baseOf[i]);
            SetCash(a, baseOf[i], newBaseCash);
            AddCash(a, baseOf[i]);
        }

        FillsApplied++;
        Refresh(a);
        Observe(a);
        return AccountUpdateResult.Applied;
    }

    /// <summary>
    /// Records the mid of <paramref name="instrument"/> (a mark, and an FX rate when the instrument prices a currency),
    /// advances every account's day to the mark's, and flags the accounts whose valuation uses it (they are revalued
    /// when next read: see the class remarks).
    /// </summary>
    /// <returns>False (and counted) when the instrument is unknown or the mid is not positive.</returns>
    public bool OnMark(InstrumentId instrument, Price mid, long timestamp)
    {
        int i = instrument.Value;
        if ((uint)i >= (uint)instrumentCount || mid.Raw <= 0)
        {
            MarksRejected++;
            return false;
        }

        // A mark before the end of the last mark's day cannot start a new day: one compare per mark, the division
        // (DayOf) only when the day may have changed.
        if (timestamp >= FirstNanosecondAfterDay(lastMarkDay))
        {
            long markDay = DayOf(timestamp);
            if (markDay > lastMarkDay)
            {
                lastMarkDay = markDay;
                for (int a = 0; a < accountCount; a++)
                {
                    RollDay(a, markDay);
                }
            }
        }

        MarksApplied++;
        if (hasMark[i] && marks[i] == mid.Raw)
        {
            return true; // nothing to revalue
        }

        marks[i] = mid.Raw;
        hasMark[i] = true;
        fx.OnMark(instrument, mid);
        var bits = dependentBits.AsSpan(i * accountWords, accountWords);
        for (int w = 0; w < bits.Length; w++)
        {
            dirty[w] |= bits[w];
        }

        if (startsPending)
        {
            ObserveUnstarted();
        }

        return true;
    }

    /// <summary>
    /// Reserves a working order's quantity and notional (quantity × <paramref name="price"/>, the limit or an estimate)
    /// so that the risk gate counts it in <see cref="OpenOrderExposure"/> and <see cref="BuyingPower"/> until it is
    /// released. Release with the same price to cancel the reservation exactly.
    /// </summary>
    public AccountUpdateResult ReserveOrder(AccountId account, InstrumentId instrument, OrderSide side, Quantity quantity, Price price)
    {
        var check = Validate(account, instrument, side, quantity, price);
        long notional = 0;
        if (check == AccountUpdateResult.Applied && !FixedMath.TryMultiplyScaled(quantity.Raw, price.Raw, out notional))
        {
            check = AccountUpdateResult.Overflow;
        }

        if (check != AccountUpdateResult.Applied)
        {
            ReservationsRejected++;
            return check;
        }

        int cell = (account.Value * instrumentCount) + instrument.Value;
        var (quantities, notionals) = side == OrderSide.Buy ? (openBuyQuantity, openBuyNotional) : (openSellQuantity, openSellNotional);
        if (!FixedMath.TryAdd(quantities[cell], quantity.Raw, out long newQuantity) || !FixedMath.TryAdd(notionals[cell], notional, out long newNotional))
        {
            ReservationsRejected++;
            return AccountUpdateResult.Overflow;
        }

        quantities[cell] = newQuantity;
        notionals[cell] = newNotional;
        return AccountUpdateResult.Applied;
    }

    /// <summary>
    /// Releases (part of) a reservation made by <see cref="ReserveOrder"/>: when the order fills, is cancelled or
    /// rejected. Releasing more than is reserved clears the reservation and counts a <see cref="ReservationMismatches"/>.
    /// </summary>
    public AccountUpdateResult ReleaseOrder(AccountId account, InstrumentId instrument, OrderSide side, Quantity quantity, Price price)
    {
        var check = Validate(account, instrument, side, quantity, price);
        long notional = 0;
        if (check == AccountUpdateResult.Applied && !FixedMath.TryMultiplyScaled(quantity.Raw, price.Raw, out notional))
        {
            check = AccountUpdateResult.Overflow;
        }

        if (check != AccountUpdateResult.Applied)
        {
            ReservationsRejected++;
            return check;
        }

        int cell = (account.Value * instrumentCount) + instrument.Value;
        var (quantities, notionals) = side == OrderSide.Buy ? (openBuyQuantity, openBuyNotional) : (openSellQuantity, openSellNotional);
        if (quantity.Raw > quantities[cell] || notional > notionals[cell])
        {
            ReservationMismatches++;
        }

        quantities[cell] = Math.Max(0, quantities[cell] - quantity.Raw);
        notionals[cell] = Math.Max(0, notionals[cell] - notional);
        return AccountUpdateResult.Applied;
    }

    private AccountUpdateResult Validate(AccountId account, InstrumentId instrument, OrderSide side, Quantity quantity, Price price)
    {
        if ((uint)account.Value >= (uint)accountCount)
        {
            return AccountUpdateResult.UnknownAccount;
        }

        if ((uint)instrument.Value >= (uint)instrumentCount)
        {
            return AccountUpdateResult.UnknownInstrument;
        }

        if (!tradable[instrument.Value])
        {
            return AccountUpdateResult.NotTradable;
        }

        if (side is not (OrderSide.Buy or OrderSide.Sell))
        {
            return AccountUpdateResult.InvalidSide;
        }

        if (quantity.Raw <= 0)
        {
            return AccountUpdateResult.InvalidQuantity;
        }

        return price.Raw <= 0 ? AccountUpdateResult.InvalidPrice : AccountUpdateResult.Applied;
    }

    // Starts a new day for one account: its last valuation becomes the day's opening equity. The first day seen keeps
    // the opening equity of the initial valuation.
    private void RollDay(int a, long newDay)
    {
        if (newDay <= day[a])
        {
            return;
        }

        bool first = day[a] == long.MinValue;
        day[a] = newDay;
        if (!first)
        {
            // The close of a day is a valuation point; its equity opens the next day.
            EnsureValued(a);
            Observe(a);
            dayStartEquity[a] = equity[a];
            hasDayStart[a] = fullyPriced[a];
            startsPending |= !hasDayStart[a];
        }
    }

    private void SetPosition(int a, int i, long value)
    {
        int cell = (a * instrumentCount) + i;
        long before = position[cell];
        position[cell] = value;
        if ((before == 0) != (value == 0))
        {
            int delta = value != 0 ? 1 : -1;
            AddDependent(i, a, delta);
            DependOnCurrency(a, quoteOf[i], delta);
        }
    }

    private void SetCash(int a, int c, long value)
    {
        int cell = (a * currencyCount) + c;
        long before = cash[cell];
        cash[cell] = value;
        if ((before == 0) != (value == 0))
        {
            DependOnCurrency(a, c, value != 0 ? 1 : -1);
        }
    }

    // A holding in a currency other than the base is converted through the currency's FX chain.
    private void DependOnCurrency(int a, int c, int delta)
    {
        if (c == baseCurrencyOf[a])
        {
            return;
        }

        foreach (int i in fx.ChainOf(new CurrencyId(c)))
        {
            AddDependent(i, a, delta);
        }
    }

    // Counts a holding of account a valued with instrument i's mark (delta +1) or one less (−1), keeping the bit.
    private void AddDependent(int i, int a, int delta)
    {
        int k = (i * accountCount) + a;
        dependents[k] += delta;
        ulong bit = 1UL << (a & 63);
        int word = (i * accountWords) + (a >> 6);
        dependentBits[word] = dependents[k] > 0 ? dependentBits[word] | bit : dependentBits[word] & ~bit;
    }
}
