using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Pipeline;

public class EnginePipelineTests
{
    private static void PublishValues(ValueRingBuffer<TestEvent> ring, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var translator = new TestTranslator { Value = i };
            ring.PublishEvent(ref translator);
        }
    }

    [Theory]
    [InlineData(true, WaitStrategyKind.Blocking)]
    [InlineData(false, WaitStrategyKind.Blocking)]
    [InlineData(true, WaitStrategyKind.Yielding)]
    [InlineData(false, WaitStrategyKind.Sleeping)]
    public void CrossRingPipeline_DeliversEveryEventThroughBothRings(bool fused, WaitStrategyKind wait)
    {
        // The intents ring is tiny: fused, the forwarding stage must be held to batches the ring can take.
        var layout = Layouts.Of(
            [Layouts.Ring("input", 1024), Layouts.Ring("intents", 4, ProducerType.Single)],
            fused ? [Layouts.Thread("main", wait, "forward", "sink")] : [Layouts.Thread("t1", wait, "forward"), Layouts.Thread("t2", wait, "sink")]);
        var builder = new PipelineBuilder(layout);
        var input = builder.AddRing<TestEvent>("input", fedExternally: true);
        var intents = builder.AddRing<TestEvent>("intents");
        var sink = new RecordingHandler();
        builder.AddStage("forward", input, new ForwardingHandler(intents.Ring), publishesTo: ["intents"]);
        builder.AddStage("sink", intents, sink);
        using var pipeline = builder.Build();
        pipeline.Start();

        PublishValues(input.Ring, 10_000);
        var result = pipeline.Stop();

        Assert.True(result.Drained);
        Assert.Empty(result.ThreadsStillRunning);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => i * 2L), sink.Values.Select(v => v.Value));
        Assert.Equal(10_000, pipeline.Snapshot().Stage("sink").EventsProcessed);
    }

    [Fact]
    public void Stop_DrainsEverythingPublishedBeforeHalting()
    {
        var layout = Layouts.Of([Layouts.Ring("input", 256)], Layouts.Thread("main", WaitStrategyKind.Sleeping, "slow"));
        var builder = new PipelineBuilder(layout);
        var input = builder.AddRing<TestEvent>("input", fedExternally: true);
        var handler = new SlowHandler();
        builder.AddStage("slow", input, handler);
        using var pipeline = builder.Build();
        pipeline.Start();

        PublishValues(input.Ring, 200); // fills most of the ring; the handler is far behind when Stop is called
        var result = pipeline.Stop();

        Assert.True(result.Drained);
        Assert.Equal(200, handler.Count);
    }

    [Fact]
    public void Stop_CallsStartAndShutdownHooksOnce()
    {
        var layout = Layouts.Of([Layouts.Ring("input", 8)], Layouts.Thread("main", WaitStrategyKind.Blocking, "a"));
        var builder = new PipelineBuilder(layout);
        var handler = new RecordingHandler();
        builder.AddStage("a", builder.AddRing<TestEvent>("input", fedExternally: true), handler);
        var pipeline = builder.Build();

        pipeline.Start();
        pipeline.Stop();
        pipeline.Stop(); // idempotent

        Assert.Equal(1, handler.Started);
        Assert.Equal(1, handler.Shutdown);
        Assert.Throws<InvalidOperationException>(() => pipeline.Start());
    }

    [Fact]
    public void ThrowingHandler_IsCountedAndDownstreamKeepsMoving()
    {
        var layout = Layouts.Of([Layouts.Ring("input", 64)], Layouts.Thread("main", WaitStrategyKind.Blocking, "faulty", "after"));
        var errors = new LoggingExceptionHandler();
        var builder = new PipelineBuilder(layout, errors);
        var input = builder.AddRing<TestEvent>("input", fedExternally: true);
        var after = new RecordingHandler();
        builder.AddStage("faulty", input, new RecordingHandler(throwOn: s => s % 10 == 0));
        builder.AddStage("after", input, after, after: ["faulty"]);
        using var pipeline = builder.Build();
        pipeline.Start();

        PublishValues(input.Ring, 1_000);
        var result = pipeline.Stop();

        Assert.True(result.Drained);
        Assert.Equal(100, pipeline.Snapshot().Stage("faulty").HandlerFailures);
        Assert.Equal(100, errors.FailuresOf("faulty"));
        Assert.Equal(1_000, after.Sequences.Count);
    }

    [Fact]
    public void Snapshot_ReportsBacklogAndRingOccupancy()
    {
        var layout = Layouts.Of([Layouts.Ring("input", 16)], Layouts.Thread("main", WaitStrategyKind.Blocking, "a"));
        var builder = new PipelineBuilder(layout);
        var input = builder.AddRing<TestEvent>("input", fedExternally: true);
        builder.AddStage("a", input, new RecordingHandler());
        using var pipeline = builder.Build();

        PublishValues(input.Ring, 5); // not started: nothing consumed yet
        var snapshot = pipeline.Snapshot();

        Assert.Equal(5, snapshot.Stage("a").Backlog);
        Assert.Equal(5, snapshot.Rings.Single().Occupancy);
        Assert.Equal(4, snapshot.Rings.Single().Cursor);
    }

    private sealed class SlowHandler : IValueEventHandler<TestEvent>
    {
        public int Count { get; private set; }

        public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
        {
            Thread.SpinWait(20_000);
            Count++;
        }
    }
}
