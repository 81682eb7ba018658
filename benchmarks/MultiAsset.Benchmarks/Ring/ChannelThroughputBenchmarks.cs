using System.Threading.Channels;
using BenchmarkDotNet.Attributes;

namespace MultiAsset.Benchmarks.Ring;

/// <summary>
/// The built-in peer: the same shapes as <see cref="RingThroughputBenchmarks"/> over bounded
/// <see cref="System.Threading.Channels"/> channels (capacity 65 536, FullMode Wait), written the idiomatic way:
/// producers <c>TryWrite</c> and fall back to <c>WaitToWriteAsync</c>; consumers are async loops over
/// <c>WaitToReadAsync</c>/<c>TryRead</c>; each pipeline stage is its own channel and task.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class ChannelThroughputBenchmarks
{
    private const int Capacity = 1 << 16;

    private ChannelChain spsc = null!;
    private ChannelChain mpsc = null!;
    private ChannelChain threeStage = null!;

    [GlobalSetup]
    public void Setup()
    {
        spsc = new ChannelChain(stages: 1, singleWriter: true);
        mpsc = new ChannelChain(stages: 1, singleWriter: false);
        threeStage = new ChannelChain(stages: 3, singleWriter: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        spsc.Dispose();
        mpsc.Dispose();
        threeStage.Dispose();
    }

    [Benchmark(OperationsPerInvoke = RingThroughputBenchmarks.EventsPerInvoke, Description = "Channels SPSC")]
    public long Spsc() => spsc.PublishAndWait(RingThroughputBenchmarks.EventsPerInvoke, producers: 1);

    [Benchmark(OperationsPerInvoke = RingThroughputBenchmarks.EventsPerInvoke, Description = "Channels MPSC, 2 producers")]
    public long Mpsc() => mpsc.PublishAndWait(RingThroughputBenchmarks.EventsPerInvoke, producers: 2);

    [Benchmark(OperationsPerInvoke = RingThroughputBenchmarks.EventsPerInvoke, Description = "Channels 3-stage, task per stage")]
    public long ThreeStage() => threeStage.PublishAndWait(RingThroughputBenchmarks.EventsPerInvoke, producers: 1);

    /// <summary>A chain of bounded channels with one consuming task each; the last counts.</summary>
    private sealed class ChannelChain : IDisposable
    {
        private readonly Channel<BenchEvent>[] channels;
        private readonly Task[] consumers;
        private long count;
        private long target;

        public ChannelChain(int stages, bool singleWriter)
        {
            channels = new Channel<BenchEvent>[stages];
            for (var i = 0; i < stages; i++)
            {
                channels[i] = Channel.CreateBounded<BenchEvent>(new BoundedChannelOptions(Capacity)
                {
                    SingleReader = true,
                    SingleWriter = i > 0 || singleWriter,
                    FullMode = BoundedChannelFullMode.Wait,
                });
            }

            consumers = new Task[stages];
            for (var i = 0; i < stages; i++)
            {
                var stage = i;
                consumers[i] = stage == stages - 1
                    ? Task.Run(() => Sink(channels[stage].Reader))
                    : Task.Run(() => Forward(channels[stage].Reader, channels[stage + 1].Writer, stage));
            }
        }

        public long PublishAndWait(int events, int producers)
        {
            target += events;
            var writer = channels[0].Writer;
            if (producers == 1)
            {
                Write(writer, events);
            }
            else
            {
                var share = events / producers;
                var helpers = new Task[producers - 1];
                for (var i = 0; i < helpers.Length; i++)
                {
                    helpers[i] = Task.Run(() => Write(writer, share));
                }

                Write(writer, events - (share * helpers.Length));
                Task.WaitAll(helpers);
            }

            var spinner = new SpinWait();
            while (Volatile.Read(ref count) < target)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            return count;
        }

        private static void Write(ChannelWriter<BenchEvent> writer, int events)
        {
            for (var i = 0; i < events; i++)
            {
                var evt = new BenchEvent { Value = i };
                while (!writer.TryWrite(evt))
                {
                    writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult();
                }
            }
        }

        private static async Task Forward(ChannelReader<BenchEvent> reader, ChannelWriter<BenchEvent> writer, int stage)
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var evt))
                {
                    if (stage == 0)
                    {
                        evt.StageOne = evt.Value * 3 + 1;
                    }
                    else
                    {
                        evt.StageTwo = evt.StageOne ^ evt.Value;
                    }

                    while (!writer.TryWrite(evt))
                    {
                        await writer.WaitToWriteAsync().ConfigureAwait(false);
                    }
                }
            }

            writer.Complete();
        }

        private async Task Sink(ChannelReader<BenchEvent> reader)
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var pending = 0L;
                while (reader.TryRead(out _))
                {
                    pending++;
                }

                Volatile.Write(ref count, count + pending);
            }
        }

        public void Dispose()
        {
            channels[0].Writer.Complete();
            Task.WaitAll(consumers, TimeSpan.FromSeconds(10));
        }
    }
}
