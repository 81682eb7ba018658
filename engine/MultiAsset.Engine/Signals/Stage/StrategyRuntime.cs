using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.Rules;
using MultiAsset.Engine.Signals.Strategies;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// One strategy inside the signal stage: its document, account, lifecycle, algorithms and rules, and the
/// translation of what they decide into intents. Owned by the stage's thread; nothing else touches it.
/// </summary>
internal sealed class StrategyRuntime
{
    private readonly IStrategyAlgorithm[] algorithms;
    private readonly RuleSet rules;
    private readonly RebalanceSchedule rebalancing;
    private readonly StrategySignal[] signals;
    private readonly int[] fired;
    private readonly int[] rebalanceFired;
    private readonly CarryHedge? carry;
    private readonly HedgeOverlay?[] hedgeOverlays;
    private readonly AssetClass[] classOf;
    private readonly InstrumentId[] baseInstruments;
    private readonly double[] baseWeights;

    // Targets waiting for their instrument's first price (the coordination stage cannot size a target without one):
    // by instrument id, with the list of those pending. Sent on the strategy's next event once the price is there.
    private readonly bool[] pending;
    private readonly double[] pendingWeight;
    private readonly IntentReason[] pendingReason;
    private readonly short[] pendingRule;
    private readonly byte[] pendingHedge;
    private readonly int[] pendingList;
    private int pendingCount;

    public StrategyRuntime(
        StrategyId id,
        AccountId account,
        StrategyDocument document,
        IReadOnlyList<IStrategyAlgorithm> algorithms,
        InstrumentCatalog catalog,
        SignalStageOptions options,
        StrategyPlan? plan = null)
    {
        Id = id;
        Account = account;
        Document = document;
        this.algorithms = [.. algorithms];
        var ruleInterval = (long)options.RuleInterval.TotalNanoseconds;
        rules = new RuleSet(document.ExecutionRules, ruleInterval);
        rebalancing = new RebalanceSchedule(document.RebalancingRules, (long)options.ThresholdCheckInterval.TotalNanoseconds, ruleInterval);
        signals = new StrategySignal[Math.Max(1, this.algorithms.Length == 0 ? 1 : this.algorithms.Max(a => a.MaxSignalsPerEvent))];
        fired = new int[Math.Max(1, rules.Count)];
        rebalanceFired = new int[Math.Max(1, rebalancing.Count)];
        classOf = [.. catalog.Instruments.Select(i => i.AssetClass)];
        carry = plan?.Carry;
        baseInstruments = plan?.BaseInstruments ?? [];
        baseWeights = plan?.BaseWeights ?? [];
        pending = new bool[catalog.Count];
        pendingWeight = new double[catalog.Count];
        pendingReason = new IntentReason[catalog.Count];
        pendingRule = new short[catalog.Count];
        pendingHedge = new byte[catalog.Count];
        pendingList = new int[catalog.Count];

        var documentInstruments = document.Instruments.Select(s => catalog.TryGet(s, out var i) && i.IsTradable ? i.Id : InstrumentId.None).Where(i => i.IsValid);
        var carryInstruments = carry is null ? [] : new[] { carry.Pair, carry.Hedge }.Where(i => i.IsValid);
        Instruments = [.. this.algorithms.SelectMany(a => a.Instruments).Concat(rules.Instruments).Concat(rebalancing.Instruments)
            .Concat(documentInstruments).Concat(carryInstruments).Distinct().OrderBy(i => i.Value)];
        hedgeOverlays = [.. document.RebalancingRules.Select(r => HedgeOverlayOf(r, catalog, Instruments))];
    }

    private static HedgeOverlay? HedgeOverlayOf(RebalancingRule rule, InstrumentCatalog catalog, InstrumentId[] exposures)
    {
        var hedges = rule.HedgeInstruments.Select(s => catalog.TryGet(s, out var i) && i.IsTradable ? i.Id : InstrumentId.None).Where(i => i.IsValid).ToArray();
        return hedges.Length == 0 ? null : new HedgeOverlay(hedges, exposures.Where(i => catalog.Instruments[i.Value].IsTradable), CarryHedge.DefaultWarmupUpdates);
    }

    public StrategyId Id { get; }

    public AccountId Account { get; }

    public StrategyDocument Document { get; }

    public StrategyLifecycle Lifecycle { get; set; } = StrategyLifecycle.Created;

