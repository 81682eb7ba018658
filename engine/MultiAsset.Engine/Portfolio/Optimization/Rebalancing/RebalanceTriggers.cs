using System.Globalization;

namespace MultiAsset.Engine.Portfolio.Optimization.Rebalancing;

/// <summary>The seed's <c>RebalanceTrigger</c> as JSON: <c>{ "type": "Time|Threshold|Volatility|Momentum",
/// "condition": "...", "action": "Rebalance|HedgeRisk|TakeProfit" }</c>.</summary>
public sealed record RebalanceTrigger
{
    /// <summary>Time | Threshold | Volatility | Momentum.</summary>
    public string? Type { get; init; }

    /// <summary>
    /// Condition, by type: Time <c>every 1d</c> (units s, m, h, d, w); Threshold <c>drift &gt; 5%</c> (or empty: drift &gt;
    /// the allocation's rebalanceThreshold); Volatility <c>volRatio &gt; 1.5</c> (short/long realised vol) or
    /// <c>vol &gt; 0.25</c>; Momentum <c>BTC momentum &gt; 0.05</c> or <c>momentum &lt; -0.1</c> (portfolio). Comparisons
    /// are &gt;, &gt;=, &lt;, &lt;=; numbers may end in %; several comparisons can be joined with AND.
    /// </summary>
    public string? Condition { get; init; }

    /// <summary>Rebalance | HedgeRisk | TakeProfit.</summary>
    public string? Action { get; init; }
}

/// <summary>Trigger kinds.</summary>
public enum RebalanceTriggerType
{
    /// <summary>Schedule.</summary>
    Time,

    /// <summary>Drift of weights from target.</summary>
    Threshold,

    /// <summary>Realised-volatility regime change.</summary>
    Volatility,

    /// <summary>Momentum of an asset or the portfolio.</summary>
    Momentum,
}

/// <summary>What a fired trigger does.</summary>
public enum RebalanceAction
{
    /// <summary>Move to the target weights.</summary>
    Rebalance,

    /// <summary>Keep the risky weights and add a regression-beta hedge in the hedge instrument(s).</summary>
    HedgeRisk,

    /// <summary>Cut every overweight position back to its target; the proceeds stay in cash (weights may sum to &lt; 1).</summary>
    TakeProfit,
}

/// <summary>One parsed comparison <c>metric op value</c>.</summary>
/// <param name="Metric">drift | vol | volRatio | momentum.</param>
/// <param name="Symbol">Asset for an asset momentum, else null.</param>
/// <param name="Operator">&gt;, &gt;=, &lt; or &lt;=.</param>
/// <param name="Value">Threshold (percent already divided by 100); NaN = use the allocation's rebalanceThreshold.</param>
public sealed record TriggerComparison(string Metric, string? Symbol, string Operator, double Value)
{
    internal bool Holds(double x) => Operator switch
    {
        ">" => x > Value,
        ">=" => x >= Value,
        "<" => x < Value,
        _ => x <= Value,
    };
}

/// <summary>A trigger compiled once (at strategy deploy time); evaluation is a pure function.</summary>
public sealed class CompiledRebalanceTrigger
{
    internal CompiledRebalanceTrigger(RebalanceTriggerType type, RebalanceAction action, string condition, long intervalNanos, IReadOnlyList<TriggerComparison> comparisons)
    {
        Type = type;
        Action = action;
        Condition = condition;
        IntervalNanos = intervalNanos;
        Comparisons = comparisons;
    }

    /// <summary>Kind.</summary>
    public RebalanceTriggerType Type { get; }

    /// <summary>Action.</summary>
    public RebalanceAction Action { get; }

    /// <summary>Source text.</summary>
    public string Condition { get; }

    /// <summary>Time triggers: the schedule period in nanoseconds.</summary>
    public long IntervalNanos { get; }

    /// <summary>The AND-ed comparisons (empty for Time).</summary>
    public IReadOnlyList<TriggerComparison> Comparisons { get; }
}

/// <summary>Parses <see cref="RebalanceTrigger"/>s; errors name the field and the position in the condition.</summary>
public static class RebalanceTriggerCompiler
{
    /// <summary>Compiles one trigger. <paramref name="field"/> prefixes error messages (e.g. <c>rebalancingTriggers[2]</c>).</summary>
    /// <exception cref="OptimizationInputException">unknown type/action, or a condition that does not parse (with position).</exception>
    public static CompiledRebalanceTrigger Compile(RebalanceTrigger trigger, string field = "trigger")
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (!Enum.TryParse<RebalanceTriggerType>(trigger.Type, ignoreCase: true, out var type) || int.TryParse(trigger.Type, out _))
        {
            throw new OptimizationInputException($"{field}.type", $"{field}.type '{trigger.Type}' is not one of Time, Threshold, Volatility, Momentum");
        }

