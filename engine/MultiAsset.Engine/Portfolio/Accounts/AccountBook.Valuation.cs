using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// The cached per-account valuation in the base currency: every holding (a non-zero balance, an open position) has a
/// cached base-currency value, and the account's totals are exact 128-bit sums of those values. A mark flags the
/// accounts that depend on it; the first read of a flagged account recomputes its holdings at the current marks and
/// rates (<see cref="RevalueAll"/>), a fill takes the holdings it moves out of the totals, revalues them and puts them
/// back — so the totals always equal what a full recomputation at the current marks gives (integer sums do not depend
/// on order), whenever it is done.
/// </summary>
/// <remarks>
/// Equity = Σ balances at FX rates + Σ stock positions × mark (currency-pair positions are already in the balances).
/// Exposure = Σ |position × mark| over all positions, also by asset class. A position without a mark is taken at its
/// cost basis. A holding that cannot be converted (no FX rate yet) is counted as unpriced and left out. Peak equity,
/// maximum drawdown, the start of P&amp;L and the day's opening equity move only at valuation points
/// (<see cref="Observe"/>: fills, <see cref="ObserveValuations"/>, day closes, marks before the first full pricing).
/// </remarks>
public sealed partial class AccountBook
{
    private const byte NotCounted = 0;
    private const byte CountedPriced = 1;
    private const byte CountedUnpriced = 2;

    /// <summary>Takes a position's cached value out of the account's totals.</summary>
    private void RemovePosition(int a, int i)
    {
        int cell = (a * instrumentCount) + i;
        byte state = positionState[cell];
        positionState[cell] = NotCounted;
        if (state == CountedPriced)
        {
            long value = positionValue[cell];
            if (!isPair[i])
            {
                equityTotal[a] -= value;
            }

            Int128 magnitude = Int128.Abs(value);
            grossTotal[a] -= magnitude;
            netTotal[a] -= value;
            int k = (a * ClassCount) + classOf[i];
            classGrossTotal[k] -= magnitude;
            classNetTotal[k] -= value;
        }
        else if (state == CountedUnpriced)
        {
            unpriced[a]--;
        }
    }

    /// <summary>Values a position (position × mark, or its basis before the first mark) and adds it to the totals.</summary>
    private void AddPosition(int a, int i)
    {
        int cell = (a * instrumentCount) + i;
        long held = position[cell];
        if (held == 0)
        {
            return;
        }

        long localValue = basis[cell];
        if ((hasMark[i] && !FixedMath.TryMultiplyScaled(held, marks[i], out localValue))
            || !fx.TryConvertRaw(localValue, quoteOf[i], baseCurrencyOf[a], out long value))
        {
            positionState[cell] = CountedUnpriced;
            unpriced[a]++;
            return;
        }

        positionState[cell] = CountedPriced;
        positionValue[cell] = value;
        if (!isPair[i])
        {
            equityTotal[a] += value;
        }

        Int128 magnitude = Int128.Abs(value);
        grossTotal[a] += magnitude;
        netTotal[a] += value;
        int k = (a * ClassCount) + classOf[i];
        classGrossTotal[k] += magnitude;
        classNetTotal[k] += value;
    }

    /// <summary>Takes a balance's cached value out of the account's equity.</summary>
    private void RemoveCash(int a, int c)
    {
        int cell = (a * currencyCount) + c;
        byte state = cashState[cell];
        cashState[cell] = NotCounted;
        if (state == CountedPriced)
        {
            equityTotal[a] -= cashValue[cell];
        }
        else if (state == CountedUnpriced)
        {
            unpriced[a]--;
        }
    }

    /// <summary>Converts a balance to the base currency and adds it to the account's equity.</summary>
    private void AddCash(int a, int c)
    {
        int cell = (a * currencyCount) + c;
        long balance = cash[cell];
        if (balance == 0)
        {
            return;
        }

        if (fx.TryConvertRaw(balance, c, baseCurrencyOf[a], out long value))
        {
            cashState[cell] = CountedPriced;
            cashValue[cell] = value;
            equityTotal[a] += value;
        }
        else
        {
            cashState[cell] = CountedUnpriced;
            unpriced[a]++;
        }
    }

