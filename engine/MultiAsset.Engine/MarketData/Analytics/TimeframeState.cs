namespace MultiAsset.Engine.MarketData.Analytics;

/// <summary>
/// Per instrument and timeframe: the bar being built, the last completed bar, the window of completed closes (for
/// returns, momentum and z-score) and the EWMA variance of bar log returns. Owned by the market-data stage.
/// </summary>
internal struct TimeframeState
{
    /// <summary>Start of the bar being built (0 when none has started).</summary>
    public long BarStart;

    /// <summary>End (exclusive) of the bar being built.</summary>
    public long BarEnd;

    public long Open;
    public long High;
    public long Low;
    public long Close;
    public long Volume;
    public int Updates;

    /// <summary>The last completed bar.</summary>
    public BarSnapshot LastBar;

    /// <summary>Bars completed so far.</summary>
    public long CompletedBars;

    /// <summary>Closes of completed bars.</summary>
    public RollingWindow Closes;

    /// <summary>EWMA of squared log returns between consecutive completed bars (RiskMetrics recursion).</summary>
    public double EwmaVariance;

    /// <summary>Returns folded into <see cref="EwmaVariance"/>.</summary>
    public long ReturnsSeen;

    /// <summary>Adds this state to a digest.</summary>
    public readonly void AppendDigest(MultiAsset.Engine.Pipeline.StateDigestBuilder builder, double[] closes)
    {
        builder.Add(BarStart).Add(BarEnd).Add(Open).Add(High).Add(Low).Add(Close).Add(Volume).Add(Updates);
        builder.Add(LastBar.Start).Add(LastBar.End).Add(LastBar.Open.Raw).Add(LastBar.High.Raw).Add(LastBar.Low.Raw)
            .Add(LastBar.Close.Raw).Add(LastBar.Volume.Raw).Add(LastBar.Updates);
        builder.Add(CompletedBars).Add(EwmaVariance).Add(ReturnsSeen);
        Closes.AppendDigest(builder, closes);
    }
}
