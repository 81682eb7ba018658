using System.Diagnostics;
using System.Threading.Channels;
using HdrHistogram;
using MultiAsset.Benchmarks.Ring;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Benchmarks.Latency;

/// <summary>
/// Round-trip latency between two threads: the pinger publishes into the ping ring, the ponger's processor answers on
/// the pong ring, the pinger waits for the answer with the same wait strategy. Recorded per round trip in an
/// HdrHistogram (ns, 3 significant digits). The same exchange over two bounded channels is the peer.
/// </summary>
public static class PingPongLatency
{
    private const int RingSize = 1024;

    /// <summary>Runs <paramref name="roundTrips"/> round trips (after a warm-up of the same count) and returns the histogram.</summary>
    public static LongHistogram MeasureRing(WaitStrategyKind wait, int roundTrips)
    {
        var ping = new ValueRingBuffer<BenchEvent>(RingSize);
        var pong = new ValueRingBuffer<BenchEvent>(RingSize);
        var errors = new LoggingExceptionHandler();
        var ponger = new BatchEventProcessor<BenchEvent, PongHandler>(
            "ponger", ping, ping.NewBarrier(WaitStrategies.Create(wait)), new PongHandler(pong), errors);
        ping.AddGatingSequences(ponger.Sequence);
        var pingerProgress = new Sequence();
        pong.AddGatingSequences(pingerProgress);
        var pongBarrier = pong.NewBarrier(WaitStrategies.Create(wait));

        var thread = new Thread(() =>
        {
            while (ponger.ProcessNextBatch() >= 0)
            {
            }
        }) { IsBackground = true, Name = "ponger" };
        thread.Start();

        var histogram = new LongHistogram(TimeSpan.FromSeconds(10).Ticks * 100, 3);
        long next = 0;
        for (var phase = 0; phase < 2; phase++)
        {
            histogram.Reset();
            for (var i = 0; i < roundTrips; i++, next++)
            {
                var start = Stopwatch.GetTimestamp();
                var sequence = ping.Next();
                ping[sequence].Value = next;
                ping.Publish(sequence);
                pongBarrier.WaitFor(next);
                pingerProgress.SetValue(next);
                histogram.RecordValue(ElapsedNanoseconds(start));
            }
        }

        ponger.Barrier.Alert();
        thread.Join();
        return histogram;
    }

    /// <summary>The same round trip over two bounded channels with an async ponger.</summary>
    public static LongHistogram MeasureChannels(int roundTrips)
    {
        var options = new BoundedChannelOptions(RingSize) { SingleReader = true, SingleWriter = true };
        var ping = Channel.CreateBounded<long>(options);
        var pong = Channel.CreateBounded<long>(options);
        var ponger = Task.Run(async () =>
        {
            await foreach (var value in ping.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await pong.Writer.WriteAsync(value).ConfigureAwait(false);
            }
        });

        var histogram = new LongHistogram(TimeSpan.FromSeconds(10).Ticks * 100, 3);
        for (var phase = 0; phase < 2; phase++)
        {
            histogram.Reset();
            for (var i = 0; i < roundTrips; i++)
            {
                var start = Stopwatch.GetTimestamp();
                ping.Writer.TryWrite(i);
                long answer;
                while (!pong.Reader.TryRead(out answer))
                {
                    pong.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();
                }

                histogram.RecordValue(ElapsedNanoseconds(start));
            }
        }

        ping.Writer.Complete();
        ponger.GetAwaiter().GetResult();
        return histogram;
    }

    private static long ElapsedNanoseconds(long start)
        => (long)((Stopwatch.GetTimestamp() - start) * (1_000_000_000.0 / Stopwatch.Frequency));

    /// <summary>Answers every ping on the pong ring.</summary>
    private sealed class PongHandler : IValueEventHandler<BenchEvent>
    {
        private readonly ValueRingBuffer<BenchEvent> pong;

        public PongHandler(ValueRingBuffer<BenchEvent> pong) => this.pong = pong;

        public void OnEvent(ref BenchEvent evt, long sequence, bool endOfBatch)
        {
            var answer = pong.Next();
            pong[answer].Value = evt.Value;
            pong.Publish(answer);
        }
    }
}
