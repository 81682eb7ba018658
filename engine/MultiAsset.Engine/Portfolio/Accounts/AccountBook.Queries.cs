using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// Read-only queries. Per-instrument figures are in the instrument's quote currency; per-account figures are in the
/// account's base currency. None allocates; an id outside the book is a programming error and throws.
/// </summary>
public sealed partial class AccountBook
{
    /// <summary>The account's base currency.</summary>
    public CurrencyId BaseCurrency(AccountId account) => new(baseCurrencyOf[Check(account)]);

    /// <summary>The signed position (long &gt; 0): exactly the signed sum of the account's fills.</summary>
    public Quantity Position(AccountId account, InstrumentId instrument) => Quantity.FromRaw(position[Cell(account, instrument)]);

    /// <summary>What the open position cost (long, &gt; 0) or brought in (short, &lt; 0), in the quote currency; zero when flat.</summary>
    public Money CostBasis(AccountId account, InstrumentId instrument) => Money.FromRaw(basis[Cell(account, instrument)]);

    /// <summary>Average entry price of the open position (cost basis ÷ position, rounded half away from zero); zero when flat.</summary>
    public Price AverageCost(AccountId account, InstrumentId instrument)
    {
        int cell = Cell(account, instrument);
        long held = position[cell];
        if (held == 0)
        {
            return Price.Zero;
        }

        // Same-signed basis and position: divide magnitudes so the divisor is positive.
        long cost = held > 0 ? basis[cell] : -basis[cell];
        return FixedMath.TryDivideScaled(cost, Math.Abs(held), out long raw) ? Price.FromRaw(raw) : Price.Zero;
    }

    /// <summary>Realised P&amp;L of the instrument, net of its fees, in the quote currency (fees count as realised losses as they are paid).</summary>
    public Money RealisedPnl(AccountId account, InstrumentId instrument) => Money.FromRaw(realised[Cell(account, instrument)]);

    /// <summary>Fees paid on the instrument, in the quote currency.</summary>
    public Money Fees(AccountId account, InstrumentId instrument) => Money.FromRaw(fees[Cell(account, instrument)]);

    /// <summary>Position × mark − cost basis, in the quote currency; zero when flat or not yet marked.</summary>
    public Money UnrealisedPnl(AccountId account, InstrumentId instrument)
    {
        int cell = Cell(account, instrument);
        return Money.FromRaw(FixedMath.Saturate((Int128)MarketValueRaw(cell, instrument.Value) - basis[cell]));
    }

    /// <summary>Position × mark in the quote currency (the cost basis until the first mark).</summary>
    public Money MarketValue(AccountId account, InstrumentId instrument)
        => Money.FromRaw(MarketValueRaw(Cell(account, instrument), instrument.Value));

