using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Portfolio.Optimization.Live;
using MultiAsset.Host.Control.Application;

namespace MultiAsset.Host.Optimization;

/// <summary>
/// Runs the optimisers declared in <c>optimizers.json</c> (beside engine.json; absent = none) on their schedule: once a
/// second it asks the engine for each optimiser's live estimates (a query, not journalled); when the estimates' event
/// time is <c>every</c> past the optimiser's last run, it optimises (here, off the engine thread: the optimiser allocates)
/// and sends the weights as a <c>SetTargetWeights</c> command — journalled input, so a replay re-applies the same
/// weights without running the optimiser, and the engine's state stays a function of its journal. Not enough data yet
/// (or a strategy not deployed) just waits for the next second.
/// </summary>
public sealed partial class LiveOptimizerService(IReadOnlyList<LiveOptimizer> optimizers, IEngineCommands engine, ILogger<LiveOptimizerService> log) : BackgroundService
{
    /// <summary>The optimisers declared beside <paramref name="configPath"/> (engine.json), or none.</summary>
    public static IReadOnlyList<LiveOptimizer> Load(string? configPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(configPath ?? Path.Combine("config", "engine.json")))!;
        var path = Path.Combine(directory, "optimizers.json");
        return File.Exists(path)
            ? [.. LiveOptimizerSpec.ParseList(File.ReadAllText(path)).Select((spec, i) => new LiveOptimizer(spec, $"optimizers[{i}]"))]
            : [];
    }

    /// <summary>Runs performed (commands accepted by the engine).</summary>
    public long Runs { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (optimizers.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            foreach (var optimizer in optimizers)
            {
                try
                {
                    await RunOnceAsync(optimizer, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Failed(log, optimizer.Spec.Strategy, ex.Message);
                }
            }
        }
    }

    private async Task RunOnceAsync(LiveOptimizer optimizer, CancellationToken cancellationToken)
    {
        var spec = optimizer.Spec;
        var body = System.Text.Json.JsonSerializer.Serialize(new { account = spec.Account, strategy = spec.Strategy, assets = spec.Assets });
        var reply = await engine.SendAsync(CommandKind.QueryEstimates, body, cancellationToken).ConfigureAwait(false);
        if (!reply.Succeeded || reply.Result is not LiveEstimatesAnswer { Estimates: { } estimates } || !optimizer.IsDue(estimates.AsOf))
        {
            return;
        }

        var (request, response) = optimizer.Run(estimates);
        var sent = await engine.SendAsync(CommandKind.SetTargetWeights, request.ToJson(), cancellationToken).ConfigureAwait(false);
        if (sent.Succeeded)
        {
            Runs++;
            var weights = string.Join(", ", request.Weights.Select(w => $"{w.Key} {w.Value:0.####}"));
            Applied(log, spec.Strategy, spec.OptimizationMethod, weights, response.Volatility);
        }
        else
        {
            Refused(log, spec.Strategy, sent.Message ?? sent.Status.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "optimizer {Strategy}: {Message}")]
    private static partial void Failed(ILogger logger, string strategy, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "optimizer {Strategy}: the engine refused the weights: {Message}")]
    private static partial void Refused(ILogger logger, string strategy, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "optimizer {Strategy} ({Method}): weights {Weights}, volatility {Volatility}")]
    private static partial void Applied(ILogger logger, string strategy, string method, string weights, double volatility);
}