    /// <summary>Every instrument whose events this strategy must see (algorithms' and rules').</summary>
    public InstrumentId[] Instruments { get; }

    public long Intents { get; private set; }

    public int AlgorithmCount => algorithms.Length;

    public int RuleCount => rules.Count;

    public long Signals { get; private set; }

    public long RuleFirings => rules.Firings;

    public long RuleEvaluations => rules.Evaluations;

    /// <summary>Rebalancing rules that fired so far.</summary>
    public long RebalanceFirings => rebalancing.Firings;

    /// <summary>Targets waiting for a price.</summary>
    public int PendingTargets => pendingCount;

    /// <summary>Handles one accepted market-data event of one of <see cref="Instruments"/>.</summary>
    public void OnEvent(ref readonly InputEvent evt, long sequence, MarketAnalytics analytics, IntentWriter intents)
    {
        // What is decided on a bar is decided at its close, the bar's last instant (InputEvent.LastInstant): inside the
        // session for the session's last bar, so the gate does not refuse the order as placed after the close, and a
        // next-bar venue fills it from the next bar on. Other events are their own instant.
        var decided = evt.LastInstant;
        for (var a = 0; a < algorithms.Length; a++)
        {
            var n = algorithms[a].OnEvent(in evt, analytics, signals);
            for (var s = 0; s < n; s++)
            {
                EmitSignal(in signals[s], decided, sequence, analytics, intents);
            }

            Signals += n;
        }

        var firedCount = rules.Evaluate(evt.Timestamp, analytics, fired);
        for (var f = 0; f < firedCount; f++)
        {
            EmitAction(fired[f], decided, sequence, analytics, intents);
        }

        var rebalances = rebalancing.Evaluate(evt.Timestamp, analytics, rebalanceFired);
        for (var f = 0; f < rebalances; f++)
        {
            EmitRebalance(rebalanceFired[f], decided, sequence, analytics, intents);
        }

        if (carry is not null && carry.TryRefresh(evt.Timestamp, analytics, out var hedgeWeight))
        {
            RequestTarget(carry.Hedge, hedgeWeight, IntentReason.Resize, -1, null, decided, sequence, analytics, intents);
        }

        if (pendingCount > 0)
        {
            FlushPending(decided, sequence, analytics, intents);
        }
    }

    /// <summary>A venue report attributed to this strategy (its algorithms that track fills see it; the stage forwards it as before).</summary>
    public void OnExecution(ref readonly InputEvent evt)
    {
        for (var a = 0; a < algorithms.Length; a++)
        {
            algorithms[a].OnExecution(in evt);
        }
    }

    /// <summary>
    /// The strategy was deployed (first time or again): its base allocation is requested (sent instrument by
    /// instrument as prices are there) and its rebalancing schedules start at its next event.
    /// </summary>
    public void OnDeployed()
    {
        rebalancing.Restart();
        for (var i = 0; i < baseInstruments.Length; i++)
        {
            SetPending(baseInstruments[i], baseWeights[i], IntentReason.Rebalance, -1, null);
        }
    }

    /// <summary>The strategy stopped: nothing pending is sent, and an open carry is forgotten when its positions are flattened.</summary>
    public void OnStopped(bool flattened)
    {
        DropPending();
        if (flattened)
        {
            carry?.Closed();
        }
    }

    /// <summary>Tells later stages the strategy exists (its document is in the registry).</summary>
    public void EmitRegistered(long time, long sequence, IntentWriter intents)
    {
        ref var intent = ref Begin(intents, out var slot, time, sequence);
        intent.Kind = IntentKind.StrategyRegistered;
        intents.Publish(slot);
    }

    /// <summary>Emits a target weight for one instrument (a rebalancing trigger's or an operator's).</summary>
    public void EmitTargetWeight(InstrumentId instrument, double weight, IntentReason reason, long time, long sequence, MarketAnalytics analytics, IntentWriter intents)
    {
        ref var intent = ref Begin(intents, out var slot, time, sequence);
        intent.Kind = IntentKind.TargetWeight;
        intent.Reason = reason;
        intent.Urgency = IntentUrgency.Low;
        SetInstrument(ref intent, instrument, analytics);
        intent.Weight = weight;
        Publish(intents, slot);
    }

