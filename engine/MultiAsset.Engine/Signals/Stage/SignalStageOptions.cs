namespace MultiAsset.Engine.Signals.Stage;

/// <summary>How the signal stage evaluates strategies.</summary>
public sealed record SignalStageOptions
{
    /// <summary>Event time between two evaluations of one strategy's execution rules (default 1 s).</summary>
    public TimeSpan RuleInterval { get; init; } = TimeSpan.FromSeconds(1);
}
