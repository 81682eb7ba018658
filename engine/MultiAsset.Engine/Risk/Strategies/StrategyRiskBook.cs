using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Engine.Risk.Strategies;

/// <summary>
/// The risk stage's per-strategy view: each strategy's document limits (its <c>riskParameters.assetClassLimits</c>),
/// its filled positions, cost basis and realised P&amp;L per instrument (from the forwarded fills of its orders), its
/// working orders (from the orders the gate accepted), the peak of its P&amp;L per asset class, and how many of its orders
/// got each verdict. Written only by the risk stage (single writer); read in place by the stop-loss monitor. Preallocated:
/// nothing on the per-order path allocates.
/// </summary>
/// <remarks>
/// <para><b>How a strategy reaches the risk stage.</b> Every order on the order ring carries its <see cref="StrategyId"/>
/// (the lead strategy's, for an order coordination netted from several strategies: the whole order is attributed to it).
/// The first time the stage sees an order of a strategy it reads the strategy's (immutable) document from the
/// <see cref="StrategyRegistry"/> — written by the signal stage before the <c>StrategyRegistered</c> intent that precedes
/// any of its orders — and compiles the limits into flat arrays. Operator orders (no strategy) are not tracked.</para>
/// <para><b>Conventions</b> (all amounts in the account's base currency, at the account book's marks and FX rates):</para>
/// <list type="bullet">
/// <item><b>Capital</b> of a strategy = its capital share (coordination's allocation: the fraction of the account it sizes
/// with) × the account's equity now — the same capital coordination sizes its orders from.</item>
/// <item><b>Exposure</b> in a class = Σ over the class's instruments of (|filled position| + working buy + working sell) ×
/// mark: the worst case, as the account-level gate counts it.</item>
/// <item><b>P&amp;L</b> in a class = Σ (realised − fees + position × mark − cost basis), converted from each instrument's quote
/// currency at the current rate. The <b>peak</b> is the highest class P&amp;L seen at the strategy's own events (its order
/// checks and fills) and once a second of event time (the risk stage's heartbeat); it starts at 0 (a new strategy is flat).
/// <b>Drawdown</b> = peak − P&amp;L, compared with <c>maxDrawdown</c> % × capital.</item>
/// <item><b>Stop-loss</b> (evaluated by <see cref="StopLossMonitor"/>): −unrealised P&amp;L of the strategy's open positions in a
/// class, as a fraction of their cost basis (from entry), against <c>stopLossThreshold</c> %.</item>
/// </list>
/// <para>Percentages are the document's: <c>maxAllocation: 50</c> = 50 % of capital; <c>maxLeverage: 2</c> = 2 × capital.</para>
/// </remarks>
public sealed class StrategyRiskBook
{
    /// <summary>Strategies tracked at once by default (ids are never reused; a strategy keeps its slot for the run).</summary>
    public const int DefaultCapacity = 256;

    /// <summary>Index of <c>maxAllocation</c> (fraction of capital) in a class's limits.</summary>
    public const int MaxAllocationField = 0;

    /// <summary>Index of <c>maxLeverage</c> (multiple of capital).</summary>
    public const int MaxLeverageField = 1;

    /// <summary>Index of <c>maxDrawdown</c> (fraction of capital).</summary>
    public const int MaxDrawdownField = 2;

    /// <summary>Index of <c>stopLossThreshold</c> (fraction of cost basis).</summary>
    public const int StopLossField = 3;

    private const int Fields = 4;

