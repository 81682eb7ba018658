namespace MultiAsset.Engine.MarketData.Analytics;

/// <summary>
/// Tick-level state of one instrument (prices fixed point, raw × 10^8). Owned and written only by the market-data
/// stage; later stages read it through <see cref="MarketAnalytics"/>.
/// </summary>
public struct InstrumentState
{
    /// <summary>Best bid (raw), 0 before the first quote.</summary>
    public long Bid;

    /// <summary>Best ask (raw), 0 before the first quote.</summary>
    public long Ask;

    /// <summary>Last trade price (raw), 0 before the first trade.</summary>
    public long LastTrade;

    /// <summary>Last price of any kind (mid, trade, bar close or reference value), raw.</summary>
    public long Last;

    /// <summary>Event time of the last accepted update (ns), 0 if none.</summary>
    public long LastUpdate;

    /// <summary>Traded volume in the current trading session (raw quantity).</summary>
    public long SessionVolume;

    /// <summary>Σ price × size in the current session, in units (double: analytics, not cash).</summary>
    public double SessionNotional;

    /// <summary>Start of the session the session counters belong to (ns).</summary>
    public long SessionStart;

    /// <summary>End (exclusive) of that session (ns).</summary>
    public long SessionEnd;

    /// <summary>Accepted updates.</summary>
    public long Updates;

    /// <summary>Start of the last input bar's interval (ns; its timestamp − interval), 0 before the first bar.</summary>
    public long BarStart;

    /// <summary>End of the last input bar's interval (its timestamp, ns), 0 before the first bar.</summary>
    public long BarEnd;

    /// <summary>The last input bar's open (raw): the next-bar fill models of the simulated venues fill at or from it.</summary>
    public long BarOpen;

    /// <summary>The last input bar's high (raw): the simulated venues fill resting limit orders a bar trades through.</summary>
    public long BarHigh;

    /// <summary>The last input bar's low (raw).</summary>
    public long BarLow;

    /// <summary>The last input bar's volume (raw quantity): what resting orders may fill from that bar, at most.</summary>
    public long BarVolume;

    /// <summary>True while no update has arrived for longer than the configured stale interval during trading hours.</summary>
    public bool IsStale;

    /// <summary>Adds this state to a digest.</summary>
    public readonly void AppendDigest(MultiAsset.Engine.Pipeline.StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(Bid).Add(Ask).Add(LastTrade).Add(Last).Add(LastUpdate).Add(SessionVolume).Add(SessionNotional)
            .Add(SessionStart).Add(SessionEnd).Add(Updates).Add(IsStale)
            .Add(BarStart).Add(BarEnd).Add(BarOpen).Add(BarHigh).Add(BarLow).Add(BarVolume);
    }
}