        if (!Enum.TryParse<RebalanceAction>(trigger.Action, ignoreCase: true, out var action) || int.TryParse(trigger.Action, out _))
        {
            throw new OptimizationInputException($"{field}.action", $"{field}.action '{trigger.Action}' is not one of Rebalance, HedgeRisk, TakeProfit");
        }

        string cond = (trigger.Condition ?? string.Empty).Trim();
        string cf = $"{field}.condition";
        if (type == RebalanceTriggerType.Time)
        {
            return new CompiledRebalanceTrigger(type, action, cond, ParseEvery(cond, cf), []);
        }

        if (cond.Length == 0)
        {
            if (type == RebalanceTriggerType.Threshold)
            {
                return new CompiledRebalanceTrigger(type, action, cond, 0, [new TriggerComparison("drift", null, ">", double.NaN)]);
            }

            throw new OptimizationInputException(cf, $"{cf} is required for a {type} trigger");
        }

        var comparisons = new List<TriggerComparison>();
        int offset = 0;
        foreach (string part in SplitAnd(cond))
        {
            int at = cond.IndexOf(part, offset, StringComparison.Ordinal);
            comparisons.Add(ParseComparison(part, at, type, cf, cond));
            offset = at + part.Length;
        }

        return new CompiledRebalanceTrigger(type, action, cond, 0, comparisons);
    }

    private static IEnumerable<string> SplitAnd(string cond)
    {
        var parts = System.Text.RegularExpressions.Regex.Split(cond, @"\s+AND\s+", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        return parts.Select(p => p.Trim());
    }

    private static long ParseEvery(string cond, string field)
    {
        var m = System.Text.RegularExpressions.Regex.Match(cond, @"^every\s+(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        if (!m.Success)
        {
            throw new OptimizationInputException(field, $"{field} '{cond}' at position 0: expected 'every <number><unit>' with unit s, m, h, d or w (e.g. 'every 1d')");
        }

        double n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        double unit = char.ToLowerInvariant(m.Groups[2].Value[0]) switch
        {
            's' => 1e9,
            'm' => 60e9,
            'h' => 3600e9,
            'd' => 86400e9,
            _ => 7 * 86400e9,
        };
        long ns = (long)(n * unit);
        if (ns <= 0)
        {
            throw new OptimizationInputException(field, $"{field} '{cond}': the period must be positive");
        }

        return ns;
    }

    private static TriggerComparison ParseComparison(string text, int at, RebalanceTriggerType type, string field, string whole)
    {
        var m = System.Text.RegularExpressions.Regex.Match(text, @"^(?:(?<sym>[A-Za-z0-9_./-]+)\s+)?(?<metric>[A-Za-z]+)\s*(?<op>>=|<=|>|<)\s*(?<num>\S+)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        if (!m.Success)
        {
            throw new OptimizationInputException(field, $"{field} '{whole}' at position {at}: expected '[SYMBOL] metric (>|>=|<|<=) number'");
        }

        string metric = m.Groups["metric"].Value;
        string? sym = m.Groups["sym"].Success ? m.Groups["sym"].Value : null;
        string[] allowed = type switch
        {
            RebalanceTriggerType.Threshold => ["drift"],
            RebalanceTriggerType.Volatility => ["vol", "volRatio"],
            _ => ["momentum"],
        };
        string? canonical = allowed.FirstOrDefault(a => string.Equals(a, metric, StringComparison.OrdinalIgnoreCase));
        if (canonical is null)
        {
            throw new OptimizationInputException(field, $"{field} '{whole}' at position {at + m.Groups["metric"].Index}: metric '{metric}' is not valid for a {type} trigger (use {string.Join(" or ", allowed)})");
        }

        if (sym is not null && canonical != "momentum")
        {
            throw new OptimizationInputException(field, $"{field} '{whole}' at position {at}: only momentum takes a symbol");
        }

        string num = m.Groups["num"].Value;
        bool pct = num.EndsWith('%');
        if (!double.TryParse(pct ? num[..^1] : num, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || double.IsNaN(v) || double.IsInfinity(v))
        {
            throw new OptimizationInputException(field, $"{field} '{whole}' at position {at + m.Groups["num"].Index}: '{num}' is not a number");
        }

        return new TriggerComparison(canonical, sym, m.Groups["op"].Value, pct ? v / 100 : v);
    }
}
