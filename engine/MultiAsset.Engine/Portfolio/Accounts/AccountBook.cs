using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// The paper-trading accounts: positions, multi-currency cash, realised and unrealised P&amp;L, exposure and leverage,
/// open-order reservations, peak equity and drawdown, daily P&amp;L — all keyed by dense <see cref="AccountId"/> and
/// strictly isolated: a fill or reservation of one account reads and writes only that account's rows, so nothing in
/// one account can change another. Only market data (marks and FX rates) is shared.
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> Single-threaded state owned by one pipeline stage; no locks. Per-event methods
/// (<c>ApplyFill</c>, <see cref="OnMark"/>, <see cref="ReserveOrder"/>, <see cref="ReleaseOrder"/>) allocate
/// nothing and never throw: bad input is refused with an <see cref="AccountUpdateResult"/> and counted.</para>
/// <para><b>Numbers.</b> Quantities, prices and money are fixed-point with 8 decimals (raw × 10^8 in a long, range
/// ±92,233,720,368 units per balance). A fill's notional is quantity × price rounded half away from zero to 10^-8 of the
/// quote currency, and that same amount moves the cash, so cash reconciles with fills to the unit. Products and
/// conversions are exact in 128 bits with one rounding each; a fill whose results would not fit is refused
/// (<see cref="AccountUpdateResult.Overflow"/>). Valuation totals are summed in 128 bits and clamped into range.</para>
/// <para><b>Currency pairs</b> (FX and crypto pairs: base ≠ quote) are tracked both ways. A buy of EURUSD adds the
/// quantity to the EUR balance and takes the notional from the USD balance, and also builds an EURUSD position with
/// its average cost and P&amp;L. Equity counts such a position once, through the balances (each valued at the FX rate
/// of its currency); the position supplies exposure and P&amp;L. Stocks (base = quote) move only the quote balance and
/// are valued as position × mark.</para>
/// <para><b>Marks.</b> Come only from market data (<see cref="OnMark"/>) and are shared by all accounts; a fill never
/// sets one (that would let one account's fill change another's valuation). Until its first mark a position is carried
/// at cost. A balance in a currency without an FX rate yet is left out of equity and the account reports
/// <see cref="IsFullyPriced"/> = false; peak equity, drawdown and the day's opening equity only move while it is
/// fully priced.</para>
/// <para><b>Valuation</b> (equity, exposure, exposure by asset class) is cached per account and computed exactly when
/// read. A mark only records the price and flags the accounts whose valuation uses it (a bit per account, kept per
/// instrument from the positions and balances): O(1) whatever the number of accounts holding the instrument. The
/// first read of a flagged account revalues it from its holdings at the current marks and rates; a fill revalues
/// the traded position and the balances it moved on top of a current valuation. The totals are exact sums of the
/// cached holding values, so they always equal a full recomputation at the current marks, whenever it happens: the
/// cache is never state (a read changes no digest). Realised and unrealised P&amp;L, fees and open-order exposure in
/// the base currency are computed when asked, at current rates.</para>
/// <para><b>Peak equity and maximum drawdown</b> are observed at the account's valuation points: every fill of the
/// account, every <see cref="ObserveValuations"/> (the accounts stage calls it at each sample, once a second of event
/// time, before the stop-loss monitor reads them), and every mark until the account is first fully priced. A rise and
/// fall between two such points is not seen; reads add the current equity (<see cref="PeakEquity"/> and
/// <see cref="MaxDrawdown"/> include it). All of these points are a function of the input, so the digests are.</para>
/// <para><b>Days.</b> Daily P&amp;L is equity minus the equity at the start of the current UTC day of event time. An
/// account's day advances with the timestamps of its own fills and of marks (never of another account's fills);
/// when it does, the last equity becomes the day's opening equity. Out-of-order (earlier) timestamps never move a day
/// back.</para>
/// </remarks>
public sealed partial class AccountBook : IStateDigest
{
    /// <summary>Nanoseconds in a UTC day.</summary>
    public const long NanosecondsPerDay = 86_400_000_000_000;

    private static readonly int ClassCount = Enum.GetValues<AssetClass>().Length;

    private readonly FxRates fx;
    private readonly int accountCount;
    private readonly int instrumentCount;
    private readonly int currencyCount;