    /// <summary>Emits the intents that flatten the strategy (on stop with flattening).</summary>
    public void EmitCloseAll(long time, long sequence, IntentReason reason, IntentWriter intents)
    {
        ref var intent = ref Begin(intents, out var slot, time, sequence);
        intent.Kind = IntentKind.CloseAll;
        intent.Reason = reason;
        intent.Urgency = IntentUrgency.Normal;
        Publish(intents, slot);
    }

    public void AppendDigest(StateDigestBuilder digest)
    {
        digest.Add(Id.Value).Add(Document.Id).Add(Account.Value).Add((int)Lifecycle).Add(Intents).Add(Signals);
        rules.AppendDigest(digest);
        rebalancing.AppendDigest(digest);
        carry?.AppendDigest(digest);
        digest.Add(pendingCount);
        for (var p = 0; p < pendingCount; p++)
        {
            var i = pendingList[p];
            digest.Add(i).Add(pendingWeight[i]).Add((int)pendingReason[i]).Add(pendingRule[i]).Add(pendingHedge[i]);
        }

        foreach (var algorithm in algorithms)
        {
            algorithm.AppendDigest(digest);
        }
    }

    private void EmitSignal(ref readonly StrategySignal signal, long time, long sequence, MarketAnalytics analytics, IntentWriter intents)
    {
        ref var intent = ref Begin(intents, out var slot, time, sequence);
        intent.Instrument = signal.Instrument;
        intent.AssetClass = classOf[signal.Instrument.Value];
        intent.ReferencePrice = ReferencePrice(analytics, signal.Instrument);
        intent.Reason = signal.Reason switch
        {
            SignalReason.EntryLong => IntentReason.EntryLong,
            SignalReason.EntryShort => IntentReason.EntryShort,
            SignalReason.Exit => IntentReason.Exit,
            SignalReason.Stop => IntentReason.Stop,
            SignalReason.ArbitrageLeg => IntentReason.ArbitrageLeg,
            SignalReason.Unwind => IntentReason.Exit,
            SignalReason.EntryQuantity => signal.TargetPosition >= 0 ? IntentReason.EntryLong : IntentReason.EntryShort,
            _ => IntentReason.Resize,
        };
        if (signal.Reason == SignalReason.Unwind)
        {
            intent.Kind = IntentKind.Close;
            intent.Urgency = IntentUrgency.Immediate;
        }
        else if (signal.Reason is SignalReason.ArbitrageLeg or SignalReason.EntryQuantity)
        {
            // An absolute quantity: coordination trades it as it is (whole lots), without the strategy's budget.
            // Immediate, so it goes out as one market order (Direct), not worked over time.
            intent.Kind = IntentKind.Trade;
            intent.Side = signal.TargetPosition >= 0 ? OrderSide.Buy : OrderSide.Sell;
            intent.Urgency = IntentUrgency.Immediate;
            // A leg too large for the fixed-point range cannot be traded anyway; it goes out as zero and risk rejects it.
            intent.Quantity = Quantity.TryFromDouble(Math.Abs(signal.TargetPosition), out var quantity) ? quantity : Quantity.Zero;
        }
        else
        {
            intent.Kind = IntentKind.TargetPosition;
            intent.Weight = signal.TargetPosition;
            intent.Urgency = signal.Reason == SignalReason.Stop ? IntentUrgency.Immediate : IntentUrgency.Normal;
        }

        Publish(intents, slot);
    }

    private void EmitAction(int rule, long time, long sequence, MarketAnalytics analytics, IntentWriter intents)
    {
        ref readonly var action = ref rules.Actions[rule];
        if (action.Kind == RuleActionKind.InitiateCarryTrade)
        {
            InitiateCarry(in action, rule, time, sequence, analytics, intents);
            return;
        }

        if (action.Kind is RuleActionKind.Buy or RuleActionKind.Sell)
        {
            // Full long / short of the instrument's share of its class budget; replaces a base target still waiting.
            RequestTarget(action.Instrument, action.Kind == RuleActionKind.Buy ? 1.0 : -1.0, IntentReason.ExecutionRule, (short)rule, null, time, sequence, analytics, intents);
            return;
        }

        ref var intent = ref Begin(intents, out var slot, time, sequence);
        intent.Reason = IntentReason.ExecutionRule;
        intent.Rule = (short)rule;
        intent.Urgency = IntentUrgency.Normal;
        switch (action.Kind)
        {
            case RuleActionKind.IncreaseAllocation:
            case RuleActionKind.DecreaseAllocation:
                intent.Kind = IntentKind.AssetClassWeightChange;
                intent.AssetClass = action.AssetClass.GetValueOrDefault();
                intent.Weight = action.Kind == RuleActionKind.IncreaseAllocation ? action.Amount : -action.Amount;
                break;
            case RuleActionKind.SetAllocation:
                intent.Kind = IntentKind.AssetClassWeight;
                intent.AssetClass = action.AssetClass.GetValueOrDefault();
                intent.Weight = action.Amount;
                break;
            case RuleActionKind.Close:
                intent.Kind = IntentKind.Close;
                SetInstrument(ref intent, action.Instrument, analytics);
                if (pending[action.Instrument.Value])
                {
                    RemovePending(action.Instrument.Value); // a target still waiting for a price must not reopen it
                }

                break;
            case RuleActionKind.CloseAll:
                intent.Kind = IntentKind.CloseAll;
                carry?.Closed();
                DropPending();
                break;
        }

        Publish(intents, slot);
    }