    /// <summary>The last mark of <paramref name="instrument"/>; false before the first.</summary>
    public bool TryGetMark(InstrumentId instrument, out Price mark)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)instrument.Value, (uint)instrumentCount, nameof(instrument));
        mark = Price.FromRaw(marks[instrument.Value]);
        return hasMark[instrument.Value];
    }

    /// <summary>The balance in <paramref name="currency"/> (negative when overdrawn).</summary>
    public Money Cash(AccountId account, CurrencyId currency)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)currency.Value, (uint)currencyCount, nameof(currency));
        return Money.FromRaw(cash[(Check(account) * currencyCount) + currency.Value]);
    }

    /// <summary>Balances at FX rates plus stock positions at their marks, in the base currency (see <see cref="IsFullyPriced"/>).</summary>
    public Money Equity(AccountId account) => Money.FromRaw(equity[Valued(account)]);

    /// <summary>Whether every balance and position could be valued (false while an FX rate it needs has not been seen).</summary>
    public bool IsFullyPriced(AccountId account) => fullyPriced[Valued(account)];

    /// <summary>Σ |position × mark| over open positions, in the base currency (idle cash balances are not exposure).</summary>
    public Money GrossExposure(AccountId account) => Money.FromRaw(grossExposure[Valued(account)]);

    /// <summary>Σ position × mark over open positions (longs minus shorts), in the base currency.</summary>
    public Money NetExposure(AccountId account) => Money.FromRaw(netExposure[Valued(account)]);

    /// <summary>Gross and net exposure of the positions in one asset class, in the base currency.</summary>
    public AssetClassExposure ExposureByAssetClass(AccountId account, AssetClass assetClass)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)assetClass, (uint)ClassCount, nameof(assetClass));
        int k = (Valued(account) * ClassCount) + (int)assetClass;
        return new AssetClassExposure(Money.FromRaw(classGross[k]), Money.FromRaw(classNet[k]));
    }

    /// <summary>
    /// Gross exposure ÷ equity (for display and analytics; limits are enforced exactly with <see cref="BuyingPower"/>).
    /// 0 without exposure; +∞ with exposure and no positive equity.
    /// </summary>
    public double Leverage(AccountId account)
    {
        int a = Valued(account);
        if (grossExposure[a] == 0)
        {
            return 0;
        }

        return equity[a] <= 0 ? double.PositiveInfinity : (double)grossExposure[a] / equity[a];
    }

    /// <summary>Gross exposure ÷ maximum leverage: the equity the open positions tie up, in the base currency.</summary>
    public Money MarginUsed(AccountId account)
    {
        int a = Valued(account);
        return Money.FromRaw(FixedMath.TryDivideScaled(grossExposure[a], maxLeverage[a], out long raw) ? raw : long.MaxValue);
    }

    /// <summary>
    /// Equity × maximum leverage (truncated to 10^-8) − gross exposure − open-order exposure, in the base currency: the
    /// notional a new order may add without breaking the leverage limit (negative when already over it).
    /// </summary>
    public Money BuyingPower(AccountId account)
    {
        int a = Valued(account);
        Int128 capacity = (Int128)equity[a] * maxLeverage[a] / FixedPoint.Scale;
        return Money.FromRaw(FixedMath.Saturate(capacity - grossExposure[a] - OpenOrderExposure(account).Raw));
    }

    /// <summary>Notional of the working orders reserved with <see cref="ReserveOrder"/>, buys plus sells, in the base currency.</summary>
    public Money OpenOrderExposure(AccountId account)
    {
        int a = Check(account);
        Int128 total = 0;
        int row = a * instrumentCount;
        for (int i = 0; i < instrumentCount; i++)
        {
            total += ToBase(a, openBuyNotional[row + i], quoteOf[i]);
            total += ToBase(a, openSellNotional[row + i], quoteOf[i]);
        }

        return Money.FromRaw(FixedMath.Saturate(total));
    }

    /// <summary>Quantity reserved by working buy orders.</summary>
    public Quantity OpenBuyQuantity(AccountId account, InstrumentId instrument) => Quantity.FromRaw(openBuyQuantity[Cell(account, instrument)]);

    /// <summary>Quantity reserved by working sell orders.</summary>
    public Quantity OpenSellQuantity(AccountId account, InstrumentId instrument) => Quantity.FromRaw(openSellQuantity[Cell(account, instrument)]);

    /// <summary>Realised P&amp;L of all instruments, net of fees, in the base currency at current FX rates.</summary>
    public Money RealisedPnl(AccountId account) => SumToBase(Check(account), realised);

    /// <summary>Fees paid on all instruments, in the base currency at current FX rates.</summary>
    public Money Fees(AccountId account) => SumToBase(Check(account), fees);

    /// <summary>Unrealised P&amp;L of all open positions (position × mark − cost basis), in the base currency at current FX rates.</summary>
    public Money UnrealisedPnl(AccountId account)
    {
        int a = Check(account);
        int row = a * instrumentCount;
        Int128 total = 0;
        for (int i = 0; i < instrumentCount; i++)
        {
            if (position[row + i] != 0)
            {
                total += ToBase(a, FixedMath.Saturate((Int128)MarketValueRaw(row + i, i) - basis[row + i]), quoteOf[i]);
            }
        }

        return Money.FromRaw(FixedMath.Saturate(total));
    }

    /// <summary>Equity − the equity at the start of the account's current UTC day (zero until a fully priced valuation).</summary>
    public Money DailyPnl(AccountId account)
    {
        int a = Valued(account);
        return Money.FromRaw(hasDayStart[a] ? FixedMath.Saturate((Int128)equity[a] - dayStartEquity[a]) : 0);
    }

    /// <summary>The equity the current UTC day started with.</summary>
    public Money DayStartEquity(AccountId account) => Money.FromRaw(dayStartEquity[Check(account)]);

    /// <summary>The UTC day (days since 1970-01-01) the account is in; <see cref="long.MinValue"/> before any event.</summary>
    public long CurrentDay(AccountId account) => day[Check(account)];

    /// <summary>
    /// Highest fully priced equity seen at the account's valuation points (see the class remarks), and now: the
    /// current equity counts when it is higher.
    /// </summary>
    public Money PeakEquity(AccountId account) => Money.FromRaw(PeakNow(Valued(account)));

    /// <summary>Peak equity − equity (≥ 0 while fully priced).</summary>
    public Money Drawdown(AccountId account) => Money.FromRaw(DrawdownNow(Valued(account)));

    /// <summary><see cref="Drawdown"/> ÷ peak equity (0 to 1 while the peak is positive), for limits stated as a percentage.</summary>
    public double DrawdownFraction(AccountId account)
    {
        int a = Valued(account);
        long peak = PeakNow(a);
        return hasPeak[a] && peak > 0 ? (double)DrawdownNow(a) / peak : 0;
    }

    /// <summary>The largest drawdown seen (peak to trough) at the account's valuation points and now, in the base currency.</summary>
    public Money MaxDrawdown(AccountId account)
    {
        int a = Valued(account);
        return Money.FromRaw(fullyPriced[a] ? Math.Max(maxDrawdown[a], DrawdownNow(a)) : maxDrawdown[a]);
    }

    // The observed peak, raised by the current equity (a read observes nothing: it changes no state).
    private long PeakNow(int a) => hasPeak[a] && fullyPriced[a] ? Math.Max(peakEquity[a], equity[a]) : peakEquity[a];

    private long DrawdownNow(int a) => hasPeak[a] ? Math.Max(0, FixedMath.Saturate((Int128)PeakNow(a) - equity[a])) : 0;

    // Checks the id and brings the account's cached valuation up to date (a read: no state changes).
    private int Valued(AccountId account)
    {
        int a = Check(account);
        EnsureValued(a);
        return a;
    }

    private long MarketValueRaw(int cell, int instrument)
    {
        long held = position[cell];
        if (held == 0)
        {
            return 0;
        }

        return hasMark[instrument] && FixedMath.TryMultiplyScaled(held, marks[instrument], out long value) ? value : basis[cell];
    }

    /// <summary>
    /// <paramref name="amount"/>, in <paramref name="currency"/>, in <paramref name="account"/>'s base currency at the
    /// book's current FX rates; zero when there is no rate yet.
    /// </summary>
    public Money ToBase(AccountId account, CurrencyId currency, Money amount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)currency.Value, (uint)currencyCount, nameof(currency));
        return Money.FromRaw(ToBase(Check(account), amount.Raw, currency.Value));
    }

    /// <summary>
    /// <paramref name="amount"/>, in <paramref name="instrument"/>'s quote currency, in <paramref name="account"/>'s base
    /// currency at the book's current FX rates; zero when there is no rate yet (as every valuation here).
    /// </summary>
    public Money QuoteToBase(AccountId account, InstrumentId instrument, Money amount)
        => Money.FromRaw(ToBase(Check(account), amount.Raw, quoteOf[instrument.Value]));

    private Money SumToBase(int a, long[] perInstrument)
    {
        int row = a * instrumentCount;
        Int128 total = 0;
        for (int i = 0; i < instrumentCount; i++)
        {
            total += ToBase(a, perInstrument[row + i], quoteOf[i]);
        }

        return Money.FromRaw(FixedMath.Saturate(total));
    }

    // An amount in `currency` in the account's base currency; zero when there is no rate yet.
    private long ToBase(int a, long amount, int currency)
        => amount != 0 && fx.TryConvertRaw(amount, currency, baseCurrencyOf[a], out long value) ? value : 0;

    /// <summary>
    /// Whether account <paramref name="a"/> holds <paramref name="i"/> or has realised P&amp;L on it (ids already checked by
    /// the caller): the per-sample scans skip every other cell with two array reads.
    /// </summary>
    internal bool HasActivity(int a, int i)
    {
        int cell = (a * instrumentCount) + i;
        return position[cell] != 0 || realised[cell] != 0;
    }

    private int Check(AccountId account)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)account.Value, (uint)accountCount, nameof(account));
        return account.Value;
    }

    private int Cell(AccountId account, InstrumentId instrument)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)instrument.Value, (uint)instrumentCount, nameof(instrument));
        return (Check(account) * instrumentCount) + instrument.Value;
    }
}
