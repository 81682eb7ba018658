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
    private readonly StrategySignal[] signals;
    private readonly int[] fired;
    private readonly InstrumentId carryPair;
    private readonly InstrumentId carryBaseRate;
    private readonly InstrumentId carryQuoteRate;
    private readonly AssetClass[] classOf;

    public StrategyRuntime(StrategyId id, AccountId account, StrategyDocument document, IReadOnlyList<IStrategyAlgorithm> algorithms, InstrumentCatalog catalog, long ruleIntervalNanoseconds)
    {
        Id = id;
        Account = account;
        Document = document;
        this.algorithms = [.. algorithms];
        rules = new RuleSet(document.ExecutionRules, ruleIntervalNanoseconds);
        signals = new StrategySignal[Math.Max(1, this.algorithms.Length == 0 ? 1 : this.algorithms.Max(a => a.MaxSignalsPerEvent))];
        fired = new int[Math.Max(1, rules.Count)];
        classOf = [.. catalog.Instruments.Select(i => i.AssetClass)];
        carryPair = InstrumentId.None;
        carryBaseRate = InstrumentId.None;
        carryQuoteRate = InstrumentId.None;
        if (document.DefaultPair is { } pairSymbol && catalog.TryGet(pairSymbol, out var pair))
        {
            carryPair = pair.Id;
            carryBaseRate = catalog.RateOf(pair.BaseCurrency);
            carryQuoteRate = catalog.RateOf(pair.QuoteCurrency);
        }

        Instruments = [.. this.algorithms.SelectMany(a => a.Instruments).Concat(rules.Instruments).Distinct().OrderBy(i => i.Value)];
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

    /// <summary>Handles one accepted market-data event of one of <see cref="Instruments"/>.</summary>
    public void OnEvent(ref readonly InputEvent evt, long sequence, MarketAnalytics analytics, IntentWriter intents)
    {
        for (var a = 0; a < algorithms.Length; a++)
        {
            var n = algorithms[a].OnEvent(in evt, analytics, signals);
            for (var s = 0; s < n; s++)
            {
                EmitSignal(in signals[s], evt.Timestamp, sequence, analytics, intents);
            }

            Signals += n;
        }

        var firedCount = rules.Evaluate(evt.Timestamp, analytics, fired);
        for (var f = 0; f < firedCount; f++)
        {
            EmitAction(fired[f], evt.Timestamp, sequence, analytics, intents);
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
            _ => IntentReason.Resize,
        };
        if (signal.Reason == SignalReason.ArbitrageLeg)
        {
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
            case RuleActionKind.Buy:
            case RuleActionKind.Sell:
                intent.Kind = IntentKind.TargetPosition;
                SetInstrument(ref intent, action.Instrument, analytics);
                intent.Weight = action.Kind == RuleActionKind.Buy ? 1.0 : -1.0;
                break;
            case RuleActionKind.Close:
                intent.Kind = IntentKind.Close;
                SetInstrument(ref intent, action.Instrument, analytics);
                break;
            case RuleActionKind.CloseAll:
                intent.Kind = IntentKind.CloseAll;
                break;
            case RuleActionKind.InitiateCarryTrade:
                // Long the pair when its base currency yields more than its quote currency, short otherwise.
                intent.Kind = IntentKind.TargetPosition;
                SetInstrument(ref intent, carryPair, analytics);
                intent.Weight = CarryDirection(analytics);
                intent.Hedge = action.Hedge;
                break;
        }

        Publish(intents, slot);
    }

    private double CarryDirection(MarketAnalytics analytics)
    {
        if (!carryBaseRate.IsValid || !carryQuoteRate.IsValid)
        {
            return 0;
        }

        var differential = analytics.Last(carryBaseRate).Raw - analytics.Last(carryQuoteRate).Raw;
        return differential >= 0 ? 1.0 : -1.0;
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
    private static Price ReferencePrice(MarketAnalytics analytics, InstrumentId instrument)
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
