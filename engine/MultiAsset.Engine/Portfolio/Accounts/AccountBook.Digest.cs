using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>The deterministic digest of the book's state.</summary>
public sealed partial class AccountBook
{
    /// <summary>
    /// Adds everything the book owns, in a fixed order: sizes, marks, FX mids, the last mark day, the counters, then
    /// each account as <see cref="AppendAccountDigest"/> does. The dependency counts are left out: they are derived from
    /// positions and balances.
    /// </summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(accountCount).Add(instrumentCount).Add(currencyCount);
        for (int i = 0; i < instrumentCount; i++)
        {
            builder.Add(hasMark[i]).Add(marks[i]);
        }

        fx.AppendDigest(builder);
        builder.Add(lastMarkDay)
            .Add(FillsApplied).Add(FillsRejected)
            .Add(MarksApplied).Add(MarksRejected)
            .Add(ReservationsRejected).Add(ReservationMismatches).Add(PnlUnbooked);
        for (int a = 0; a < accountCount; a++)
        {
            AppendAccountDigest(new AccountId(a), builder);
        }
    }

    /// <summary>
    /// Adds one account's state: balances, positions, cost bases, realised P&amp;L, fees, reservations, the cached
    /// valuation, peak, drawdown and day. Two books whose account has seen the same fills and marks add the same values,
    /// whatever the other accounts did (the isolation tests compare exactly this).
    /// </summary>
    public void AppendAccountDigest(AccountId account, StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        int a = Valued(account);
        int row = a * instrumentCount;
        builder.Add(a)
            .Add(cash.AsSpan(a * currencyCount, currencyCount))
            .Add(position.AsSpan(row, instrumentCount))
            .Add(basis.AsSpan(row, instrumentCount))
            .Add(realised.AsSpan(row, instrumentCount))
            .Add(fees.AsSpan(row, instrumentCount))
            .Add(openBuyQuantity.AsSpan(row, instrumentCount))
            .Add(openSellQuantity.AsSpan(row, instrumentCount))
            .Add(openBuyNotional.AsSpan(row, instrumentCount))
            .Add(openSellNotional.AsSpan(row, instrumentCount))
            .Add(equity[a]).Add(grossExposure[a]).Add(netExposure[a])
            .Add(classGross.AsSpan(a * ClassCount, ClassCount))
            .Add(classNet.AsSpan(a * ClassCount, ClassCount))
            .Add(fullyPriced[a])
            .Add(hasPeak[a]).Add(peakEquity[a]).Add(maxDrawdown[a])
            .Add(hasDayStart[a]).Add(dayStartEquity[a]).Add(day[a])
            .Add(hasStart[a]).Add(startEquity[a]).Add(startInitialValue.AsSpan(a * currencyCount, currencyCount));

        // The account's P&L rows (its own, then its strategies' in the order they first traded).
        for (int r = 0; r < rowCount; r++)
        {
            if (rowAccount[r] != a)
            {
                continue;
            }

            int cells = r * instrumentCount;
            builder.Add(rowStrategy[r])
                .Add(rowPosition.AsSpan(cells, instrumentCount))
                .Add(rowBasis.AsSpan(cells, instrumentCount))
                .Add(rowRealised.AsSpan(cells, instrumentCount))
                .Add(rowFees.AsSpan(cells, instrumentCount))
                .Add(rowRealisedBooked.AsSpan(cells, instrumentCount))
                .Add(rowFeesBooked.AsSpan(cells, instrumentCount))
                .Add(rowCounters.AsSpan(r * CounterCount, CounterCount));
        }
    }
}
