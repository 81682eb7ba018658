using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Ring;

public class BatchEventProcessorTests
{
    private static (ValueRingBuffer<TestEvent> Ring, BatchEventProcessor<TestEvent, RecordingHandler> Processor, LoggingExceptionHandler Errors)
        Create(RecordingHandler handler, int size = 16, int maxBatch = int.MaxValue)
    {
        var ring = new ValueRingBuffer<TestEvent>(size);
        var errors = new LoggingExceptionHandler();
        var processor = new BatchEventProcessor<TestEvent, RecordingHandler>(
            "test", ring, ring.NewBarrier(new YieldingWaitStrategy()), handler, errors, maxBatch);
        ring.AddGatingSequences(processor.Sequence);
        return (ring, processor, errors);
    }

    private static void Publish(ValueRingBuffer<TestEvent> ring, long value)
    {
        var translator = new TestTranslator { Value = value };
        ring.PublishEvent(ref translator);
    }

    [Fact]
    public void Poll_ProcessesAvailableBatchInOrder_AndMarksEndOfBatch()
    {
        var handler = new RecordingHandler();
        var (ring, processor, _) = Create(handler);
        for (var i = 0; i < 5; i++)
        {
            Publish(ring, i * 10);
        }

        Assert.Equal(5, processor.Poll());
        Assert.Equal([0L, 1, 2, 3, 4], handler.Sequences);
        Assert.Equal([0L, 10, 20, 30, 40], handler.Values.Select(v => v.Value));
        Assert.Equal(1, handler.EndOfBatchCount);
        Assert.Equal(4, processor.Sequence.Value);
        Assert.Equal(0, processor.Poll());
    }

    [Fact]
    public void Poll_WhenBatchCapped_TakesAtMostMaxBatch()
    {
        var handler = new RecordingHandler();
        var (ring, processor, _) = Create(handler, maxBatch: 2);
        for (var i = 0; i < 5; i++)
        {
            Publish(ring, i);
        }

        Assert.Equal(2, processor.Poll());
        Assert.Equal(2, processor.Poll());
        Assert.Equal(1, processor.Poll());
        Assert.Equal(3, handler.EndOfBatchCount);
    }

    [Fact]
    public void Poll_WhenHandlerThrows_CountsFailureAndContinuesWithNextEvent()
    {
        var handler = new RecordingHandler(throwOn: s => s is 1 or 3);
        var (ring, processor, errors) = Create(handler);
        for (var i = 0; i < 5; i++)
        {
            Publish(ring, i);
        }

        Assert.Equal(5, processor.Poll());
        Assert.Equal([0L, 2, 4], handler.Sequences);
        Assert.Equal(2, processor.HandlerFailures);
        Assert.Equal(2, errors.FailuresOf("test"));
        Assert.Equal(4, processor.Sequence.Value); // the ring kept moving
    }

    [Fact]
    public void Poll_WhenSlotInvalid_SkipsAndCounts()
    {
        var handler = new RecordingHandler();
        var (ring, processor, _) = Create(handler);
        Publish(ring, 1);
        var failing = new TestTranslator { Value = 2, FailAfterPartialWrite = true };
        Assert.Throws<InvalidOperationException>(() => ring.PublishEvent(ref failing));
        Publish(ring, 3);

        Assert.Equal(3, processor.Poll());
        Assert.Equal([1L, 3], handler.Values.Select(v => v.Value));
        Assert.Equal(1, processor.InvalidEventsSkipped);
    }

    [Fact]
    public void Poll_WhenLastSlotInvalid_EndsTheBatchOnTheLastValidEvent()
    {
        var handler = new RecordingHandler();
        var (ring, processor, _) = Create(handler);
        Publish(ring, 1);
        Publish(ring, 2);
        var failing = new TestTranslator { Value = 3, FailAfterPartialWrite = true };
        Assert.Throws<InvalidOperationException>(() => ring.PublishEvent(ref failing));

        Assert.Equal(3, processor.Poll());
        Assert.Equal([1L, 2], handler.Values.Select(v => v.Value));
        // The journal flushes on endOfBatch: a batch ending on an invalid slot must still deliver it, once, on 2.
        Assert.Equal(1, handler.EndOfBatchCount);
        Assert.Equal(2, processor.Sequence.Value);
    }

    [Fact]
    public void ProcessNextBatch_WhenAlerted_ReturnsMinusOne()
    {
        var handler = new RecordingHandler();
        var (_, processor, _) = Create(handler);
        processor.Barrier.Alert();

        Assert.Equal(-1, processor.ProcessNextBatch());
    }

    [Fact]
    public void NotifyStartAndShutdown_CallLifecycleHooks()
    {
        var handler = new RecordingHandler();
        var (_, processor, _) = Create(handler);
        processor.NotifyStart();
        processor.NotifyShutdown();

        Assert.Equal(1, handler.Started);
        Assert.Equal(1, handler.Shutdown);
    }
}
