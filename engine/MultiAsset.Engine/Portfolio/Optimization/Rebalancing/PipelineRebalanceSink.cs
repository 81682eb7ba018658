using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;

namespace MultiAsset.Engine.Portfolio.Optimization.Rebalancing;

/// <summary>
/// Sends fired triggers' target weights into the pipeline as <see cref="CommandKind.SetTargetWeights"/> commands (so
/// they are journalled and replayed like any input) and waits for the signal stage's answer.
/// </summary>
public sealed class PipelineRebalanceSink(CommandClient client, TimeSpan timeout) : IRebalanceTargetSink
{
    /// <summary>The last reply (for diagnostics).</summary>
    public CommandReply? LastReply { get; private set; }

    /// <inheritdoc />
    public async Task<bool> SubmitAsync(string accountId, string strategyId, IReadOnlyList<string> assets, RebalanceDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(decision);
        if (!decision.Fired)
        {
            return false;
        }

        if (assets.Count != decision.TargetWeights.Count)
        {
            throw new ArgumentException($"{assets.Count} assets but {decision.TargetWeights.Count} target weights.", nameof(assets));
        }

        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < assets.Count; i++)
        {
            weights[assets[i]] = decision.TargetWeights[i];
        }

        var request = new TargetWeightsRequest { Strategy = strategyId, Account = accountId, Action = decision.Action, Weights = weights };
        LastReply = await client.SendAsync(CommandKind.SetTargetWeights, request.ToJson(), timeout, cancellationToken).ConfigureAwait(false);
        return LastReply.Succeeded;
    }
}