    private readonly StrategyRegistry registry;
    private readonly Func<StrategyId, double> capitalShare;
    private readonly int instrumentCount;
    private readonly int classCount;
    private readonly int capacity;
    private readonly InstrumentId[][] tradableByClass;
    private readonly AssetClass[] classOf;
    private readonly int[] slotOf = new int[StrategyRegistry.Capacity];
    private readonly int[] strategyOf;
    private readonly int[] accountOf;
    private readonly bool[] limited;
    private readonly double[] limits;
    private readonly long[] position;
    private readonly long[] basis;
    private readonly long[] realised;
    private readonly long[] workingBuy;
    private readonly long[] workingSell;
    private readonly long[] peak;
    private readonly long[] verdicts;
    private readonly int[] classStart;
    private readonly int[] touched;
    private readonly int[] touchedCount;
    private readonly bool[] isTouched;
    private readonly long[] lastOrderId;
    private readonly long[] lastQuantity;
    private readonly byte[] lastVerdict;
    private readonly int verdictCount;
    private int count;
    private long nextSample = long.MinValue;

    /// <summary>Creates an empty book.</summary>
    /// <param name="catalog">The instruments.</param>
    /// <param name="registry">Where strategy documents are read (once per strategy).</param>
    /// <param name="capitalShare">A strategy's capital share (fraction of its account); NaN or ≤ 0 = no capital.</param>
    /// <param name="capacity">Most strategies tracked; later ones with limits are refused (see <see cref="Observe"/>).</param>
    public StrategyRiskBook(InstrumentCatalog catalog, StrategyRegistry registry, Func<StrategyId, double> capitalShare, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(capitalShare);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.registry = registry;
        this.capitalShare = capitalShare;
        this.capacity = capacity;
        instrumentCount = catalog.Count;
        classCount = RiskLimits.AssetClassCount;
        verdictCount = RiskLimits.VerdictCount;
        tradableByClass = new InstrumentId[classCount][];
        for (var c = 0; c < classCount; c++)
        {
            tradableByClass[c] = [.. catalog.OfClass((AssetClass)c).Where(i => i.IsTradable).Select(i => i.Id)];
        }

        classOf = [.. catalog.Instruments.Select(i => i.AssetClass)];
        strategyOf = new int[capacity];
        accountOf = new int[capacity];
        limited = new bool[capacity];
        limits = new double[capacity * classCount * Fields];
        position = new long[capacity * instrumentCount];
        basis = new long[capacity * instrumentCount];
        realised = new long[capacity * instrumentCount];
        workingBuy = new long[capacity * instrumentCount];
        workingSell = new long[capacity * instrumentCount];
        peak = new long[capacity * classCount];
        verdicts = new long[capacity * verdictCount];
        // Per strategy, the instruments it ever had a working order or fill in, by class (blocks of the class's tradable
        // instruments): the per-order sums run over these only.
        classStart = new int[classCount];
        for (var c = 1; c < classCount; c++)
        {
            classStart[c] = classStart[c - 1] + tradableByClass[c - 1].Length;
        }

        touched = new int[capacity * Math.Max(1, tradableByClass.Sum(ids => ids.Length))];
        touchedCount = new int[capacity * classCount];
        isTouched = new bool[capacity * instrumentCount];
        lastOrderId = new long[capacity * instrumentCount];
        lastQuantity = new long[capacity * instrumentCount];
        lastVerdict = new byte[capacity * instrumentCount];
    }

    /// <summary>The highest order id the gate has checked (any strategy, operator orders included).</summary>
    public long LastOrderId { get; private set; }

    /// <summary>Strategies tracked.</summary>
    public int Count => count;

    /// <summary>Most strategies tracked.</summary>
    public int Capacity => capacity;

    /// <summary>Orders of strategies that found no slot (capacity reached) or no document.</summary>
    public long Untracked { get; private set; }

    /// <summary>How often (event time) the heartbeat re-marks every strategy's P&amp;L peaks.</summary>
    public const long SampleIntervalNanoseconds = 1_000_000_000;