    /// <summary>
    /// <c>Initiate carry trade [with CLASS hedge]</c>: the carry pair's target in the direction of the rate
    /// differential (long the high-yielding currency), and, when hedged, the hedge instrument's target sized by the
    /// hedge ratio (<see cref="CarryHedge"/>). Either waits for its instrument's first price if it has none yet.
    /// </summary>
    private void InitiateCarry(ref readonly RuleAction action, int rule, long time, long sequence, MarketAnalytics analytics, IntentWriter intents)
    {
        if (carry is null)
        {
            return;
        }

        var direction = carry.Direction(analytics);
        RequestTarget(carry.Pair, direction, IntentReason.ExecutionRule, (short)rule, action.Hedge, time, sequence, analytics, intents);
        var hedgeWeight = 0.0;
        if (action.Hedge is not null && carry.Hedge.IsValid)
        {
            hedgeWeight = carry.HedgeWeight(direction, analytics);
            RequestTarget(carry.Hedge, hedgeWeight, IntentReason.ExecutionRule, (short)rule, null, time, sequence, analytics, intents);
        }

        carry.Opened(direction, hedgeWeight, time);
    }

    /// <summary>
    /// A rebalancing rule fired: one <see cref="IntentKind.Rebalance"/> intent; for a HedgeRisk rule with hedge
    /// instruments it is preceded by the overlay's <see cref="IntentKind.HedgeBeta"/> coefficients (hedges' rows first)
    /// when they can be estimated, and its <see cref="IntentEvent.Weight"/> is the number of hedges (0 = no overlay).
    /// </summary>
    private void EmitRebalance(int rule, long time, long sequence, MarketAnalytics analytics, IntentWriter intents)
    {
        var overlay = (uint)rule < (uint)hedgeOverlays.Length ? hedgeOverlays[rule] : null;
        if (overlay is not null && rebalancing.ActionOf(rule) == Model.Events.RebalanceAction.HedgeRisk && overlay.TryEstimate(analytics))
        {
            EmitHedgeBetas(overlay, rule, time, sequence, analytics, intents);
        }

        ref var intent = ref Begin(intents, out var slot, time, sequence);
        intent.Weight = overlay?.Hedges.Length ?? 0;
        intent.Kind = IntentKind.Rebalance;
        intent.Reason = IntentReason.Rebalance;
        intent.Urgency = IntentUrgency.Low;
        intent.Rule = (short)rule;
        intent.RebalanceTrigger = rebalancing.TriggerOf(rule);
        intent.RebalanceAction = rebalancing.ActionOf(rule);
        Publish(intents, slot);
    }

    private void EmitHedgeBetas(HedgeOverlay overlay, int rule, long time, long sequence, MarketAnalytics analytics, IntentWriter intents)
    {
        var rows = overlay.Rows;
        var hedges = overlay.Hedges;
        for (var r = 0; r < rows.Length; r++)
        {
            for (var j = 0; j < hedges.Length; j++)
            {
                ref var intent = ref Begin(intents, out var slot, time, sequence);
                intent.Kind = IntentKind.HedgeBeta;
                intent.Reason = IntentReason.Rebalance;
                intent.Rule = (short)rule;
                intent.Instrument = rows[r];
                intent.AssetClass = classOf[rows[r].Value];
                intent.HedgeInstrument = hedges[j];
                intent.Weight = overlay.Coefficient(r, j);
                intent.ReferencePrice = ReferencePrice(analytics, hedges[j]);
                Publish(intents, slot);
            }
        }
    }

