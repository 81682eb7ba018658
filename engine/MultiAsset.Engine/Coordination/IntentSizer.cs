using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Turns one trading intent into pending changes of its strategy's ordered positions: sizes targets in whole lots
/// from the strategy's capital, class weight and the reference price, and moves class weights within their band.
/// Per intent; allocates nothing.
/// </summary>
/// <remarks>
/// Sizing (in the instrument's units; the budget is in the account's base currency and each unit is valued at its
/// quote-currency price converted at the live FX rate — see <see cref="Valuation"/>):
/// <list type="bullet">
/// <item><c>TargetPosition</c> w ∈ [−1, 1]: w × strategy capital × class weight × risk scale / (instruments of the class seen, ≥ 1) / unit value.</item>
/// <item><c>TargetWeight</c> w: w × strategy capital × risk scale / unit value.</item>
/// <item><c>Trade</c>: the quantity, on its side.</item>
/// <item><c>Close</c> / <c>CloseAll</c>: target 0 for the instrument / for every instrument the strategy has traded.</item>
/// </list>
/// Every size is rounded toward zero to whole lots. Strategy capital = account equity × the strategy's capital share.
/// A target is then capped by the document's <c>riskParameters.assetClassLimits[class].maxAllocation</c>: the strategy's
/// gross ordered value in the class (other instruments at their latest prices + this target) stays within that fraction
/// of the strategy's capital. Whether an order may go now (back-off after a refusal, a clipped order still working)
/// is decided by <see cref="OrderGate"/>; the account-level risk limits are applied to the netted order at the flush.
/// </remarks>
internal sealed class IntentSizer
{
    private readonly StrategyTable strategies;
    private readonly PendingBatch pending;
    private readonly IAccountCapital capital;
    private readonly ConflictRuleTable rules;
    private readonly ConflictLog conflicts;
    private readonly CoordinationCounters counters;
    private readonly Valuation valuation;
    private readonly OrderGate gate;
    private readonly long[] lot;
    private readonly AssetClass[] classOf;
    private readonly bool[] tradable;
    private readonly int instrumentCount;

    // Per account and instrument: an account sees only its own strategies' prices, so nothing another account's
    // strategies send can change how this account's positions are re-sized or closed.
    private readonly long[] lastPrice;

    // Transient: the HedgeBeta coefficients of the group at hand, consumed by the HedgeRisk intent that ends it.
    private readonly HedgeOverlayBuilder overlay = new();

    public IntentSizer(
        InstrumentCatalog catalog,
        StrategyTable strategies,
        PendingBatch pending,
        IAccountCapital capital,
        ConflictRuleTable rules,
        ConflictLog conflicts,
        CoordinationCounters counters,
        Valuation valuation,
        OrderGate gate)
    {
        this.valuation = valuation;
        this.gate = gate;
        this.strategies = strategies;
        this.pending = pending;
        this.capital = capital;
        this.rules = rules;
        this.conflicts = conflicts;
        this.counters = counters;
        var n = catalog.Count;
        lot = new long[n];
        classOf = new AssetClass[n];
        tradable = new bool[n];
        instrumentCount = n;
        lastPrice = new long[strategies.AccountCount * n];
        for (var i = 0; i < n; i++)
        {
            var instrument = catalog.Instruments[i];
            lot[i] = instrument.IsTradable ? instrument.LotSize.Raw : 1;
            classOf[i] = instrument.AssetClass;
            tradable[i] = instrument.IsTradable && instrument.LotSize.Raw > 0;
        }
    }

    /// <summary>Latest reference price (raw) of <paramref name="instrument"/> among the intents of <paramref name="account"/>'s strategies; 0 when none.</summary>
    public long LastPrice(int account, int instrument) => lastPrice[(account * instrumentCount) + instrument];

    /// <summary>Every account's latest reference prices, for the digest.</summary>
    public ReadOnlySpan<long> LastPrices => lastPrice;

    /// <summary>The asset class of every instrument, by id.</summary>
    public AssetClass[] ClassOf => classOf;

    /// <summary>Lot size of every instrument (raw), by id.</summary>
    public long[] Lot => lot;