    /// <summary>
    /// The slot of <paramref name="strategy"/> (trading in <paramref name="account"/>), assigned and its limits compiled
    /// on first sight; −1 for no strategy, an unregistered one, or when <see cref="DefaultCapacity"/> is reached (counted
    /// in <see cref="Untracked"/>). Allocates nothing.
    /// </summary>
    public int Observe(StrategyId strategy, AccountId account)
    {
        var id = strategy.Value;
        if ((uint)id >= (uint)slotOf.Length)
        {
            return -1;
        }

        var known = slotOf[id];
        if (known > 0)
        {
            return known - 1;
        }

        if (known < 0 || count == capacity || registry.Document(strategy) is not { } document)
        {
            slotOf[id] = known < 0 || count == capacity ? -1 : 0;
            Untracked++;
            return -1;
        }

        var slot = count++;
        slotOf[id] = slot + 1;
        strategyOf[slot] = id;
        accountOf[slot] = account.Value;
        Compile(slot, document.RiskParameters);
        return slot;
    }

    /// <summary>The slot of an already observed strategy, or −1.</summary>
    public int SlotOf(StrategyId strategy) => (uint)strategy.Value < (uint)slotOf.Length && slotOf[strategy.Value] > 0 ? slotOf[strategy.Value] - 1 : -1;

    /// <summary>Whether the strategy of <paramref name="slot"/> may be refused for its strategy limits (a document limit other than the stop-loss set).</summary>
    public bool HasLimits(int slot) => limited[slot];

    /// <summary>The strategy id of a slot.</summary>
    public StrategyId StrategyAt(int slot) => new(strategyOf[slot]);

    /// <summary>The account of a slot.</summary>
    public AccountId AccountAt(int slot) => new(accountOf[slot]);

    /// <summary>One compiled limit (<see cref="MaxAllocationField"/> …); +∞ when the document sets none.</summary>
    public double Limit(int slot, AssetClass assetClass, int field) => limits[(((slot * classCount) + (int)assetClass) * Fields) + field];

    /// <summary>The strategy's capital now: capital share × <paramref name="equity"/> (base raw); 0 when it has none.</summary>
    public double Capital(int slot, Money equity)
    {
        var share = capitalShare(new StrategyId(strategyOf[slot]));
        var capital = share * equity.Raw;
        return capital > 0 && double.IsFinite(capital) ? capital : 0;
    }

    /// <summary>The capital share of a slot's strategy (NaN when coordination does not know it).</summary>
    public double CapitalShare(int slot) => capitalShare(new StrategyId(strategyOf[slot]));

    /// <summary>Filled position (raw) of a slot's strategy in an instrument.</summary>
    public long Position(int slot, InstrumentId instrument) => position[(slot * instrumentCount) + instrument.Value];

    /// <summary>Cost basis (raw, quote currency, signed) of the position.</summary>
    public long Basis(int slot, InstrumentId instrument) => basis[(slot * instrumentCount) + instrument.Value];

    /// <summary>Realised P&amp;L less fees (raw, quote currency) of the strategy in the instrument.</summary>
    public long Realised(int slot, InstrumentId instrument) => realised[(slot * instrumentCount) + instrument.Value];

    /// <summary>Working buy quantity (raw).</summary>
    public long WorkingBuy(int slot, InstrumentId instrument) => workingBuy[(slot * instrumentCount) + instrument.Value];

    /// <summary>Working sell quantity (raw).</summary>
    public long WorkingSell(int slot, InstrumentId instrument) => workingSell[(slot * instrumentCount) + instrument.Value];

    /// <summary>The highest class P&amp;L seen (base raw).</summary>
    public long Peak(int slot, AssetClass assetClass) => peak[(slot * classCount) + (int)assetClass];

    /// <summary>The tradable instruments of a class.</summary>
    public ReadOnlySpan<InstrumentId> InstrumentsOf(AssetClass assetClass) => tradableByClass[(int)assetClass];

    /// <summary>Orders of a slot's strategy that got <paramref name="verdict"/>.</summary>
    public long VerdictCount(int slot, RiskVerdict verdict) => verdicts[(slot * verdictCount) + (int)verdict];