    /// <summary>Revalues account <paramref name="a"/> when a mark it depends on moved since its valuation was computed.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void EnsureValued(int a)
    {
        if ((dirty[a >> 6] & (1UL << (a & 63))) != 0)
        {
            RevalueAll(a);
        }
    }

    /// <summary>
    /// A valuation point for every account (the accounts stage's sample clock): peak equity and maximum drawdown take
    /// the current valuation in. Call on the book's own thread, at points that are a function of the input.
    /// </summary>
    public void ObserveValuations()
    {
        for (int a = 0; a < accountCount; a++)
        {
            EnsureValued(a);
            Observe(a);
        }
    }

    // While some account has not been fully priced yet: observe those as marks arrive, so that the start of their
    // P&L and their day's opening equity are the first fully priced valuation, as when every mark revalued at once.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ObserveUnstarted()
    {
        bool pending = false;
        for (int a = 0; a < accountCount; a++)
        {
            if (hasStart[a] && hasDayStart[a])
            {
                continue;
            }

            EnsureValued(a);
            Observe(a);
            pending |= !(hasStart[a] && hasDayStart[a]);
        }

        startsPending = pending;
    }

    /// <summary>Recomputes one account's valuation from scratch; the tests check that this changes nothing.</summary>
    internal void RevalueFromScratch(AccountId account) => RevalueAll(Check(account));

    /// <summary>Recomputes an account's totals from scratch (construction, and the first read after a mark it depends on).</summary>
    private void RevalueAll(int a)
    {
        dirty[a >> 6] &= ~(1UL << (a & 63));
        equityTotal[a] = 0;
        grossTotal[a] = 0;
        netTotal[a] = 0;
        unpriced[a] = 0;
        classGrossTotal.AsSpan(a * ClassCount, ClassCount).Clear();
        classNetTotal.AsSpan(a * ClassCount, ClassCount).Clear();
        cashState.AsSpan(a * currencyCount, currencyCount).Clear();
        positionState.AsSpan(a * instrumentCount, instrumentCount).Clear();
        for (int c = 0; c < currencyCount; c++)
        {
            AddCash(a, c);
        }

        for (int i = 0; i < instrumentCount; i++)
        {
            AddPosition(a, i);
        }

        Refresh(a);
    }

    /// <summary>Copies the totals into the published valuation (clamped into the long range).</summary>
    private void Refresh(int a)
    {
        long equityNow = FixedMath.Saturate(equityTotal[a]);
        equity[a] = equityNow;
        grossExposure[a] = FixedMath.Saturate(grossTotal[a]);
        netExposure[a] = FixedMath.Saturate(netTotal[a]);
        for (int k = a * ClassCount; k < (a + 1) * ClassCount; k++)
        {
            classGross[k] = FixedMath.Saturate(classGrossTotal[k]);
            classNet[k] = FixedMath.Saturate(classNetTotal[k]);
        }

        fullyPriced[a] = unpriced[a] == 0;
    }

    /// <summary>
    /// A valuation point (the valuation must be current): moves peak equity, maximum drawdown, the start of P&amp;L and
    /// the day's opening equity when everything could be priced.
    /// </summary>
    private void Observe(int a)
    {
        if (!fullyPriced[a])
        {
            return;
        }

        long equityNow = equity[a];
        if (!hasStart[a])
        {
            MarkStart(a);
        }

        if (!hasDayStart[a])
        {
            dayStartEquity[a] = equityNow;
            hasDayStart[a] = true;
        }

        if (!hasPeak[a] || equityNow > peakEquity[a])
        {
            peakEquity[a] = equityNow;
            hasPeak[a] = true;
        }

        long drawdown = FixedMath.Saturate((Int128)peakEquity[a] - equityNow);
        if (drawdown > maxDrawdown[a])
        {
            maxDrawdown[a] = drawdown;
        }
    }
}