    /// <summary>Applies one trading intent of <paramref name="book"/>.</summary>
    public void Apply(ref IntentEvent intent, StrategyBook book)
    {
        switch (intent.Kind)
        {
            case IntentKind.TargetPosition:
                Target(ref intent, book, classWeighted: true);
                break;
            case IntentKind.TargetWeight:
                Target(ref intent, book, classWeighted: false);
                break;
            case IntentKind.Trade:
                Trade(ref intent, book);
                break;
            case IntentKind.Close:
                Close(ref intent, book);
                break;
            case IntentKind.CloseAll:
                CloseAll(ref intent, book);
                break;
            case IntentKind.AssetClassWeight:
            case IntentKind.AssetClassWeightChange:
                ClassWeight(ref intent, book);
                break;
            case IntentKind.Rebalance:
                Rebalance(ref intent, book);
                break;
            case IntentKind.HedgeBeta:
                overlay.Add(ref intent, book, this);
                break;
            default:
                counters.Ignored++;
                break;
        }
    }

    /// <summary>The capital <paramref name="book"/> sizes against (account equity × share; 0 when there is none).</summary>
    public double StrategyCapital(StrategyBook book)
    {
        var equity = capital.Equity(book.Account).ToDouble() * book.CapitalShare;
        return equity > 0 && double.IsFinite(equity) ? equity : 0;
    }

    private double ClassBudget(StrategyBook book, int assetClass)
        => StrategyCapital(book) * book.RiskScale * book.ClassWeight[assetClass] / Math.Max(1, book.SeenPerClass[assetClass]);

    /// <summary>The latest price of <paramref name="instrument"/> for <paramref name="account"/>: the live mark when there is one, else the last reference price.</summary>
    public long CurrentPrice(int account, int instrument)
    {
        var mark = valuation.Mark(instrument);
        return mark > 0 ? mark : LastPrice(account, instrument);
    }

    /// <summary>
    /// The size (raw, whole lots, toward zero) of <paramref name="weight"/> × <paramref name="budget"/> (base currency)
    /// in <paramref name="instrument"/> at <paramref name="price"/>, capped by the document's class maxAllocation; false
    /// when the instrument cannot be valued (no FX rate yet).
    /// </summary>
    private bool TrySize(StrategyBook book, int instrument, double weight, double budget, long price, out long target)
    {
        var unit = valuation.UnitValue(book.Account.Value, instrument, price);
        if (!(unit > 0))
        {
            counters.MissingRate++;
            target = 0;
            return false;
        }

        target = LotMath.RoundDown(weight * budget / unit, lot[instrument]);
        var c = (int)classOf[instrument];
        var max = book.DocumentMaxAllocation[c];
        if (target != 0 && double.IsFinite(max))
        {
            // Room the document leaves in the class: its cap on the strategy's capital less what the strategy's other
            // instruments of the class are ordered at, valued at their latest prices.
            var room = (max * StrategyCapital(book)) - ClassValue(book, c, except: instrument);
            var cap = LotMath.RoundDown(Math.Max(0, room) / unit, lot[instrument]);
            if (Math.Abs(target) > cap)
            {
                target = Math.Sign(target) * cap;
                counters.DocumentCapped++;
            }
        }

        return true;
    }

    /// <summary>Gross value (base currency) of what <paramref name="book"/> has ordered in <paramref name="assetClass"/>, at the latest prices.</summary>
    public double ClassValue(StrategyBook book, int assetClass, int except = -1)
    {
        double value = 0;
        for (var t = 0; t < book.TouchedCount; t++)
        {
            var j = book.Touched[t];
            var ordered = book.Ordered[j];
            if (j == except || ordered == 0 || (int)classOf[j] != assetClass)
            {
                continue;
            }

            var unit = valuation.UnitValue(book.Account.Value, j, CurrentPrice(book.Account.Value, j));
            if (unit > 0)
            {
                value += Math.Abs(Quantity.FromRaw(ordered).ToDouble()) * unit;
            }
        }

        return value;
    }

