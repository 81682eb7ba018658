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
/// Sizing (all in the instrument's units; capital and price are taken as the same currency — see the stage remarks):
/// <list type="bullet">
/// <item><c>TargetPosition</c> w ∈ [−1, 1]: w × strategy capital × class weight / (instruments of the class seen, ≥ 1) / price.</item>
/// <item><c>TargetWeight</c> w: w × strategy capital / price.</item>
/// <item><c>Trade</c>: the quantity, on its side.</item>
/// <item><c>Close</c> / <c>CloseAll</c>: target 0 for the instrument / for every instrument the strategy has traded.</item>
/// </list>
/// Every size is rounded toward zero to whole lots. Strategy capital = account equity × the strategy's capital share.
/// </remarks>
internal sealed class IntentSizer
{
    private readonly StrategyTable strategies;
    private readonly PendingBatch pending;
    private readonly IAccountCapital capital;
    private readonly ConflictRuleTable rules;
    private readonly ConflictLog conflicts;
    private readonly CoordinationCounters counters;
    private readonly long[] lot;
    private readonly AssetClass[] classOf;
    private readonly bool[] tradable;
    private readonly int instrumentCount;

    // Per account and instrument: an account sees only its own strategies' prices, so nothing another account's
    // strategies send can change how this account's positions are re-sized or closed.
    private readonly long[] lastPrice;

    public IntentSizer(
        InstrumentCatalog catalog,
        StrategyTable strategies,
        PendingBatch pending,
        IAccountCapital capital,
        ConflictRuleTable rules,
        ConflictLog conflicts,
        CoordinationCounters counters)
    {
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
        => StrategyCapital(book) * book.ClassWeight[assetClass] / Math.Max(1, book.SeenPerClass[assetClass]);

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
        var budget = classWeighted ? ClassBudget(book, c) : StrategyCapital(book);
        var target = LotMath.RoundDown(weight * budget / Price.FromRaw(price).ToDouble(), lot[i]);
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
        ref var entry = ref Entry(book, i);
        entry.Delta = Math.Clamp(checked(entry.Delta + (intent.Side == OrderSide.Buy ? quantity : -quantity)), -LotMath.MaxRaw, LotMath.MaxRaw);
        Stamp(ref entry, ref intent, price);
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
            SetTarget(book, instrument, 0, ref intent, LastPrice(book.Account.Value, instrument));
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

        // Positions sized from the class weight follow it: re-size each at its instrument's latest reference price.
        for (var t = 0; t < book.TouchedCount; t++)
        {
            var i = book.Touched[t];
            var price = LastPrice(book.Account.Value, i);
            if ((int)classOf[i] != c || !book.ClassSized[i] || price <= 0)
            {
                continue;
            }

            var target = LotMath.RoundDown(book.Weight[i] * ClassBudget(book, c) / Price.FromRaw(price).ToDouble(), lot[i]);
            SetTarget(book, i, target, ref intent, price);
        }
    }

    private void SetTarget(StrategyBook book, int instrument, long target, ref IntentEvent intent, long price)
    {
        ref var entry = ref Entry(book, instrument);
        entry.Delta = checked(target - book.Ordered[instrument]);
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