    /// <summary>Sends a <c>TargetPosition</c> now when the instrument has a price, else keeps it pending (replacing any pending one).</summary>
    private void RequestTarget(InstrumentId instrument, double weight, IntentReason reason, short rule, AssetClass? hedge, long time, long sequence, MarketAnalytics analytics, IntentWriter intents)
    {
        if (!instrument.IsValid)
        {
            return;
        }

        if (ReferencePrice(analytics, instrument).Raw > 0)
        {
            if (pending[instrument.Value])
            {
                RemovePending(instrument.Value);
            }

            EmitTarget(instrument, weight, reason, rule, hedge is { } h ? (byte)h : IntentEvent.NoHedge, time, sequence, analytics, intents);
            return;
        }

        SetPending(instrument, weight, reason, rule, hedge);
    }

    private void SetPending(InstrumentId instrument, double weight, IntentReason reason, short rule, AssetClass? hedge)
    {
        var i = instrument.Value;
        if (!pending[i])
        {
            pending[i] = true;
            pendingList[pendingCount++] = i;
        }

        pendingWeight[i] = weight;
        pendingReason[i] = reason;
        pendingRule[i] = rule;
        pendingHedge[i] = hedge is { } h ? (byte)h : IntentEvent.NoHedge;
    }

    private void DropPending()
    {
        for (var p = 0; p < pendingCount; p++)
        {
            pending[pendingList[p]] = false;
        }

        pendingCount = 0;
    }

    private void RemovePending(int instrument)
    {
        pending[instrument] = false;
        for (var p = 0; p < pendingCount; p++)
        {
            if (pendingList[p] == instrument)
            {
                pendingList[p] = pendingList[--pendingCount];
                return;
            }
        }
    }

    /// <summary>Sends the pending targets whose instrument has a price now, in the order they were requested.</summary>
    private void FlushPending(long time, long sequence, MarketAnalytics analytics, IntentWriter intents)
    {
        var kept = 0;
        for (var p = 0; p < pendingCount; p++)
        {
            var i = pendingList[p];
            var instrument = new InstrumentId(i);
            if (ReferencePrice(analytics, instrument).Raw > 0)
            {
                pending[i] = false;
                EmitTarget(instrument, pendingWeight[i], pendingReason[i], pendingRule[i], pendingHedge[i], time, sequence, analytics, intents);
            }
            else
            {
                pendingList[kept++] = i;
            }
        }

        pendingCount = kept;
    }

    private void EmitTarget(InstrumentId instrument, double weight, IntentReason reason, short rule, byte hedge, long time, long sequence, MarketAnalytics analytics, IntentWriter intents)
    {
        ref var intent = ref Begin(intents, out var slot, time, sequence);
        intent.Kind = IntentKind.TargetPosition;
        intent.Reason = reason;
        intent.Rule = rule;
        intent.Urgency = IntentUrgency.Normal;
        SetInstrument(ref intent, instrument, analytics);
        intent.Weight = weight;
        intent.Hedge = hedge == IntentEvent.NoHedge ? null : (AssetClass)hedge;
        Publish(intents, slot);
    }

    private void SetInstrument(ref IntentEvent intent, InstrumentId instrument, MarketAnalytics analytics)
    {
        intent.Instrument = instrument;
        if (instrument.IsValid)
        {
            intent.AssetClass = classOf[instrument.Value];
            intent.ReferencePrice = ReferencePrice(analytics, instrument);
        }
    }

    /// <summary>The mid when the instrument has a quote, else its last trade (stocks fed by trades only).</summary>
    internal static Price ReferencePrice(MarketAnalytics analytics, InstrumentId instrument)
    {
        var mid = analytics.Mid(instrument);
        return mid.Raw != 0 ? mid : analytics.Last(instrument);
    }

    private ref IntentEvent Begin(IntentWriter intents, out long slot, long time, long sequence)
    {
        ref var intent = ref intents.Claim(out slot);
        intent.Strategy = Id;
        intent.Account = Account;
        intent.Timestamp = time;
        intent.SourceSequence = sequence;
        return ref intent;
    }

    private void Publish(IntentWriter intents, long slot)
    {
        intents.Publish(slot);
        Intents++;
    }
}
