namespace MultiAsset.Host.Control.Streaming;

/// <summary>The live views a client can watch over gRPC.</summary>
public enum LiveView
{
    /// <summary>Account snapshots with positions (QueryAccounts).</summary>
    Positions,

    /// <summary>The risk analysis (QueryRisk).</summary>
    Risk,

    /// <summary>Net fills between two polls, derived from position changes (QueryAccounts).</summary>
    Fills,
}