    private bool TryInstrument(ref IntentEvent intent, out int instrument)
    {
        instrument = intent.Instrument.Value;
        if ((uint)instrument < (uint)tradable.Length && tradable[instrument])
        {
            return true;
        }

        counters.InvalidInstrument++;
        return false;
    }

    /// <summary>Whether <paramref name="instrument"/> is a tradable id of the catalogue.</summary>
    public bool IsTradable(int instrument) => (uint)instrument < (uint)tradable.Length && tradable[instrument];

    /// <summary>Records <paramref name="price"/> as <paramref name="account"/>'s latest reference price of <paramref name="instrument"/>.</summary>
    public void RecordPrice(int account, int instrument, long price) => lastPrice[(account * instrumentCount) + instrument] = price;

    /// <summary>Value of one unit of <paramref name="instrument"/> in the account's base currency at its current price (NaN when it cannot be valued).</summary>
    public double UnitValue(StrategyBook book, int instrument) => valuation.UnitValue(book.Account.Value, instrument, CurrentPrice(book.Account.Value, instrument));

    /// <summary>Counts an intent that cannot be applied as sent.</summary>
    public void CountInvalid() => counters.InvalidIntent++;

    private bool TryPrice(ref IntentEvent intent, int instrument, out long price)
    {
        price = intent.ReferencePrice.Raw;
        if (price > 0)
        {
            lastPrice[(intent.Account.Value * instrumentCount) + instrument] = price;
            return true;
        }

        counters.MissingPrice++;
        return false;
    }

    private void Target(ref IntentEvent intent, StrategyBook book, bool classWeighted)
    {
        if (!TryInstrument(ref intent, out var i))
        {
            return;
        }

        if (!double.IsFinite(intent.Weight))
        {
            counters.InvalidIntent++;
            return;
        }

        if (!TryPrice(ref intent, i, out var price))
        {
            return;
        }

        var c = (int)classOf[i];
        book.MarkSeen(i, classOf[i]);
        var weight = Math.Clamp(intent.Weight, -1.0, 1.0);
        book.ClassSized[i] = classWeighted;
        book.Weight[i] = classWeighted ? weight : 0;
        var budget = classWeighted ? ClassBudget(book, c) : StrategyCapital(book) * book.RiskScale;
        if (!TrySize(book, i, weight, budget, price, out var target))
        {
            return;
        }

        if (target == 0 && weight != 0)
        {
            counters.RoundedToZero++;
        }

        SetTarget(book, i, target, ref intent, price);
    }

    private void Trade(ref IntentEvent intent, StrategyBook book)
    {
        if (!TryInstrument(ref intent, out var i))
        {
            return;
        }

        if (intent.Quantity.Raw <= 0 || intent.Side is not (OrderSide.Buy or OrderSide.Sell))
        {
            counters.InvalidIntent++;
            return;
        }

        if (!TryPrice(ref intent, i, out var price))
        {
            return;
        }

        book.MarkSeen(i, classOf[i]);
        var quantity = LotMath.RoundDown(intent.Quantity.Raw, lot[i]);
        if (quantity == 0)
        {
            counters.RoundedToZero++;
            return;
        }

        book.ClassSized[i] = false;
        var slot = book.PendingSlot[i];
        var pendingDelta = slot != 0 ? pending[slot - 1].Delta : 0;
        var delta = Math.Clamp(checked(pendingDelta + (intent.Side == OrderSide.Buy ? quantity : -quantity)), -LotMath.MaxRaw, LotMath.MaxRaw);
        SetTarget(book, i, checked(book.Ordered[i] + delta), ref intent, price);
    }

    private void Close(ref IntentEvent intent, StrategyBook book)
    {
        if (!TryInstrument(ref intent, out var i))
        {
            return;
        }

        // A close needs no price to size; it only refreshes the reference when it brings one.
        if (intent.ReferencePrice.Raw > 0)
        {
            lastPrice[(book.Account.Value * instrumentCount) + i] = intent.ReferencePrice.Raw;
        }

        Flatten(book, i, ref intent);
    }

    private void CloseAll(ref IntentEvent intent, StrategyBook book)
    {
        for (var t = 0; t < book.TouchedCount; t++)
        {
            Flatten(book, book.Touched[t], ref intent);
        }
    }