    /// <summary>
    /// Records the verdict of <paramref name="order"/>: counted for its strategy (observing it; nothing for operator
    /// orders or untracked strategies), and kept as the strategy's last order in the instrument (id, signed quantity,
    /// verdict) so a rebalance can report what it led to. Allocates nothing.
    /// </summary>
    public void Record(in OrderEvent order, RiskVerdict verdict)
    {
        if (order.OrderId > LastOrderId)
        {
            LastOrderId = order.OrderId;
        }

        var slot = order.Strategy.IsValid ? Observe(order.Strategy, order.Account) : -1;
        if (slot < 0 || (uint)order.Instrument.Value >= (uint)instrumentCount)
        {
            return;
        }

        verdicts[(slot * verdictCount) + (int)verdict]++;
        var cell = (slot * instrumentCount) + order.Instrument.Value;
        lastOrderId[cell] = order.OrderId;
        lastQuantity[cell] = order.Side == OrderSide.Buy ? order.Quantity.Raw : -order.Quantity.Raw;
        lastVerdict[cell] = (byte)verdict;
    }

    /// <summary>The strategy's last order in the instrument: id (0 = none), signed quantity (raw) and verdict.</summary>
    public (long OrderId, long Quantity, RiskVerdict Verdict) LastOrder(int slot, InstrumentId instrument)
    {
        var cell = (slot * instrumentCount) + instrument.Value;
        return (lastOrderId[cell], lastQuantity[cell], (RiskVerdict)lastVerdict[cell]);
    }

    /// <summary>An accepted order of the slot's strategy starts working.</summary>
    public void AddWorking(int slot, InstrumentId instrument, OrderSide side, long quantity)
    {
        Touch(slot, instrument.Value);
        (side == OrderSide.Buy ? workingBuy : workingSell)[(slot * instrumentCount) + instrument.Value] += quantity;
    }

    /// <summary>Part of an order of the slot's strategy stopped working (filled, cancelled or rejected for good).</summary>
    public void RemoveWorking(int slot, int instrument, byte side, long quantity)
        => (side == (byte)OrderSide.Buy ? workingBuy : workingSell)[(slot * instrumentCount) + instrument] -= quantity;

    /// <summary>
    /// A forwarded execution report: a fill moves the strategy's position, cost basis and realised P&amp;L (average cost,
    /// as the account book does: <see cref="PositionMath"/>), and its fee (quote currency) is taken off realised.
    /// Fills that would overflow are ignored (the account book refuses them too).
    /// </summary>
    public void OnExecution(StrategyId strategy, InstrumentId instrument, in ForwardedExecution report)
    {
        if (report.Type != ExecutionType.Fill)
        {
            return;
        }

        var slot = SlotOf(strategy);
        if (slot < 0 || (uint)instrument.Value >= (uint)instrumentCount)
        {
            return;
        }

        Touch(slot, instrument.Value);
        var cell = (slot * instrumentCount) + instrument.Value;
        var quantity = report.Side == OrderSide.Buy ? report.Quantity.Raw : -report.Quantity.Raw;
        if (!FixedMath.TryMultiplyScaled(quantity, report.Price.Raw, out var notional)
            || !PositionMath.TryApply(position[cell], basis[cell], quantity, notional, report.Price.Raw, out var newPosition, out var newBasis, out var gained))
        {
            return;
        }

        position[cell] = newPosition;
        basis[cell] = newBasis;
        realised[cell] = RiskMath.AddSaturating(realised[cell], RiskMath.AddSaturating(gained, -report.Fee.Raw));
    }

