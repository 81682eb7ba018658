namespace MultiAsset.Engine.Portfolio.Optimization.Rebalancing;

/// <summary>
/// Where a fired trigger's target weights go: <see cref="PipelineRebalanceSink"/> sends them into the pipeline as a
/// command, and the signal stage turns them into <c>TargetWeight</c> intents of the strategy's account.
/// </summary>
public interface IRebalanceTargetSink
{
    /// <summary>
    /// Submits <paramref name="decision"/>'s target weights (aligned with <paramref name="assets"/>) for strategy
    /// <paramref name="strategyId"/>, which trades in <paramref name="accountId"/>.
    /// </summary>
    Task<bool> SubmitAsync(string accountId, string strategyId, IReadOnlyList<string> assets, RebalanceDecision decision, CancellationToken cancellationToken = default);
}
