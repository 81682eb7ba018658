using System.Globalization;

namespace MultiAsset.Engine.Portfolio.Optimization.Rebalancing;

/// <summary>Dynamic hedge overlay: hedge instruments (by asset index) and the hedge ratio applied to the regression betas.</summary>
/// <param name="HedgeAssets">Indices (in the state's asset order) of the hedge instruments.</param>
/// <param name="Betas">n×k row-major betas of every asset on the hedge instruments (e.g. from <see cref="HedgeRatios.OlsBetas"/>); rows of the hedge instruments are ignored.</param>
/// <param name="HedgeRatio">Fraction of the beta exposure to neutralise (1 = fully beta-neutral).</param>
public sealed record HedgeOverlay(IReadOnlyList<int> HedgeAssets, IReadOnlyList<double> Betas, double HedgeRatio = 1.0);

/// <summary>Everything a trigger looks at, passed in explicitly (time as nanoseconds from the injected clock).</summary>
public sealed record RebalanceState
{
    /// <summary>Now (ns).</summary>
    public required long NowNanos { get; init; }

    /// <summary>Time of the last rebalance (ns).</summary>
    public long LastRebalanceNanos { get; init; }

    /// <summary>Asset symbols.</summary>
    public required IReadOnlyList<string> Assets { get; init; }

    /// <summary>Current weights.</summary>
    public required IReadOnlyList<double> CurrentWeights { get; init; }

    /// <summary>Target weights (from the optimiser or the strategy allocation).</summary>
    public required IReadOnlyList<double> TargetWeights { get; init; }

    /// <summary>The allocation's rebalanceThreshold (fraction), used by a Threshold trigger without a number.</summary>
    public double RebalanceThreshold { get; init; } = 0.05;

    /// <summary>Short-window realised volatility of the portfolio (annual).</summary>
    public double ShortWindowVolatility { get; init; } = double.NaN;

    /// <summary>Long-window realised volatility of the portfolio (annual) — the regime reference.</summary>
    public double LongWindowVolatility { get; init; } = double.NaN;

    /// <summary>Momentum per asset symbol.</summary>
    public IReadOnlyDictionary<string, double>? AssetMomentum { get; init; }

    /// <summary>Portfolio momentum.</summary>
    public double PortfolioMomentum { get; init; } = double.NaN;

    /// <summary>Hedge overlay for HedgeRisk.</summary>
    public HedgeOverlay? Hedge { get; init; }
}

/// <summary>Outcome of evaluating a trigger.</summary>
/// <param name="Fired">Whether the condition holds.</param>
/// <param name="Action">The trigger's action.</param>
/// <param name="Reason">Human-readable reason (metric values), for audit.</param>
/// <param name="TargetWeights">Weights to move to when fired (current weights when not).</param>
public sealed record RebalanceDecision(bool Fired, RebalanceAction Action, string Reason, IReadOnlyList<double> TargetWeights);

/// <summary>Pure, deterministic evaluation of compiled triggers.</summary>
public static class RebalanceEvaluator
{
    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Evaluates <paramref name="trigger"/> on <paramref name="state"/>.</summary>
    public static RebalanceDecision Evaluate(CompiledRebalanceTrigger trigger, RebalanceState state)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(state);
        int n = state.Assets.Count;
        if (state.CurrentWeights.Count != n || state.TargetWeights.Count != n)
        {
            throw new OptimizationInputException("weights", $"currentWeights ({state.CurrentWeights.Count}) and targetWeights ({state.TargetWeights.Count}) must both have {n} entries");
        }

        bool fired;
        string reason;
        if (trigger.Type == RebalanceTriggerType.Time)
        {
            long elapsed = state.NowNanos - state.LastRebalanceNanos;
            fired = elapsed >= trigger.IntervalNanos;
            reason = $"elapsed {elapsed} ns {(fired ? ">=" : "<")} period {trigger.IntervalNanos} ns";
        }
        else
        {
            fired = true;
            var parts = new List<string>();
            foreach (var c in trigger.Comparisons)
            {
                var cmp = c;
                double value = Metric(c, state);
                if (double.IsNaN(c.Value))
                {
                    cmp = c with { Value = state.RebalanceThreshold };
                }

                bool holds = !double.IsNaN(value) && cmp.Holds(value);
                parts.Add($"{(c.Symbol is null ? string.Empty : c.Symbol + " ")}{c.Metric} {F(value)} {cmp.Operator} {F(cmp.Value)}: {(holds ? "true" : "false")}");
                fired &= holds;
            }

            reason = string.Join(" AND ", parts);
        }

        if (!fired)
        {
            return new RebalanceDecision(false, trigger.Action, reason, [.. state.CurrentWeights]);
        }

        return new RebalanceDecision(true, trigger.Action, reason, Targets(trigger.Action, state));
    }

    /// <summary>max_i |w_i − target_i|.</summary>
    public static double Drift(IReadOnlyList<double> current, IReadOnlyList<double> target)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(target);
        double d = 0;
        for (int i = 0; i < current.Count; i++)
        {
            d = Math.Max(d, Math.Abs(current[i] - target[i]));
        }

        return d;
    }

    private static double Metric(TriggerComparison c, RebalanceState s) => c.Metric switch
    {
        "drift" => Drift(s.CurrentWeights, s.TargetWeights),
        "vol" => s.ShortWindowVolatility,
        "volRatio" => s.LongWindowVolatility > 0 ? s.ShortWindowVolatility / s.LongWindowVolatility : double.NaN,
        _ => c.Symbol is null ? s.PortfolioMomentum
            : s.AssetMomentum is not null && s.AssetMomentum.TryGetValue(c.Symbol, out double v) ? v
            : throw new OptimizationInputException("assetMomentum", $"momentum trigger needs the momentum of '{c.Symbol}', which was not supplied"),
    };

    private static double[] Targets(RebalanceAction action, RebalanceState s)
    {
        int n = s.Assets.Count;
        switch (action)
        {
            case RebalanceAction.Rebalance:
                return [.. s.TargetWeights];
            case RebalanceAction.TakeProfit:
            {
                var w = new double[n];
                for (int i = 0; i < n; i++)
                {
                    w[i] = s.CurrentWeights[i] > s.TargetWeights[i] ? s.TargetWeights[i] : s.CurrentWeights[i];
                }

                return w;
            }

            default:
            {
                var h = s.Hedge ?? throw new OptimizationInputException("hedge", "a HedgeRisk trigger needs a hedge overlay (hedge instruments and betas)");
                return HedgeRatios.ApplyOverlay(s.CurrentWeights, h);
            }
        }
    }
}
