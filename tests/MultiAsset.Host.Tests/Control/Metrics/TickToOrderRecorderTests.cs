using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;
using MultiAsset.Host.Control.Metrics;

namespace MultiAsset.Host.Tests.Control.Metrics;

/// <summary>The risk stage's tick → order hook: never throws; a sample over the top is clamped and counted, not lost.</summary>
public sealed class TickToOrderRecorderTests
{
    private const long Second = 1_000_000_000;

    private static (TickToOrderRecorder Recorder, SimulatedClock Clock, long Sequence) Setup(long stamp, long? clockStart = null)
    {
        var ring = new ValueRingBuffer<InputEvent>(64);
        var sequence = ring.Next();
        ring[sequence].SetQuote(new InstrumentId(0), stamp, Price.FromDouble(1), Price.FromDouble(1.01), Quantity.FromDouble(1), Quantity.FromDouble(1));
        ring.Publish(sequence);
        var clock = new SimulatedClock(clockStart ?? stamp);
        return (new TickToOrderRecorder(ring, clock), clock, sequence);
    }

    private static List<long> Drain(TickToOrderRecorder recorder)
    {
        var samples = new List<long>();
        recorder.Drain(samples.Add);
        return samples;
    }

    [Fact]
    public void Observe_AboveTheTop_RecordsTheTopAndCountsIt()
    {
        var (recorder, clock, sequence) = Setup(1_000 * Second);
        clock.Advance(25 * Second); // a stalled engine: 25 s from tick to order

        recorder.Observe(sequence);

        Assert.Equal([TickToOrderRecorder.MaxNanoseconds], Drain(recorder));
        Assert.Equal(1, recorder.Clamped);
        Assert.Equal(0, recorder.Skipped);
    }

    [Fact]
    public void Observe_InRange_RecordsTheLatencyAsIs()
    {
        var (recorder, clock, sequence) = Setup(1_000 * Second);
        clock.Advance(1_234_567);

        recorder.Observe(sequence);

        Assert.Equal([1_234_567L], Drain(recorder));
        Assert.Equal(0, recorder.Clamped);
    }

    [Theory]
    [InlineData(-5L)]            // stamp in the future (clock skew)
    [InlineData(400_000L)]       // a replay's history: days off, not latency
    public void Observe_NotLiveTime_IsSkipped_NeverThrows(long offsetSeconds)
    {
        var (recorder, _, sequence) = Setup(1_000_000 * Second, (1_000_000 + offsetSeconds) * Second);

        recorder.Observe(sequence);
        recorder.Observe(-1); // an order with no source event

        Assert.Empty(Drain(recorder));
        Assert.Equal(2, recorder.Skipped);
    }
}
