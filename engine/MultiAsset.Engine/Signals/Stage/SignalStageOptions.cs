using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>How the signal stage evaluates strategies.</summary>
public sealed record SignalStageOptions
{
    /// <summary>Event time between two evaluations of one strategy's execution rules (default 1 s).</summary>
    public TimeSpan RuleInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Event time between two heartbeats to the later stages (default 10 ms): the router's child schedules and the
    /// simulated venues' latencies advance on them, so this is their time resolution.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Event time between two checks a <c>Threshold</c> rebalancing rule asks the coordination stage for (default 1 h):
    /// the drift itself is measured there, on the positions (see <see cref="RebalanceSchedule"/>).
    /// </summary>
    public TimeSpan ThresholdCheckInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The default universe per asset class (<c>config/universes.json</c>): what a document without instruments of a
    /// class trades that class through (<see cref="StrategyUniverseResolver"/>). Empty by default.
    /// </summary>
    public AssetClassUniverses Universes { get; init; } = AssetClassUniverses.Empty;

    /// <summary>
    /// Each account's base currency, by account id (e.g. "USD"): a base allocation holds a pair whose base currency is
    /// the account's own short (<see cref="BaseAllocation"/>). Empty = every base-allocated instrument is held long.
    /// </summary>
    public IReadOnlyList<string> AccountBaseCurrencies { get; init; } = [];
}