    // Per instrument (static).
    private readonly int[] quoteOf;
    private readonly int[] baseOf;
    private readonly bool[] isPair;
    private readonly bool[] tradable;
    private readonly int[] classOf;

    // Per account (static).
    private readonly int[] baseCurrencyOf;
    private readonly long[] maxLeverage;

    // Market data, shared: marks by instrument.
    private readonly long[] marks;
    private readonly bool[] hasMark;
    private long lastMarkDay = long.MinValue;

    // Per account × instrument, index a * instrumentCount + i.
    private readonly long[] position;
    private readonly long[] basis;
    private readonly long[] realised;
    private readonly long[] fees;
    private readonly long[] openBuyQuantity;
    private readonly long[] openSellQuantity;
    private readonly long[] openBuyNotional;
    private readonly long[] openSellNotional;

    // Per account × currency, index a * currencyCount + c.
    private readonly long[] cash;

    // Per instrument × account, index i * accountCount + a: how many of the account's holdings are valued with the
    // instrument's mark. Derived from positions and balances; tells OnMark which accounts to revalue.
    private readonly int[] dependents;

    // The same as bits (index i * accountWords + a / 64: bit a % 64 set while dependents > 0), and the accounts whose
    // cached valuation is out of date (a mark they depend on moved since it was computed). A mark ORs its instrument's
    // bits into the dirty ones; the next read of an account revalues it.
    private readonly int accountWords;
    private readonly ulong[] dependentBits;
    private readonly ulong[] dirty;

    // True while some account has not yet had its first fully priced valuation (start of P&L, the day's opening
    // equity): until then marks observe those accounts at once, as they become priced.
    private bool startsPending = true;

    // Cached base-currency value of each holding and whether it is counted in the totals (see AccountBook.Valuation).
    private readonly byte[] positionState;   // a * instrumentCount + i
    private readonly long[] positionValue;
    private readonly byte[] cashState;       // a * currencyCount + c
    private readonly long[] cashValue;

    // Per account: exact running totals of the cached holding values, and how many holdings could not be valued.
    private readonly Int128[] equityTotal;
    private readonly Int128[] grossTotal;
    private readonly Int128[] netTotal;
    private readonly Int128[] classGrossTotal; // a * ClassCount + class
    private readonly Int128[] classNetTotal;
    private readonly int[] unpriced;

    // Per account: the published valuation in the base currency (the totals clamped into range).
    private readonly long[] equity;
    private readonly long[] grossExposure;
    private readonly long[] netExposure;
    private readonly long[] classGross; // a * ClassCount + class
    private readonly long[] classNet;
    private readonly bool[] fullyPriced;
    private readonly long[] peakEquity;
    private readonly bool[] hasPeak;
    private readonly long[] maxDrawdown;
    private readonly long[] dayStartEquity;
    private readonly bool[] hasDayStart;
    private readonly long[] day;

    /// <summary>Creates the book with every account at its initial cash and no positions.</summary>
    /// <param name="catalog">The instruments (ids index the per-instrument state).</param>
    /// <param name="config">The accounts; its currency table must contain every catalogue currency.</param>
    /// <exception cref="ArgumentException">A catalogue currency is missing from the configuration's currency table.</exception>
    public AccountBook(InstrumentCatalog catalog, AccountsConfig config)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(config);
        Catalog = catalog;
        Config = config;
        Currencies = config.Currencies;
        fx = new FxRates(catalog, config.Currencies);
        accountCount = config.Count;
        instrumentCount = catalog.Count;
        currencyCount = config.Currencies.Count;

        quoteOf = new int[instrumentCount];
        baseOf = new int[instrumentCount];
        isPair = new bool[instrumentCount];
        tradable = new bool[instrumentCount];
        classOf = new int[instrumentCount];
        foreach (var instrument in catalog.Instruments)
        {
            int i = instrument.Id.Value;
            quoteOf[i] = Currencies.Of(instrument.QuoteCurrency).Value;
            baseOf[i] = Currencies.Of(instrument.BaseCurrency).Value;
            isPair[i] = baseOf[i] != quoteOf[i];
            tradable[i] = instrument.IsTradable;
            classOf[i] = (int)instrument.AssetClass;
        }

