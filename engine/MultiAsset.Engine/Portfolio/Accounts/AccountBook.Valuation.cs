using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// The cached per-account valuation in the base currency, kept current incrementally: every holding (a non-zero
/// balance, an open position) has a cached base-currency value, and the account's totals are exact 128-bit sums of
/// those values. An event takes the affected holdings out of the totals, revalues them and puts them back, so a stock
/// mark or a fill costs a few conversions, not a pass over the whole account, and the totals always equal what a full
/// recomputation would give (integer sums do not depend on order).
/// </summary>
/// <remarks>
/// Equity = Σ balances at FX rates + Σ stock positions × mark (currency-pair positions are already in the balances).
/// Exposure = Σ |position × mark| over all positions, also by asset class. A position without a mark is taken at its
/// cost basis. A holding that cannot be converted (no FX rate yet) is counted as unpriced and left out.
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

    /// <summary>
    /// Revalues what a new mark of <paramref name="i"/> changes in account <paramref name="a"/>: everything when the
    /// instrument prices the base currency; otherwise the balances in currencies it prices and the positions in the
    /// instrument itself or quoted in those currencies.
    /// </summary>
    private void RevalueForMark(int a, int i)
    {
        foreach (int source in fx.ChainOf(new CurrencyId(baseCurrencyOf[a])))
        {
            if (source == i)
            {
                RevalueAll(a);
                return;
            }
        }

        foreach (int c in currenciesPricedBy[i])
        {
            if (cash[(a * currencyCount) + c] != 0)
            {
                RemoveCash(a, c);
                AddCash(a, c);
            }
        }

        foreach (int j in positionsRepricedBy[i])
        {
            if (position[(a * instrumentCount) + j] != 0)
            {
                RemovePosition(a, j);
                AddPosition(a, j);
            }
        }

        Publish(a);
    }

    /// <summary>Recomputes one account's valuation from scratch; the tests check that this changes nothing.</summary>
    internal void RevalueFromScratch(AccountId account) => RevalueAll(Check(account));

    /// <summary>Recomputes an account's totals from scratch (construction, and marks that move its base currency).</summary>
    private void RevalueAll(int a)
    {
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

        Publish(a);
    }

    /// <summary>
    /// Copies the totals into the published valuation (clamped into the long range), then moves peak equity, maximum
    /// drawdown and the day's opening equity when everything could be priced.
    /// </summary>
    private void Publish(int a)
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

        bool priced = unpriced[a] == 0;
        fullyPriced[a] = priced;
        if (!priced)
        {
            return;
        }

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
