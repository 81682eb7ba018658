using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// P&amp;L attribution: every fill is also booked in a <i>row</i> — the (account, strategy) it was for, or the account's
/// own row for fills of no strategy (operator orders) — with its own average-cost position, cost basis and realised
/// P&amp;L, and the realised P&amp;L and fee converted to the account's base currency at the rate of the moment.
/// The report (<see cref="Pnl"/>) decomposes the account's equity change exactly into these rows. See docs/pnl.md.
/// </summary>
/// <remarks>
/// <para><b>Convention</b> (base currency B of the account, all amounts fixed-point 10^-8, every conversion rounded
/// half away from zero once per FX hop, as <see cref="FxRates"/> does):</para>
/// <list type="bullet">
/// <item><b>Realised</b> R: per fill, the gain the fill realises (average cost, in the quote currency, before fees)
/// converted to B at the rates of that moment; booked once, never revalued.</item>
/// <item><b>Fees</b> F: per fill, the fee converted to B at the rates of that moment.</item>
/// <item><b>Unrealised</b> U, at current rates: a stock (base = quote) position: conv(P × mark − basis, quote → B);
/// a currency-pair position: conv(P, base currency → B) − conv(basis, quote → B), i.e. valued at the FX rates equity
/// uses for the balances the pair moved (not at the pair's own mark, which for a cross can differ from the cross of
/// the rates: valuing it there would not reconcile with equity).</item>
/// <item><b>FX translation</b> per (row, instrument): conv_now(realised net of fees, quote → B) − (R − F): how much
/// the realised P&amp;L and fees, still held in the quote currency, have moved in B since they were booked. Per
/// account it adds the revaluation of the initial non-base balances since the start, and a rounding term.</item>
/// </list>
/// <para>Per account: equity − start equity = R + U + FX − F exactly, where R, U, F and the rows' FX are the sums
/// over the rows, FX = Σ rows' FX + initial-balance translation + rounding, and the rounding term (conversions of
/// sums versus sums of conversions) is reported on its own; the tests bound it by about one unit per conversion.
/// "Start" is the first moment the whole account could be valued (construction, for an account holding only its
/// base currency).</para>
/// <para><b>Attribution of netted orders.</b> A fill carries the strategy of its order (<see cref="ExecutionData.Strategy"/>);
/// coordination names a netted order after its lead strategy (the best change in the direction of the net), so the
/// whole fill of a netted order is booked to the lead strategy. The other contributors' share is not split here
/// (coordination's order-contributor table is its own state); docs/pnl.md says so.</para>
/// <para><b>Allocation.</b> A fill of a strategy never seen before creates its row (and may grow the row tables, by
/// doubling); every later fill, mark and report of it allocates nothing.</para>
/// </remarks>
public sealed partial class AccountBook
{
    private const int NoRow = -1;

    // Rows: 0..accountCount-1 are the accounts' own rows (no strategy); strategy rows are added on first use.
    private int rowCount;
    private int[] rowStrategy = [];       // strategy id, or -1 for an account row
    private int[] rowAccount = [];
    private int[] rowOfStrategy = [];     // strategy id → row, or NoRow; a strategy trades in one account
    private long[] rowPosition = [];      // row * instrumentCount + i
    private long[] rowBasis = [];
    private long[] rowRealised = [];      // quote currency, net of fees (as the account's realised)
    private long[] rowFees = [];          // quote currency
    private long[] rowRealisedBooked = [];   // base currency, gross of fees, at the rates of each fill
    private long[] rowFeesBooked = [];       // base currency, at the rates of each fill
    private long[] rowCounters = [];      // row * CounterCount + counter

    // Per account: the start (first fully priced valuation), and the initial balances' value in B at that moment.
    private long[] startEquity = [];
    private bool[] hasStart = [];
    private long[] startInitialValue = [];   // a * currencyCount + c

    /// <summary>Fills whose realised P&amp;L or fee could not be converted to the base currency when booked (no FX rate yet): booked as 0, their value lands in the rounding term.</summary>
    public long PnlUnbooked { get; private set; }

