using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Routing.Smart;

namespace MultiAsset.Engine.Tests.Routing.Smart;

/// <summary>The health tracker: reject rate and average ack latency over a rolling window, fed by reports.</summary>
public class VenueHealthTests
{
    private static readonly VenueId V0 = new(0);
    private static readonly VenueId V1 = new(1);

    [Fact]
    public void RejectRate_And_AverageLatency_RollOverTheWindow()
    {
        var health = new VenueHealth(2, window: 4);
        health.RecordAck(V0, 100);
        health.RecordAck(V0, 300);
        health.RecordReject(V0, VenueRejectReason.VenueUnavailable);
        Assert.Equal(new VenueHealthSnapshot(3, 1, 2, 200), health.Snapshot(V0));

        health.RecordAck(V0, 500);
        health.RecordAck(V0, 700); // five outcomes: the first ack leaves the outcome window (the latency window holds 4 acks)
        Assert.Equal(new VenueHealthSnapshot(4, 1, 4, 400), health.Snapshot(V0));
        Assert.Equal(0.25, health.Snapshot(V0).RejectRate);

        health.RecordAck(V0, 900); // latencies 300..900
        Assert.Equal(new VenueHealthSnapshot(4, 1, 4, 600), health.Snapshot(V0));
        health.RecordAck(V0, 1100); // the reject leaves the outcome window
        Assert.Equal(new VenueHealthSnapshot(4, 0, 4, 800), health.Snapshot(V0));
        Assert.Equal(new VenueHealthSnapshot(0, 0, 0, 0), health.Snapshot(V1));
    }

    [Fact]
    public void OnlyVenueFaultRejects_Count()
    {
        var health = new VenueHealth(1, window: 10);
        foreach (var reason in Enum.GetValues<VenueRejectReason>())
        {
            health.RecordReject(V0, reason);
        }

        Assert.Equal(2, health.Snapshot(V0).Rejects); // VenueUnavailable and NoLiquidity
        Assert.True(VenueHealth.CountsAgainstVenue(VenueRejectReason.NoLiquidity));
        Assert.False(VenueHealth.CountsAgainstVenue(VenueRejectReason.MarketClosed));
        Assert.False(VenueHealth.CountsAgainstVenue(VenueRejectReason.UnknownOrder));
    }

    [Fact]
    public void OnReport_MeasuresAckLatencyFromTheSendTime()
    {
        var health = new VenueHealth(2, window: 10);
        var ack = default(InputEvent);
        ack.SetExecution(new InstrumentId(0), timestamp: 5_000);
        ack.Execution.Type = ExecutionType.Ack;
        ack.Execution.Venue = 1;
        health.OnReport(ack, sentAtNanos: 3_500);

        var fill = ack;
        fill.Execution.Type = ExecutionType.Fill;
        health.OnReport(fill, sentAtNanos: 0); // fills say nothing about health

        var reject = ack;
        reject.Execution.Type = ExecutionType.Reject;
        reject.Execution.RejectReason = VenueRejectReason.VenueUnavailable;
        health.OnReport(reject, sentAtNanos: 0);

        Assert.Equal(new VenueHealthSnapshot(2, 1, 1, 1_500), health.Snapshot(V1));
    }

    [Fact]
    public void Digest_DependsOnTheWindowsContents()
    {
        var a = new VenueHealth(1, 3);
        var b = new VenueHealth(1, 3);
        foreach (var h in new[] { a, b })
        {
            h.RecordAck(V0, 10);
            h.RecordReject(V0, VenueRejectReason.NoLiquidity);
        }

        Assert.Equal(StateDigest.Of(a), StateDigest.Of(b));
        b.RecordAck(V0, 11);
        Assert.NotEqual(StateDigest.Of(a), StateDigest.Of(b));
    }
}