        marks = new long[instrumentCount];
        hasMark = new bool[instrumentCount];
        int cells = accountCount * instrumentCount;
        position = new long[cells];
        basis = new long[cells];
        realised = new long[cells];
        fees = new long[cells];
        openBuyQuantity = new long[cells];
        openSellQuantity = new long[cells];
        openBuyNotional = new long[cells];
        openSellNotional = new long[cells];
        dependents = new int[cells];
        accountWords = (accountCount + 63) / 64;
        dependentBits = new ulong[instrumentCount * accountWords];
        dirty = new ulong[accountWords];
        positionState = new byte[cells];
        positionValue = new long[cells];
        cash = new long[accountCount * currencyCount];
        cashState = new byte[accountCount * currencyCount];
        cashValue = new long[accountCount * currencyCount];
        equityTotal = new Int128[accountCount];
        grossTotal = new Int128[accountCount];
        netTotal = new Int128[accountCount];
        classGrossTotal = new Int128[accountCount * ClassCount];
        classNetTotal = new Int128[accountCount * ClassCount];
        unpriced = new int[accountCount];

        baseCurrencyOf = new int[accountCount];
        maxLeverage = new long[accountCount];
        equity = new long[accountCount];
        grossExposure = new long[accountCount];
        netExposure = new long[accountCount];
        classGross = new long[accountCount * ClassCount];
        classNet = new long[accountCount * ClassCount];
        fullyPriced = new bool[accountCount];
        peakEquity = new long[accountCount];
        hasPeak = new bool[accountCount];
        maxDrawdown = new long[accountCount];
        dayStartEquity = new long[accountCount];
        hasDayStart = new bool[accountCount];
        day = new long[accountCount];
        Array.Fill(day, long.MinValue);
        InitialisePnl();

        foreach (var account in config.Accounts)
        {
            int a = account.Id.Value;
            baseCurrencyOf[a] = account.BaseCurrency.Value;
            maxLeverage[a] = account.MaxLeverageRaw;

            // Everything this account reports goes through its base currency's FX chain: depend on it for good.
            foreach (int i in fx.ChainOf(account.BaseCurrency))
            {
                AddDependent(i, a, 1);
            }

            foreach (var (currency, amount) in account.InitialCash)
            {
                SetCash(a, currency.Value, cash[(a * currencyCount) + currency.Value] + amount.Raw);
            }

            RevalueAll(a);
            Observe(a);
        }
    }

    /// <summary>The instruments.</summary>
    public InstrumentCatalog Catalog { get; }

    /// <summary>The accounts.</summary>
    public AccountsConfig Config { get; }

    /// <summary>The currencies balances are kept in.</summary>
    public CurrencyTable Currencies { get; }

    /// <summary>The FX rates, as last marked (read-only from outside: marks go through <see cref="OnMark"/>).</summary>
    public FxRates Rates => fx;

    /// <summary>Number of accounts.</summary>
    public int AccountCount => accountCount;

    /// <summary>Fills applied.</summary>
    public long FillsApplied { get; private set; }

    /// <summary>Fills refused (bad id, side, quantity or price, or overflow); the book did not change.</summary>
    public long FillsRejected { get; private set; }

    /// <summary>Marks applied.</summary>
    public long MarksApplied { get; private set; }

    /// <summary>Marks refused (unknown instrument or a price that is not positive).</summary>
    public long MarksRejected { get; private set; }

    /// <summary>Reservations and releases refused (bad input or overflow).</summary>
    public long ReservationsRejected { get; private set; }

    /// <summary>Releases that asked to free more than was reserved (the reservation was cleared to zero).</summary>
    public long ReservationMismatches { get; private set; }

    /// <inheritdoc/>
    public string DigestName => "accounts";

    /// <summary>
    /// The first nanosecond after UTC day <paramref name="day"/>: every timestamp below it has a day number of at most
    /// <paramref name="day"/>. Saturates at the ends of the range (long.MinValue for "no day yet").
    /// </summary>
    internal static long FirstNanosecondAfterDay(long day)
    {
        const long lowest = long.MinValue / NanosecondsPerDay;
        const long highest = long.MaxValue / NanosecondsPerDay;
        return day < lowest ? long.MinValue : day >= highest ? long.MaxValue : (day + 1) * NanosecondsPerDay;
    }

    /// <summary>The UTC day number (days since 1970-01-01) of a nanosecond timestamp, rounding toward negative infinity.</summary>
    public static long DayOf(long timestampNanoseconds)
    {
        long quotient = Math.DivRem(timestampNanoseconds, NanosecondsPerDay, out long remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
