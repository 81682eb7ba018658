using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Benchmarks.Ring;

/// <summary>
/// The ring in the engine's chained layout: producer and consumer on one thread, one <c>Next()</c>/<c>Publish()</c>
/// per event and an <see cref="InlineRingConsumer{T, THandler}"/> drained after every event, as the engine chain
/// drains its intent and order rings after each input event. Each operation is one event; 0 B allocated.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class InlineRingBenchmarks
{
    private const int EventsPerInvoke = 1 << 20;

    private ValueRingBuffer<BenchEvent> ring = null!;
    private InlineRingConsumer<BenchEvent, CountingSinkHandler> consumer = null!;
    private CountingSinkHandler sink = null!;

    [GlobalSetup]
    public void Setup()
    {
        ring = new ValueRingBuffer<BenchEvent>(1 << 16);
        sink = new CountingSinkHandler();
        consumer = new InlineRingConsumer<BenchEvent, CountingSinkHandler>(ring, sink, "sink", new LoggingExceptionHandler());
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvoke, Description = "SPSC inline (publish + drain per event, one thread)")]
    public long PublishAndDrain()
    {
        var r = ring;
        var c = consumer;
        for (var i = 0; i < EventsPerInvoke; i++)
        {
            var sequence = r.Next();
            r[sequence].Value = i;
            r.Publish(sequence);
            c.Drain();
        }

        return sink.Sum;
    }
}
