using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.Rules;
using MultiAsset.Engine.Signals.Strategies;
using DocumentAction = MultiAsset.Engine.Signals.Strategies.RebalanceAction;
using IntentAction = MultiAsset.Engine.Model.Events.RebalanceAction;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// A strategy's <c>rebalancingRules</c>, evaluated on event time: decides when each rule fires and the signal stage
/// emits one <see cref="IntentKind.Rebalance"/> intent per firing (<see cref="IntentEvent.Rule"/> = the rule's index,
/// <see cref="IntentEvent.RebalanceTrigger"/>, <see cref="IntentEvent.RebalanceAction"/>); the coordination stage,
/// which owns the positions and class weights, turns it into orders. Allocation-free per event.
/// </summary>
/// <remarks>
/// <para>The schedule starts at the first market-data event the strategy sees after it is deployed (t₀; again after
/// every re-deploy).</para>
/// <list type="bullet">
/// <item><b>Time</b> (<c>"condition": "1d"</c>): fires at t₀ + k·interval, k = 1, 2, …, on the first event at or after
/// each due time; due times that pass without any event fire once, not once each.</item>
/// <item><b>Threshold</b>: a check is due every <see cref="SignalStageOptions.ThresholdCheckInterval"/> (1 h of event
/// time) from t₀, on the same rule as Time; whether a class drifted beyond its <c>rebalanceThreshold</c> is the
/// coordination stage's decision (it knows the positions), so the intent is a request to check.</item>
/// <item><b>Volatility / Momentum</b>: the condition is a rule-language trigger (e.g. <c>BTC volatility(1d) &gt; 1.0</c>),
/// evaluated at most once per <see cref="SignalStageOptions.RuleInterval"/> of event time and firing on the edge
/// (false → true), like execution rules: once per episode, and never on missing data.</item>
/// </list>
/// </remarks>
internal sealed class RebalanceSchedule
{
    private readonly RebalanceTrigger[] triggers;
    private readonly IntentAction[] actions;
    private readonly long[] periods;
    private readonly long[] nextDue;
    private readonly CompiledTrigger?[] conditions;
    private readonly bool[] lastValue;
    private readonly long evaluationInterval;
    private long started = long.MinValue;
    private long nextEvaluation = long.MinValue;

    public RebalanceSchedule(IReadOnlyList<RebalancingRule> rules, long thresholdCheckNanoseconds, long evaluationIntervalNanoseconds)
    {
        var n = rules.Count;
        triggers = new RebalanceTrigger[n];
        actions = new IntentAction[n];
        periods = new long[n];
        nextDue = new long[n];
        conditions = new CompiledTrigger?[n];
        lastValue = new bool[n];
        evaluationInterval = evaluationIntervalNanoseconds;
        for (var i = 0; i < n; i++)
        {
            var rule = rules[i];
            triggers[i] = rule.Type switch
            {
                RebalanceTriggerType.Time => RebalanceTrigger.Time,
                RebalanceTriggerType.Threshold => RebalanceTrigger.Threshold,
                RebalanceTriggerType.Volatility => RebalanceTrigger.Volatility,
                _ => RebalanceTrigger.Momentum,
            };
            actions[i] = rule.Action switch
            {
                DocumentAction.Rebalance => IntentAction.Rebalance,
                DocumentAction.HedgeRisk => IntentAction.HedgeRisk,
                _ => IntentAction.TakeProfit,
            };
            periods[i] = rule.Type switch
            {
                RebalanceTriggerType.Time => rule.Interval is { } interval ? Math.Max(1, (long)interval.TotalNanoseconds) : 0,
                RebalanceTriggerType.Threshold => Math.Max(1, thresholdCheckNanoseconds),
                _ => 0,
            };
            conditions[i] = rule.CompiledCondition;
        }
    }

    public int Count => triggers.Length;

    public long Firings { get; private set; }

    /// <summary>The instruments the rules' conditions read.</summary>
    public IEnumerable<InstrumentId> Instruments => conditions.Where(c => c is not null).SelectMany(c => c!.Instruments);

    public RebalanceTrigger TriggerOf(int rule) => triggers[rule];

    public IntentAction ActionOf(int rule) => actions[rule];

    /// <summary>Starts the schedules again at the next event (after a deploy).</summary>
    public void Restart() => started = long.MinValue;

    /// <summary>Writes the indexes of the rules that fire at <paramref name="time"/> into <paramref name="fired"/> (length ≥ <see cref="Count"/>) and returns how many.</summary>
    public int Evaluate(long time, MarketAnalytics analytics, Span<int> fired)
    {
        var n = triggers.Length;
        if (n == 0)
        {
            return 0;
        }

        if (started == long.MinValue)
        {
            started = time;
            for (var i = 0; i < n; i++)
            {
                nextDue[i] = periods[i] > 0 ? time + periods[i] : long.MaxValue;
            }
        }

        var count = 0;
        for (var i = 0; i < n; i++)
        {
            if (time >= nextDue[i])
            {
                // The next due time after this event: a gap longer than the period fires once.
                nextDue[i] += (((time - nextDue[i]) / periods[i]) + 1) * periods[i];
                fired[count++] = i;
            }
        }

        if (time >= nextEvaluation)
        {
            nextEvaluation = time + evaluationInterval;
            var source = new MarketAnalyticsIndicatorSource(analytics);
            for (var i = 0; i < n; i++)
            {
                if (conditions[i] is not { } condition)
                {
                    continue;
                }

                var value = condition.Evaluate(source);
                if (value && !lastValue[i])
                {
                    fired[count++] = i;
                }

                lastValue[i] = value;
            }
        }

        Firings += count;
        return count;
    }

    public void AppendDigest(StateDigestBuilder digest)
    {
        digest.Add(started).Add(nextEvaluation).Add(Firings).Add(triggers.Length).Add(nextDue);
        foreach (var value in lastValue)
        {
            digest.Add(value);
        }
    }
}
