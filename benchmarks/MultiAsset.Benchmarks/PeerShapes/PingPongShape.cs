using System.Diagnostics;
using HdrHistogram;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Benchmarks.PeerShapes;

/// <summary>
/// <c>PingPongSequencedLatencyTest_Value</c>: a pinger and a ponger stage, each on its own stage thread, exchanging
/// one value over two 1 K rings, 3 M round trips with a 1 µs pause between them. Each round trip is recorded in an
/// HdrHistogram with the expected-interval correction (coordinated omission) for the 1 µs pace.
/// </summary>
/// <remarks>
/// The rings are declared fed externally and the stages do not declare what they publish: the builder would
/// (rightly) refuse the cycle ping → pong → ping, which is the point of this shape.
/// </remarks>
public static class PingPongShape
{
    public const string TestName = "PingPongSequencedLatencyTest_Value";
    public const long Iterations = 100 * 1000 * 30;
    private const int BufferSize = 1024;
    private const long PauseNanos = 1000;

    /// <summary>One run; returns the round-trip histogram (ns).</summary>
    public static LongHistogram Run(WaitStrategyKind wait, long iterations)
    {
        var layout = new PipelineLayout(
            [new RingOptions("ping", BufferSize, ProducerType.Single), new RingOptions("pong", BufferSize, ProducerType.Single)],
            [new StageThreadOptions("pinger", ["pinger"], wait, PipelineLayout.DefaultMaxBatchSize), new StageThreadOptions("ponger", ["ponger"], wait, PipelineLayout.DefaultMaxBatchSize)],
            TimeSpan.FromSeconds(30));
        var builder = new PipelineBuilder(layout);
        var ping = builder.AddRing<PerfValueEvent>("ping", fedExternally: true);
        var pong = builder.AddRing<PerfValueEvent>("pong", fedExternally: true);
        var histogram = new LongHistogram(10_000_000_000L, 4);
        var pinger = new Pinger(ping.Ring, histogram, iterations);
        builder.AddStage("pinger", pong, pinger);
        builder.AddStage("ponger", ping, new Ponger(pong.Ring));
        using var pipeline = builder.Build();
        pipeline.Start();
        Thread.Sleep(1000);
        pinger.Send();
        pinger.WaitDone();
        pipeline.Stop();
        return histogram;
    }

    private static long ToNanoseconds(long ticks) => (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));

    private sealed class Pinger(ValueRingBuffer<PerfValueEvent> ping, LongHistogram histogram, long iterations) : IValueEventHandler<PerfValueEvent>
    {
        private readonly ManualResetEventSlim done = new(false);
        private readonly long pauseTicks = Math.Max(1, PauseNanos * Stopwatch.Frequency / 1_000_000_000L);
        private long sentAt;
        private long counter;

        public void OnEvent(ref PerfValueEvent evt, long sequence, bool endOfBatch)
        {
            var now = Stopwatch.GetTimestamp();
            histogram.RecordValueWithExpectedInterval(ToNanoseconds(now - sentAt), PauseNanos);
            if (evt.Value < iterations)
            {
                while (Stopwatch.GetTimestamp() - now < pauseTicks)
                {
                    Thread.Yield();
                }

                Send();
            }
            else
            {
                done.Set();
            }
        }

        public void Send()
        {
            sentAt = Stopwatch.GetTimestamp();
            var next = ping.Next();
            ping[next].Value = counter;
            ping.Publish(next);
            counter++;
        }

        public void WaitDone() => done.Wait();
    }

    private sealed class Ponger(ValueRingBuffer<PerfValueEvent> pong) : IValueEventHandler<PerfValueEvent>
    {
        public void OnEvent(ref PerfValueEvent evt, long sequence, bool endOfBatch)
        {
            var next = pong.Next();
            pong[next].Value = evt.Value;
            pong.Publish(next);
        }
    }
}