    /// <summary>
    /// The slot's P&amp;L in a class (base raw): Σ realised + position × mark − basis over the class's instruments, each
    /// converted at the current rate. False when an instrument with a position has no mark or rate yet.
    /// </summary>
    public bool TryClassPnl<TView>(int slot, AssetClass assetClass, in TView view, out long pnl)
        where TView : IRiskAccountView
    {
        pnl = 0;
        var account = new AccountId(accountOf[slot]);
        var list = TouchedIn(slot, assetClass);
        for (var k = 0; k < list.Length; k++)
        {
            var id = new InstrumentId(list[k]);
            var cell = (slot * instrumentCount) + list[k];
            long held = position[cell];
            long quote = realised[cell];
            if (held != 0)
            {
                if (!view.TryGetMark(id, out var mark) || !FixedMath.TryMultiplyScaled(held, mark.Raw, out var value))
                {
                    return false;
                }

                quote = RiskMath.AddSaturating(quote, RiskMath.AddSaturating(value, -basis[cell]));
            }

            if (quote == 0)
            {
                continue;
            }

            if (!view.TryToBase(account, id, Money.FromRaw(quote), out var inBase))
            {
                return false;
            }

            pnl = RiskMath.AddSaturating(pnl, inBase.Raw);
        }

        return true;
    }

    /// <summary>
    /// The slot's worst-case exposure in a class (base raw, ≥ 0): Σ (|position| + working buy + working sell) × mark.
    /// False when an instrument with a position or working order has no mark or rate yet.
    /// </summary>
    public bool TryClassExposure<TView>(int slot, AssetClass assetClass, in TView view, out long exposure)
        where TView : IRiskAccountView
    {
        exposure = 0;
        var account = new AccountId(accountOf[slot]);
        var list = TouchedIn(slot, assetClass);
        for (var k = 0; k < list.Length; k++)
        {
            var id = new InstrumentId(list[k]);
            var cell = (slot * instrumentCount) + list[k];
            long open = RiskMath.AddSaturating(RiskMath.AddSaturating(RiskMath.AbsSaturating(position[cell]), workingBuy[cell]), workingSell[cell]);
            if (open == 0)
            {
                continue;
            }

            if (!view.TryGetMark(id, out var mark)
                || !view.TryToBase(account, id, Money.FromRaw(RiskMath.NotionalCeiling(open, mark.Raw)), out var inBase))
            {
                return false;
            }

            exposure = RiskMath.AddSaturating(exposure, inBase.Raw);
        }

        return true;
    }

    /// <summary>
    /// The slot's open positions in a class, for the stop-loss: cost basis Σ |basis| and unrealised P&amp;L Σ (position ×
    /// mark − basis), both in base raw. False when a mark or rate is missing.
    /// </summary>
    public bool TryClassOpen<TView>(int slot, AssetClass assetClass, in TView view, out long cost, out long unrealised)
        where TView : IRiskAccountView
    {
        cost = 0;
        unrealised = 0;
        var account = new AccountId(accountOf[slot]);
        var list = TouchedIn(slot, assetClass);
        for (var k = 0; k < list.Length; k++)
        {
            var id = new InstrumentId(list[k]);
            var cell = (slot * instrumentCount) + list[k];
            long held = position[cell];
            if (held == 0)
            {
                continue;
            }

            if (!view.TryGetMark(id, out var mark) || !FixedMath.TryMultiplyScaled(held, mark.Raw, out var value)
                || !view.TryToBase(account, id, Money.FromRaw(RiskMath.AbsSaturating(basis[cell])), out var costBase)
                || !view.TryToBase(account, id, Money.FromRaw(RiskMath.AddSaturating(value, -basis[cell])), out var pnlBase))
            {
                return false;
            }

            cost = RiskMath.AddSaturating(cost, costBase.Raw);
            unrealised = RiskMath.AddSaturating(unrealised, pnlBase.Raw);
        }

        return true;
    }

    /// <summary>Raises the class's P&amp;L peak to <paramref name="pnl"/> when higher; returns the peak.</summary>
    public long RaisePeak(int slot, AssetClass assetClass, long pnl)
    {
        ref var p = ref peak[(slot * classCount) + (int)assetClass];
        if (pnl > p)
        {
            p = pnl;
        }

        return p;
    }

