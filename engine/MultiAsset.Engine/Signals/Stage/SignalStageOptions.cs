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
}