    /// <summary>Per-row counters.</summary>
    internal const int CounterFills = 0;

    /// <summary>Child orders a venue acknowledged.</summary>
    internal const int CounterAcks = 1;

    /// <summary>Child orders a venue rejected.</summary>
    internal const int CounterVenueRejects = 2;

    /// <summary>Parent orders the risk gate refused (the router's parent-level cancel marked RiskRefused).</summary>
    internal const int CounterRiskRefusals = 3;

    /// <summary>Child orders cancelled (not a risk refusal).</summary>
    internal const int CounterCancels = 4;

    private const int CounterCount = 5;

    private void InitialisePnl()
    {
        int rows = accountCount + 16;
        rowStrategy = new int[rows];
        rowAccount = new int[rows];
        rowPosition = new long[rows * instrumentCount];
        rowBasis = new long[rows * instrumentCount];
        rowRealised = new long[rows * instrumentCount];
        rowFees = new long[rows * instrumentCount];
        rowRealisedBooked = new long[rows * instrumentCount];
        rowFeesBooked = new long[rows * instrumentCount];
        rowCounters = new long[rows * CounterCount];
        for (int a = 0; a < accountCount; a++)
        {
            rowStrategy[a] = -1;
            rowAccount[a] = a;
        }

        rowCount = accountCount;
        rowOfStrategy = new int[64];
        Array.Fill(rowOfStrategy, NoRow);
        startEquity = new long[accountCount];
        hasStart = new bool[accountCount];
        startInitialValue = new long[accountCount * currencyCount];
    }

    /// <summary>
    /// The row of (<paramref name="a"/>, <paramref name="strategy"/>): the strategy's, created on first use; the
    /// account's own row for no strategy, or for a strategy already booked in another account (never expected: a
    /// strategy trades in one account; isolation wins).
    /// </summary>
    private int RowOf(int a, int strategy)
    {
        if (strategy < 0)
        {
            return a;
        }

        if (strategy >= rowOfStrategy.Length)
        {
            int old = rowOfStrategy.Length;
            Array.Resize(ref rowOfStrategy, Math.Max(strategy + 1, old * 2));
            Array.Fill(rowOfStrategy, NoRow, old, rowOfStrategy.Length - old);
        }

        int row = rowOfStrategy[strategy];
        if (row != NoRow)
        {
            return rowAccount[row] == a ? row : a;
        }

        if (rowCount == rowStrategy.Length)
        {
            GrowRows(rowCount * 2);
        }

        row = rowCount++;
        rowStrategy[row] = strategy;
        rowAccount[row] = a;
        rowOfStrategy[strategy] = row;
        return row;
    }

    private void GrowRows(int rows)
    {
        Array.Resize(ref rowStrategy, rows);
        Array.Resize(ref rowAccount, rows);
        Array.Resize(ref rowPosition, rows * instrumentCount);
        Array.Resize(ref rowBasis, rows * instrumentCount);
        Array.Resize(ref rowRealised, rows * instrumentCount);
        Array.Resize(ref rowFees, rows * instrumentCount);
        Array.Resize(ref rowRealisedBooked, rows * instrumentCount);
        Array.Resize(ref rowFeesBooked, rows * instrumentCount);
        Array.Resize(ref rowCounters, rows * CounterCount);
    }

    /// <summary>
    /// Counts an execution report that is not a fill for its (account, strategy) row: venue acks, venue rejects, the
    /// router's parent-level cancel of a risk refusal, other cancels. Allocates nothing once the row exists.
    /// </summary>
    public void RecordReport(AccountId account, StrategyId strategy, ExecutionType type, VenueRejectReason reason)
    {
        if ((uint)account.Value >= (uint)accountCount)
        {
            return;
        }

        int counter = type switch
        {
            ExecutionType.Ack => CounterAcks,
            ExecutionType.Reject => CounterVenueRejects,
            ExecutionType.Cancelled => reason == VenueRejectReason.RiskRefused ? CounterRiskRefusals : CounterCancels,
            _ => -1,
        };
        if (counter >= 0)
        {
            rowCounters[(RowOf(account.Value, strategy.Value) * CounterCount) + counter]++;
        }
    }