    /// <summary>
    /// Event time advanced (the order ring's heartbeat): once a second, re-marks the P&amp;L of every class with a
    /// <c>maxDrawdown</c> and raises its peak, so a rally between two of the strategy's orders sets the peak. O(strategies
    /// × instruments); allocates nothing.
    /// </summary>
    public void OnTime<TView>(long now, in TView view)
        where TView : IRiskAccountView
    {
        if (now < nextSample)
        {
            return;
        }

        nextSample = now + SampleIntervalNanoseconds;
        for (var slot = 0; slot < count; slot++)
        {
            for (var c = 0; c < classCount; c++)
            {
                if (!double.IsPositiveInfinity(Limit(slot, (AssetClass)c, MaxDrawdownField)) && TryClassPnl(slot, (AssetClass)c, in view, out var pnl))
                {
                    RaisePeak(slot, (AssetClass)c, pnl);
                }
            }
        }
    }

    /// <summary>The instruments (ids) of a class the slot's strategy has had a working order or fill in.</summary>
    public ReadOnlySpan<int> TouchedIn(int slot, AssetClass assetClass)
        => touched.AsSpan((slot * touched.Length / capacity) + classStart[(int)assetClass], touchedCount[(slot * classCount) + (int)assetClass]);

    private void Touch(int slot, int instrument)
    {
        var cell = (slot * instrumentCount) + instrument;
        if (isTouched[cell])
        {
            return;
        }

        var c = (int)classOf[instrument];
        ref var n = ref touchedCount[(slot * classCount) + c];
        if (n >= tradableByClass[c].Length)
        {
            return; // not a tradable instrument of its class: nothing the limits count
        }

        isTouched[cell] = true;
        touched[(slot * touched.Length / capacity) + classStart[c] + n] = instrument;
        n++;
    }

    /// <summary>The asset class of an instrument.</summary>
    public AssetClass ClassOf(InstrumentId instrument) => classOf[instrument.Value];

    /// <summary>Adds the whole book to a digest.</summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(count).Add(Untracked).Add(nextSample);
        foreach (var value in slotOf)
        {
            builder.Add(value);
        }

        for (var slot = 0; slot < count; slot++)
        {
            builder.Add(strategyOf[slot]).Add(accountOf[slot]);
        }

        builder.Add(position).Add(basis).Add(realised).Add(workingBuy).Add(workingSell).Add(peak).Add(verdicts).Add(limits)
            .Add(LastOrderId).Add(lastOrderId).Add(lastQuantity);
        foreach (var value in touchedCount)
        {
            builder.Add(value);
        }

        foreach (var value in touched)
        {
            builder.Add(value);
        }

        foreach (var verdict in lastVerdict)
        {
            builder.Add(verdict);
        }

        foreach (var on in limited)
        {
            builder.Add(on);
        }
    }

    private void Compile(int slot, CrossAssetRiskConfig parameters)
    {
        var start = slot * classCount * Fields;
        limits.AsSpan(start, classCount * Fields).Fill(double.PositiveInfinity);
        var any = false;
        var sets = parameters.AssetClassLimits;
        for (var k = 0; k < sets.Count; k++)
        {
            var set = sets[k];
            var at = start + ((int)set.AssetClass * Fields);
            any |= Put(at + MaxAllocationField, set.MaxAllocation / 100);
            any |= Put(at + MaxLeverageField, set.MaxLeverage);
            any |= Put(at + MaxDrawdownField, set.MaxDrawdown / 100);
            Put(at + StopLossField, set.StopLossThreshold / 100);
        }

        limited[slot] = any;
    }

    private bool Put(int at, double? value)
    {
        if (value is not { } v || !(v >= 0) || double.IsInfinity(v))
        {
            return false;
        }

        limits[at] = v;
        return true;
    }
}
