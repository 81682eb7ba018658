namespace MultiAsset.Engine.Routing.Smart;

/// <summary>A venue's recent health, from <see cref="VenueHealth"/>: what the router judges it by.</summary>
/// <param name="Samples">Order outcomes (acks and counted rejects) in the window.</param>
/// <param name="Rejects">Counted rejects among them.</param>
/// <param name="LatencySamples">Acks in the latency window.</param>
/// <param name="AverageAckLatencyNanos">Mean send → ack latency over those acks (0 when none).</param>
public readonly record struct VenueHealthSnapshot(int Samples, int Rejects, int LatencySamples, long AverageAckLatencyNanos)
{
    /// <summary>Rejects ÷ samples (0 when no samples).</summary>
    public double RejectRate => Samples == 0 ? 0 : (double)Rejects / Samples;
}