    /// <summary>The row's share of a fill, computed before anything is committed (false on overflow).</summary>
    private bool TryRowFill(int row, int i, long q, long notional, long price, long fee, out RowFill result)
    {
        int cell = (row * instrumentCount) + i;
        result = default;
        if (!PositionMath.TryApply(rowPosition[cell], rowBasis[cell], q, notional, price, out result.Position, out result.Basis, out long gain)
            || !FixedMath.TryNarrow((Int128)rowRealised[cell] + gain - fee, out result.Realised)
            || !FixedMath.TryAdd(rowFees[cell], fee, out result.Fees))
        {
            return false;
        }

        // Booked at the rates of this moment (the fill does not move a rate); no rate yet → booked as 0 and counted.
        int a = rowAccount[row];
        result.Unbooked = false;
        if (!fx.TryConvertRaw(gain, quoteOf[i], baseCurrencyOf[a], out long gainBooked))
        {
            gainBooked = 0;
            result.Unbooked = true;
        }

        if (!fx.TryConvertRaw(fee, quoteOf[i], baseCurrencyOf[a], out long feeBooked))
        {
            feeBooked = 0;
            result.Unbooked = true;
        }

        return FixedMath.TryAdd(rowRealisedBooked[cell], gainBooked, out result.RealisedBooked)
            && FixedMath.TryAdd(rowFeesBooked[cell], feeBooked, out result.FeesBooked);
    }

    private void CommitRowFill(int row, int i, in RowFill fill)
    {
        int cell = (row * instrumentCount) + i;
        rowPosition[cell] = fill.Position;
        rowBasis[cell] = fill.Basis;
        rowRealised[cell] = fill.Realised;
        rowFees[cell] = fill.Fees;
        rowRealisedBooked[cell] = fill.RealisedBooked;
        rowFeesBooked[cell] = fill.FeesBooked;
        rowCounters[(row * CounterCount) + CounterFills]++;
        if (fill.Unbooked)
        {
            PnlUnbooked++;
        }
    }

    // Called from Observe: the first fully priced valuation point is the start P&L is measured from.
    private void MarkStart(int a)
    {
        hasStart[a] = true;
        startEquity[a] = equity[a];
        foreach (var (currency, amount) in Config[new AccountId(a)].InitialCash)
        {
            startInitialValue[(a * currencyCount) + currency.Value] += fx.TryConvertRaw(amount.Raw, currency.Value, baseCurrencyOf[a], out long v) ? v : 0;
        }
    }

    // The unrealised P&L of a row's position in the base currency, at current rates (see the class remarks).
    private Int128 RowUnrealisedBase(int a, int cell, int i, out bool priced)
    {
        long held = rowPosition[cell];
        priced = true;
        if (held == 0)
        {
            return 0;
        }

        if (isPair[i])
        {
            if (fx.TryConvertRaw(held, baseOf[i], baseCurrencyOf[a], out long value)
                && fx.TryConvertRaw(rowBasis[cell], quoteOf[i], baseCurrencyOf[a], out long cost))
            {
                return (Int128)value - cost;
            }
        }
        else
        {
            long marketValue = rowBasis[cell];
            if ((!hasMark[i] || FixedMath.TryMultiplyScaled(held, marks[i], out marketValue))
                && FixedMath.TryNarrow((Int128)marketValue - rowBasis[cell], out long local)
                && fx.TryConvertRaw(local, quoteOf[i], baseCurrencyOf[a], out long value))
            {
                return value;
            }
        }

        priced = false;
        return 0;
    }

    private struct RowFill
    {
        public long Position;
        public long Basis;
        public long Realised;
        public long Fees;
        public long RealisedBooked;
        public long FeesBooked;
        public bool Unbooked;
    }
}
