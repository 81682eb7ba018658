namespace MultiAsset.Engine.Signals.Stage;

/// <summary>Where a strategy is in its life: created → deployed ⇄ stopped → (deleted).</summary>
public enum StrategyLifecycle
{
    /// <summary>Validated and compiled; not receiving market data.</summary>
    Created = 0,

    /// <summary>Receiving market data and emitting intents.</summary>
    Deployed = 1,

    /// <summary>No longer receiving market data; its state is kept and it can be deployed again.</summary>
    Stopped = 2,
}
