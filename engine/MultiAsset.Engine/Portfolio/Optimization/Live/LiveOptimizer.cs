using System.Text.Json;
using System.Text.Json.Serialization;
using MultiAsset.Engine.Portfolio.Optimization.Contract;
using MultiAsset.Engine.Portfolio.Optimization.Rebalancing;

namespace MultiAsset.Engine.Portfolio.Optimization.Live;

/// <summary>
/// An optimiser an account's strategy carries (the seed's <c>PortfolioOptimizer</c> shape plus where its weights go):
/// <c>{ "account", "strategy", "optimizationMethod", "objective"?, "constraints": { "maxAssetWeight", "maxSectorWeight",
/// "maxCountryWeight", "minDiversification", … }, "rebalancingTriggers": [ { "type": "Time", "condition": "every 1d",
/// "action": "Rebalance" } ], "assets"? }</c>. Its target weights are fractions of the strategy's capital and go through
/// the pipeline as a <c>SetTargetWeights</c> command (journalled: a replay re-applies the weights, it never re-runs the
/// optimiser, so state stays a function of the journalled input).
/// </summary>
public sealed record LiveOptimizerSpec
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    /// <summary>The account (portfolio) whose live estimates feed it.</summary>
    public required string Account { get; init; }

    /// <summary>The strategy whose target weights it sets (weights are fractions of its capital).</summary>
    public required string Strategy { get; init; }

    /// <summary>MeanVariance | RiskParity | BlackLitterman | Momentum.</summary>
    public required string OptimizationMethod { get; init; }

    /// <summary>MeanVariance objective (default MinVariance; MaxSharpe …).</summary>
    public string? Objective { get; init; }

    /// <summary>Constraints (the optimiser contract's).</summary>
    public OptimizeConstraints? Constraints { get; init; }

    /// <summary>When it runs: a Time trigger's <c>every</c> period on event time (the first Time trigger counts).</summary>
    public IReadOnlyList<RebalanceTrigger> RebalancingTriggers { get; init; } = [];

    /// <summary>Assets to optimise (default: the strategy's instruments in the live covariance universe).</summary>
    public IReadOnlyList<string>? Assets { get; init; }

    /// <summary>Parses a list <c>{ "optimizers": [ … ] }</c>; errors name the field.</summary>
    public static IReadOnlyList<LiveOptimizerSpec> ParseList(string json)
    {
        var list = JsonSerializer.Deserialize<SpecList>(json, Options) ?? throw new JsonException("empty optimizer list");
        for (var i = 0; i < list.Optimizers.Count; i++)
        {
            _ = new LiveOptimizer(list.Optimizers[i], $"optimizers[{i}]");
        }

        return list.Optimizers;
    }

    private sealed record SpecList(IReadOnlyList<LiveOptimizerSpec> Optimizers);
}

/// <summary>
/// One scheduled optimiser: decides when it is due (on event time, from the estimates' <c>asOf</c>) and turns live
/// estimates into the <see cref="TargetWeightsRequest"/> to send. Runs off the engine thread (it allocates); the only
/// state is the event time of its last run.
/// </summary>
public sealed class LiveOptimizer
{
    private readonly PortfolioOptimizationService service;

    /// <summary>Checks and compiles <paramref name="spec"/>.</summary>
    /// <exception cref="OptimizationInputException">No Time trigger, a trigger that does not compile, or an unknown method.</exception>
    public LiveOptimizer(LiveOptimizerSpec spec, string field = "optimizer", PortfolioOptimizationService? service = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        this.service = service ?? new PortfolioOptimizationService();
        long every = 0;
        for (var i = 0; i < spec.RebalancingTriggers.Count; i++)
        {
            var trigger = RebalanceTriggerCompiler.Compile(spec.RebalancingTriggers[i], $"{field}.rebalancingTriggers[{i}]");
            if (trigger.Type == RebalanceTriggerType.Time && every == 0)
            {
                every = trigger.IntervalNanos;
            }
        }

        if (every == 0)
        {
            throw new OptimizationInputException($"{field}.rebalancingTriggers", $"{field}.rebalancingTriggers: a Time trigger ('every 1d') sets the schedule; none given");
        }

        if (spec.OptimizationMethod is not ("MeanVariance" or "RiskParity" or "BlackLitterman" or "Momentum"))
        {
            throw new OptimizationInputException($"{field}.optimizationMethod", $"{field}.optimizationMethod '{spec.OptimizationMethod}' is not one of MeanVariance, RiskParity, BlackLitterman, Momentum");
        }

        EveryNanoseconds = every;
    }

    /// <summary>The declaration.</summary>
    public LiveOptimizerSpec Spec { get; }

    /// <summary>The schedule period (event time).</summary>
    public long EveryNanoseconds { get; }

    /// <summary>Event time of the last run (long.MinValue before the first).</summary>
    public long LastRun { get; private set; } = long.MinValue;

    /// <summary>Due when no run yet, or <see cref="EveryNanoseconds"/> of event time passed since the last one.</summary>
    public bool IsDue(long asOf) => LastRun == long.MinValue || asOf - LastRun >= EveryNanoseconds;

    /// <summary>
    /// Optimises on <paramref name="estimates"/> and returns the weights request (weights rounded to 1e-6, tiny ones
    /// dropped, negative ones only when the constraints allow shorts); records the run at the estimates' time.
    /// </summary>
    public (TargetWeightsRequest Request, OptimizeResponse Response) Run(LiveEstimates estimates)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        var request = LiveOptimization.WithEstimates(
            new OptimizeRequest { OptimizationMethod = Spec.OptimizationMethod, Objective = Spec.Objective, Constraints = Spec.Constraints },
            estimates);
        var response = service.Optimize(request, liveEstimates: true);
        var allowShort = Spec.Constraints?.LongOnly == false;
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (symbol, weight) in response.Weights)
        {
            var w = Math.Round(Math.Clamp(weight, allowShort ? -1 : 0, 1), 6);
            weights[symbol] = w;
        }

        LastRun = estimates.AsOf;
        return (new TargetWeightsRequest { Strategy = Spec.Strategy, Account = Spec.Account, Action = RebalanceAction.Rebalance, AllowShort = allowShort, Weights = weights }, response);
    }
}
