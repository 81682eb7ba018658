using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Routing.Smart;

/// <summary>
/// Each venue's recent reject rate and average ack latency over a window of its last outcomes, fed with the venue's
/// reports by the router stage (which knows when it sent each child). Fixed ring buffers per venue: O(1) and
/// allocation-free per report.
/// </summary>
/// <remarks>
/// Only rejects that say something about the venue count against it: <see cref="VenueRejectReason.VenueUnavailable"/> and
/// <see cref="VenueRejectReason.NoLiquidity"/>. An order the venue rightly refused (closed market, bad lot or tick, unknown
/// instrument) would be refused everywhere, and a cancel of an unknown order is not an order outcome.
/// </remarks>
public sealed class VenueHealth : IStateDigest
{
    private readonly int window;
    private readonly bool[] outcomes;  // venue × window: true = rejected
    private readonly long[] latencies; // venue × window
    private readonly int[] outcomePosition;
    private readonly int[] outcomeCount;
    private readonly int[] rejectCount;
    private readonly int[] latencyPosition;
    private readonly int[] latencyCount;
    private readonly long[] latencySum;

    /// <summary>Creates a tracker for venues 0..<paramref name="venueCount"/>-1 over the last <paramref name="window"/> outcomes each.</summary>
    public VenueHealth(int venueCount, int window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(venueCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        this.window = window;
        outcomes = new bool[venueCount * window];
        latencies = new long[venueCount * window];
        outcomePosition = new int[venueCount];
        outcomeCount = new int[venueCount];
        rejectCount = new int[venueCount];
        latencyPosition = new int[venueCount];
        latencyCount = new int[venueCount];
        latencySum = new long[venueCount];
    }

    /// <inheritdoc/>
    public string DigestName => "venue-health";

    /// <summary>Whether a reject for <paramref name="reason"/> counts against the venue's health.</summary>
    public static bool CountsAgainstVenue(VenueRejectReason reason) => reason is VenueRejectReason.VenueUnavailable or VenueRejectReason.NoLiquidity;

    /// <summary>Records an ack that came <paramref name="ackLatencyNanos"/> after the send.</summary>
    public void RecordAck(VenueId venue, long ackLatencyNanos)
    {
        int v = venue.Value;
        PushOutcome(v, rejected: false);
        int slot = (v * window) + latencyPosition[v];
        if (latencyCount[v] == window)
        {
            latencySum[v] -= latencies[slot];
        }
        else
        {
            latencyCount[v]++;
        }

        long latency = Math.Max(0, ackLatencyNanos);
        latencies[slot] = latency;
        latencySum[v] += latency;
        latencyPosition[v] = (latencyPosition[v] + 1) % window;
    }

    /// <summary>Records a reject; ignored unless <see cref="CountsAgainstVenue"/>.</summary>
    public void RecordReject(VenueId venue, VenueRejectReason reason)
    {
        if (CountsAgainstVenue(reason))
        {
            PushOutcome(venue.Value, rejected: true);
        }
    }

    /// <summary>
    /// Feeds one execution report of a child sent at <paramref name="sentAtNanos"/>: acks and rejects update the health,
    /// fills and cancels do not.
    /// </summary>
    public void OnReport(in InputEvent report, long sentAtNanos)
    {
        if (!report.IsExecution)
        {
            return;
        }

        var venue = new VenueId(report.Execution.Venue);
        switch (report.Execution.Type)
        {
            case ExecutionType.Ack:
                RecordAck(venue, report.Timestamp - sentAtNanos);
                break;
            case ExecutionType.Reject:
                RecordReject(venue, report.Execution.RejectReason);
                break;
            default:
                break;
        }
    }

    /// <summary>The venue's figures now.</summary>
    public VenueHealthSnapshot Snapshot(VenueId venue)
    {
        int v = venue.Value;
        int acks = latencyCount[v];
        return new VenueHealthSnapshot(outcomeCount[v], rejectCount[v], acks, acks == 0 ? 0 : latencySum[v] / acks);
    }

    /// <inheritdoc/>
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(window).Add(outcomeCount.Length);
        for (int v = 0; v < outcomeCount.Length; v++)
        {
            // Oldest to newest, so the digest is of the window's contents, not of where the ring happens to start.
            builder.Add(outcomeCount[v]).Add(rejectCount[v]);
            for (int k = 0, start = outcomeCount[v] == window ? outcomePosition[v] : 0; k < outcomeCount[v]; k++)
            {
                builder.Add(outcomes[(v * window) + ((start + k) % window)]);
            }

            builder.Add(latencyCount[v]).Add(latencySum[v]);
            for (int k = 0, start = latencyCount[v] == window ? latencyPosition[v] : 0; k < latencyCount[v]; k++)
            {
                builder.Add(latencies[(v * window) + ((start + k) % window)]);
            }
        }
    }

    private void PushOutcome(int v, bool rejected)
    {
        int slot = (v * window) + outcomePosition[v];
        if (outcomeCount[v] == window)
        {
            rejectCount[v] -= outcomes[slot] ? 1 : 0;
        }
        else
        {
            outcomeCount[v]++;
        }

        outcomes[slot] = rejected;
        rejectCount[v] += rejected ? 1 : 0;
        outcomePosition[v] = (outcomePosition[v] + 1) % window;
    }
}
