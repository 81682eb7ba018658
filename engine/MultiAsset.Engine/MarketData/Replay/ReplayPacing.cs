namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>How fast a <see cref="ReplayFeed"/> publishes.</summary>
public enum ReplayPacing
{
    /// <summary>As fast as the ring takes events (backtests, benchmarks).</summary>
    AsFastAsPossible,

    /// <summary>
    /// Following the recorded timestamps, scaled by <see cref="ReplayFeedOptions.SpeedMultiple"/> (2 = twice real
    /// time), measured on the feed's clock from the first timestamped event.
    /// </summary>
    RecordedTimestamps,
}
