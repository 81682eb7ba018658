namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>Where the synthetic feed's timestamps come from.</summary>
public enum SyntheticTimeMode
{
    /// <summary>
    /// Timestamps start at a configured instant and advance by a fixed step per round, independent of wall time:
    /// the whole stream (prices and times) is a function of the seed and the options alone.
    /// </summary>
    Simulated = 0,

    /// <summary>
    /// Timestamps are read from the injected clock once per round and the model's time step is the clock time elapsed
    /// since the previous round, so volatilities are real-time volatilities (the random draws stay deterministic,
    /// the path does not, because it is scaled by measured time).
    /// </summary>
    Wall = 1,
}
