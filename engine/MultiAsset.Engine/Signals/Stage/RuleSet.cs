using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.Rules;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// A strategy's execution rules with their firing state. A rule fires on the edge — when its trigger becomes true,
/// not on every evaluation while it stays true — so "VIX &gt; 30 ⇒ Buy GLD" buys once per episode, not once per
/// tick. Evaluation is throttled to one pass per <see cref="IntervalNanoseconds"/> of event time, which keeps the
/// cost per event flat however many rules there are and is deterministic in replay.
/// </summary>
internal sealed class RuleSet
{
    private readonly CompiledTrigger[] triggers;
    private readonly bool[] lastValue;
    private long nextEvaluation = long.MinValue;

    public RuleSet(IReadOnlyList<ExecutionRule> rules, long intervalNanoseconds)
    {
        triggers = [.. rules.Select(r => r.CompiledTrigger)];
        Actions = [.. rules.Select(r => r.CompiledAction)];
        lastValue = new bool[rules.Count];
        IntervalNanoseconds = intervalNanoseconds;
    }

    public RuleAction[] Actions { get; }

    public long IntervalNanoseconds { get; }

    public int Count => triggers.Length;

    public long Evaluations { get; private set; }

    public long Firings { get; private set; }

    /// <summary>The instruments any trigger reads (the events that may change a trigger's value).</summary>
    public IEnumerable<Model.InstrumentId> Instruments => triggers.SelectMany(t => t.Instruments);

    /// <summary>
    /// Evaluates every rule if the interval has passed; writes the indexes of rules that fired (false → true) into
    /// <paramref name="fired"/> and returns how many.
    /// </summary>
    public int Evaluate(long time, MarketAnalytics analytics, Span<int> fired)
    {
        if (triggers.Length == 0 || time < nextEvaluation)
        {
            return 0;
        }

        nextEvaluation = time + IntervalNanoseconds;
        Evaluations++;
        var source = new MarketAnalyticsIndicatorSource(analytics);
        var count = 0;
        for (var i = 0; i < triggers.Length; i++)
        {
            var value = triggers[i].Evaluate(source);
            if (value && !lastValue[i] && count < fired.Length)
            {
                fired[count++] = i;
            }

            lastValue[i] = value;
        }

        Firings += count;
        return count;
    }

    public void AppendDigest(StateDigestBuilder digest)
    {
        digest.Add(nextEvaluation).Add(Evaluations).Add(Firings).Add(triggers.Length);
        foreach (var value in lastValue)
        {
            digest.Add(value);
        }
    }
}