    private void Flatten(StrategyBook book, int instrument, ref IntentEvent intent)
    {
        book.ClassSized[instrument] = false;
        book.Weight[instrument] = 0;
        if (book.Ordered[instrument] != 0 || book.PendingSlot[instrument] != 0)
        {
            SetTarget(book, instrument, 0, ref intent, CurrentPrice(book.Account.Value, instrument));
        }
    }

    private void ClassWeight(ref IntentEvent intent, StrategyBook book)
    {
        var c = (int)intent.AssetClass;
        if ((uint)c >= StrategyBook.AssetClasses || !double.IsFinite(intent.Weight))
        {
            counters.InvalidIntent++;
            return;
        }

        var current = book.ClassWeight[c];
        var requested = intent.Kind == IntentKind.AssetClassWeight ? intent.Weight : current + intent.Weight;
        var applied = requested;
        if (!book.InBand(c, requested))
        {
            var rule = rules.Rules[rules.For(ConflictCondition.AllocationBand, book.Account.Value, c)];
            applied = rule.Resolution == ConflictResolution.Cancel ? current : book.Clamp(c, requested);
            conflicts.Add(new ConflictRecord
            {
                Timestamp = intent.Timestamp,
                SourceSequence = intent.SourceSequence,
                Account = book.Account,
                Instrument = InstrumentId.None,
                AssetClass = (AssetClass)c,
                Condition = ConflictCondition.AllocationBand,
                Resolution = rule.Resolution,
                StrategyCount = 1,
                Strategy = book.Id,
                Other = StrategyId.None,
                WeightRequested = requested,
                WeightApplied = applied,
            });
        }

        if (applied == current)
        {
            return;
        }

        book.ClassWeight[c] = applied;
        Resize(book, c, ref intent);
    }

    /// <summary>Positions sized from a class weight follow it: re-sizes each of class <paramref name="assetClass"/> at its instrument's latest price.</summary>
    private void Resize(StrategyBook book, int assetClass, ref IntentEvent intent)
    {
        for (var t = 0; t < book.TouchedCount; t++)
        {
            var i = book.Touched[t];
            var price = CurrentPrice(book.Account.Value, i);
            if ((int)classOf[i] != assetClass || !book.ClassSized[i] || price <= 0)
            {
                continue;
            }

            if (TrySize(book, i, book.Weight[i], ClassBudget(book, assetClass), price, out var target))
            {
                SetTarget(book, i, target, ref intent, price);
            }
        }
    }

    /// <summary>
    /// A rebalancing rule fired (<see cref="IntentKind.Rebalance"/>). <b>Rebalance</b>: class weights back to the
    /// document's targets, the risk scale back to 1, class-sized positions re-sized — for a Threshold trigger only when
    /// some class drifted beyond its allocation's <c>rebalanceThreshold</c> (see <see cref="Drifted"/>). <b>HedgeRisk</b>
    /// of a rule with <c>hedgeInstruments</c>: sets the minimum-variance hedge overlay (<see cref="HedgeOverlayBuilder"/>);
    /// when its coefficients could not be estimated, or for a rule without hedges, it
    /// halves the strategy's gross exposure — every ordered position halved (toward zero, whole lots) and the risk scale
    /// halved (floor 1/8) so later targets keep the smaller size until a Rebalance restores it. <b>TakeProfit</b>: closes
    /// every position whose latest price is beyond its average entry in the position's favour (entry = the average
    /// reference price at which coordination ordered it, not the fill prices).
    /// </summary>
    private void Rebalance(ref IntentEvent intent, StrategyBook book)
    {
        switch (intent.RebalanceAction)
        {
            case RebalanceAction.Rebalance:
                if (intent.RebalanceTrigger == RebalanceTrigger.Threshold && !Drifted(book))
                {
                    counters.RebalancesSkipped++;
                    return;
                }

                counters.Rebalances++;
                book.RiskScale = 1.0;
                for (var c = 0; c < StrategyBook.AssetClasses; c++)
                {
                    if (book.HasClass[c])
                    {
                        book.ClassWeight[c] = book.DocumentWeight[c];
                    }
                }

                for (var c = 0; c < StrategyBook.AssetClasses; c++)
                {
                    Resize(book, c, ref intent);
                }

                break;
            case RebalanceAction.HedgeRisk:
                counters.Rebalances++;
                if (intent.Weight > 0)
                {
                    if (overlay.TryPlace(ref intent, book, this))
                    {
                        counters.HedgeOverlays++;
                        break;
                    }

                    counters.HedgeFallbacks++;
                }

                book.RiskScale = Math.Max(MinRiskScale, book.RiskScale / 2);
                for (var t = 0; t < book.TouchedCount; t++)
                {
                    var i = book.Touched[t];
                    if (book.Ordered[i] != 0)
                    {
                        SetTarget(book, i, LotMath.RoundDown(book.Ordered[i] / 2, lot[i]), ref intent, CurrentPrice(book.Account.Value, i));
                    }
                }

                break;
            case RebalanceAction.TakeProfit:
                counters.Rebalances++;
                for (var t = 0; t < book.TouchedCount; t++)
                {
                    var i = book.Touched[t];
                    var ordered = book.Ordered[i];
                    var price = Price.FromRaw(CurrentPrice(book.Account.Value, i)).ToDouble();
                    var entry = book.AverageEntry[i];
                    if (ordered != 0 && price > 0 && entry > 0 && (ordered > 0 ? price > entry : price < entry))
                    {
                        Flatten(book, i, ref intent);
                    }
                }

                break;
            default:
                counters.InvalidIntent++;
                break;
        }
    }

