using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Ring;

public class EventProcessorFactoryTests
{
    private static void Publish(ValueRingBuffer<TestEvent> ring, long value, bool fail = false)
    {
        var translator = new TestTranslator { Value = value, FailAfterPartialWrite = fail };
        try
        {
            ring.PublishEvent(ref translator);
        }
        catch (InvalidOperationException) when (fail)
        {
        }
    }

    [Fact]
    public void ProxyTypeFor_PublicSealedClassHandler_IsAStructHandler()
    {
        var proxy = ValueEventHandlerProxy.ProxyTypeFor<TestEvent>(typeof(RecordingHandler));

        Assert.NotNull(proxy);
        Assert.True(proxy.IsValueType);
        Assert.True(typeof(IValueEventHandler<TestEvent>).IsAssignableFrom(proxy));
        Assert.Same(proxy, ValueEventHandlerProxy.ProxyTypeFor<TestEvent>(typeof(RecordingHandler)));
    }

    [Fact]
    public void ProxyTypeFor_StructOrNonPublicHandler_IsNull()
    {
        Assert.Null(ValueEventHandlerProxy.ProxyTypeFor<TestEvent>(typeof(StructHandler)));
        Assert.Null(ValueEventHandlerProxy.ProxyTypeFor<TestEvent>(typeof(PrivateHandler)));
    }

    [Fact]
    public void Create_ForClassHandler_RunsThroughTheProxy_InOrder_WithLifecycleAndFailures()
    {
        var ring = new ValueRingBuffer<TestEvent>(16);
        var handler = new RecordingHandler(throwOn: s => s == 2);
        var errors = new LoggingExceptionHandler();
        var processor = EventProcessorFactory.Create("stage", ring, ring.NewBarrier(new YieldingWaitStrategy()), handler, errors);
        ring.AddGatingSequences(processor.Sequence);

        Assert.IsNotType<BatchEventProcessor<TestEvent, RecordingHandler>>(processor);
        processor.NotifyStart();
        for (var i = 0; i < 5; i++)
        {
            Publish(ring, i * 10, fail: i == 3);
        }

        Assert.Equal(5, processor.Poll());
        processor.NotifyShutdown();

        Assert.Equal([0L, 1, 4], handler.Sequences);
        Assert.Equal([0L, 10, 40], handler.Values.Select(v => v.Value));
        Assert.Equal(1, processor.HandlerFailures);
        Assert.Equal(1, processor.InvalidEventsSkipped);
        Assert.Equal(5, processor.EventsProcessed);
        Assert.Equal(4, processor.Sequence.Value);
        Assert.Equal(1, handler.Started);
        Assert.Equal(1, handler.Shutdown);
    }

    [Fact]
    public void Create_ForNonPublicHandler_FallsBackToTheHandlerItself()
    {
        var ring = new ValueRingBuffer<TestEvent>(8);
        var handler = new PrivateHandler();
        var processor = EventProcessorFactory.Create("stage", ring, ring.NewBarrier(new YieldingWaitStrategy()), handler, new LoggingExceptionHandler());
        ring.AddGatingSequences(processor.Sequence);
        Publish(ring, 7);
        Publish(ring, 8);

        Assert.IsType<BatchEventProcessor<TestEvent, PrivateHandler>>(processor);
        Assert.Equal(2, processor.Poll());
        Assert.Equal(15, handler.Sum);
    }

    [Fact]
    public void HasInvalidSlots_TurnsTrueOnlyWhenASlotIsMarkedInvalid()
    {
        var ring = new ValueRingBuffer<TestEvent>(8);
        Publish(ring, 1);
        Assert.False(ring.HasInvalidSlots);

        Publish(ring, 2, fail: true);

        Assert.True(ring.HasInvalidSlots);
        Assert.True(ring.IsValid(0));
        Assert.False(ring.IsValid(1));
    }

    private struct StructHandler : IValueEventHandler<TestEvent>
    {
        public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
        {
        }
    }

    private sealed class PrivateHandler : IValueEventHandler<TestEvent>
    {
        public long Sum { get; private set; }

        public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch) => Sum += evt.Value;
    }
}
