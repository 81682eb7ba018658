using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Benchmarks.Ring;

/// <summary>A started pipeline plus its sink, for throughput benchmarks; producers are the calling threads.</summary>
public sealed class PipelineRig : IDisposable
{
    private const int RingSize = 1 << 16;

    private readonly EnginePipeline pipeline;
    private readonly ValueRingBuffer<BenchEvent> ring;
    private readonly CountingSinkHandler sink;
    private long target;

    private PipelineRig(EnginePipeline pipeline, ValueRingBuffer<BenchEvent> ring, CountingSinkHandler sink)
    {
        this.pipeline = pipeline;
        this.ring = ring;
        this.sink = sink;
        pipeline.Start();
    }

    /// <summary>One ring, one consuming stage.</summary>
    public static PipelineRig SingleStage(WaitStrategyKind wait, ProducerType producer)
    {
        var layout = new PipelineLayout(
            [new RingOptions("input", RingSize, producer)],
            [new StageThreadOptions("sink", ["sink"], wait, PipelineLayout.DefaultMaxBatchSize)],
            TimeSpan.FromSeconds(30));
        var builder = new PipelineBuilder(layout);
        var input = builder.AddRing<BenchEvent>("input", fedExternally: true);
        var sink = new CountingSinkHandler();
        builder.AddStage("sink", input, sink);
        return new PipelineRig(builder.Build(), input.Ring, sink);
    }

    /// <summary>One ring, three stages in a chain (one → two → sink), a thread each or fused on one.</summary>
    public static PipelineRig ThreeStage(WaitStrategyKind wait, bool fused)
    {
        StageThreadOptions Thread(string name, params string[] stages) => new(name, stages, wait, PipelineLayout.DefaultMaxBatchSize);
        var layout = new PipelineLayout(
            [new RingOptions("input", RingSize, ProducerType.Single)],
            fused ? [Thread("all", "one", "two", "sink")] : [Thread("one", "one"), Thread("two", "two"), Thread("sink", "sink")],
            TimeSpan.FromSeconds(30));
        var builder = new PipelineBuilder(layout);
        var input = builder.AddRing<BenchEvent>("input", fedExternally: true);
        var sink = new CountingSinkHandler();
        builder.AddStage("one", input, new TransformHandler());
        builder.AddStage("two", input, new SecondTransformHandler(), after: ["one"]);
        builder.AddStage("sink", input, sink, after: ["two"]);
        return new PipelineRig(builder.Build(), input.Ring, sink);
    }

    /// <summary>Publishes <paramref name="events"/> events split across <paramref name="producers"/> threads and waits until the sink has seen them.</summary>
    public long PublishAndWait(int events, int producers)
    {
        target += events;
        EnsureHelpers(producers - 1);
        var share = events / producers;
        foreach (var helper in helpers)
        {
            helper.Go(share);
        }

        Publish(ring, events - (share * helpers.Count));
        foreach (var helper in helpers)
        {
            helper.WaitDone();
        }

        sink.WaitFor(target);
        return sink.Sum;
    }

    private readonly List<HelperProducer> helpers = [];

    private void EnsureHelpers(int count)
    {
        while (helpers.Count < count)
        {
            helpers.Add(new HelperProducer(ring));
        }
    }

    private static void Publish(ValueRingBuffer<BenchEvent> r, int events)
    {
        for (var i = 0; i < events; i++)
        {
            var sequence = r.Next();
            r[sequence].Value = i;
            r.Publish(sequence);
        }
    }

    public void Dispose()
    {
        foreach (var helper in helpers)
        {
            helper.Dispose();
        }

        pipeline.Stop();
    }

    /// <summary>
    /// An extra producer thread kept alive across invocations, so the multi-producer benchmark measures publishing,
    /// not thread start-up (and allocates nothing per invocation).
    /// </summary>
    private sealed class HelperProducer : IDisposable
    {
        private readonly SemaphoreSlim go = new(0);
        private readonly SemaphoreSlim done = new(0);
        private readonly Thread thread;
        private volatile int pending;
        private volatile bool stopping;

        public HelperProducer(ValueRingBuffer<BenchEvent> ring)
        {
            thread = new Thread(() =>
            {
                while (true)
                {
                    go.Wait();
                    if (stopping)
                    {
                        return;
                    }

                    Publish(ring, pending);
                    done.Release();
                }
            }) { IsBackground = true, Name = "bench-producer" };
            thread.Start();
        }

        public void Go(int events)
        {
            pending = events;
            go.Release();
        }

        public void WaitDone() => done.Wait();

        public void Dispose()
        {
            stopping = true;
            go.Release();
            thread.Join();
            go.Dispose();
            done.Dispose();
        }
    }
}