    /// <summary>Smallest risk scale HedgeRisk actions leave (three halvings).</summary>
    public const double MinRiskScale = 0.125;

    /// <summary>
    /// Whether some class's share of the strategy's gross ordered value (at latest prices, base currency) is further
    /// from the document's target weight than the allocation's <c>rebalanceThreshold</c> (percentage points). A class
    /// without a threshold never counts; a strategy with nothing ordered has not drifted.
    /// </summary>
    public bool Drifted(StrategyBook book)
    {
        Span<double> value = stackalloc double[StrategyBook.AssetClasses];
        double total = 0;
        for (var c = 0; c < StrategyBook.AssetClasses; c++)
        {
            value[c] = ClassValue(book, c);
            total += value[c];
        }

        if (!(total > 0))
        {
            return false;
        }

        for (var c = 0; c < StrategyBook.AssetClasses; c++)
        {
            var threshold = book.RebalanceThreshold[c];
            if (book.HasClass[c] && double.IsFinite(threshold) && Math.Abs((value[c] / total) - book.DocumentWeight[c]) > threshold + 1e-12)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Records <paramref name="target"/> as the strategy's target for <paramref name="instrument"/> and, when the order gate
    /// lets it go now, makes the pending change target − ordered; otherwise the change waits (and any pending change of
    /// the strategy on the instrument is withdrawn).
    /// </summary>
    public void SetTarget(StrategyBook book, int instrument, long target, ref IntentEvent intent, long price)
    {
        book.Target[instrument] = target;
        book.HasTarget[instrument] = true;
        var delta = checked(target - book.Ordered[instrument]);
        if (!gate.MayOrder(book, instrument, target, delta, intent.Timestamp))
        {
            var slot = book.PendingSlot[instrument];
            if (slot != 0)
            {
                pending[slot - 1].Delta = 0;
            }

            return;
        }

        ref var entry = ref Entry(book, instrument);
        entry.Delta = delta;
        Stamp(ref entry, ref intent, price);
    }

    private ref PendingDelta Entry(StrategyBook book, int instrument)
    {
        ref var entry = ref pending.Upsert(book, instrument, out var grew);
        if (grew)
        {
            counters.BatchGrowths++;
        }

        return ref entry;
    }

    private static void Stamp(ref PendingDelta entry, ref IntentEvent intent, long price)
    {
        entry.Reason = intent.Reason;
        entry.Urgency = intent.Urgency;
        entry.Timestamp = intent.Timestamp;
        entry.SourceSequence = intent.SourceSequence;
        if (price > 0)
        {
            entry.Price = price;
        }
    }
}
