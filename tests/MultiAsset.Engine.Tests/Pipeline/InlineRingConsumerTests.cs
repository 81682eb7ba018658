using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Pipeline;

public class InlineRingConsumerTests
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
    public void Drain_HandlesEverythingPublished_InOrder_SkippingInvalidSlotsAndPassingOverFailures()
    {
        var ring = new ValueRingBuffer<TestEvent>(8);
        var handler = new RecordingHandler(throwOn: s => s == 1);
        var consumer = new InlineRingConsumer<TestEvent, RecordingHandler>(ring, handler, "inline", new LoggingExceptionHandler());
        consumer.Drain();
        Assert.Equal(0, consumer.Consumed);

        Publish(ring, 10);
        Publish(ring, 11);
        Publish(ring, 12, fail: true);
        Publish(ring, 13);
        consumer.Drain();

        Assert.Equal([0L, 3], handler.Sequences);
        Assert.Equal([10L, 13], handler.Values.Select(v => v.Value));
        Assert.Equal(1, handler.EndOfBatchCount);
        Assert.Equal(1, consumer.Failed);
        Assert.Equal(4, consumer.Consumed);
    }

    [Fact]
    public void Drain_WhenLastSlotInvalid_EndsTheBatchOnTheLastValidEvent()
    {
        var ring = new ValueRingBuffer<TestEvent>(8);
        var handler = new RecordingHandler();
        var consumer = new InlineRingConsumer<TestEvent, RecordingHandler>(ring, handler, "inline", new LoggingExceptionHandler());
        Publish(ring, 10);
        Publish(ring, 11, fail: true);
        Publish(ring, 12, fail: true);
        consumer.Drain();

        Assert.Equal([10L], handler.Values.Select(v => v.Value));
        Assert.Equal(1, handler.EndOfBatchCount);
        Assert.Equal(3, consumer.Consumed);
    }

    [Fact]
    public void Drain_ReleasesSlots_SoTheProducerCanLapTheRing()
    {
        var ring = new ValueRingBuffer<TestEvent>(4);
        var handler = new RecordingHandler();
        var consumer = new InlineRingConsumer<TestEvent, RecordingHandler>(ring, handler, "inline", new LoggingExceptionHandler());
        for (var i = 0; i < 40; i++)
        {
            Publish(ring, i);
            if (i % 3 == 2)
            {
                consumer.Drain();
            }
        }

        consumer.Drain();

        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), handler.Values.Select(v => v.Value));
        Assert.Equal(40, consumer.Consumed);
        Assert.Equal(0, ring.Sequencer.FullRingWaits);
    }

    [Fact]
    public void Drain_WhenTheLastAvailableEventFails_ReleasesItAndGoesOnFromTheNextOne()
    {
        var ring = new ValueRingBuffer<TestEvent>(4);
        var handler = new RecordingHandler(throwOn: s => s == 2);
        var consumer = new InlineRingConsumer<TestEvent, RecordingHandler>(ring, handler, "inline", new LoggingExceptionHandler());
        Publish(ring, 10);
        Publish(ring, 11);
        Publish(ring, 12);
        consumer.Drain();

        Assert.Equal([0L, 1], handler.Sequences);
        Assert.Equal(1, consumer.Failed);
        Assert.Equal(3, consumer.Consumed);

        consumer.Drain(); // nothing new: the failed event is not handed over again
        Assert.Equal(1, consumer.Failed);

        for (var i = 0; i < 5; i++)
        {
            Publish(ring, 13 + i);
            consumer.Drain();
        }

        Assert.Equal([0L, 1, 3, 4, 5, 6, 7], handler.Sequences);
        Assert.Equal(8, consumer.Consumed);
        Assert.Equal(0, ring.Sequencer.FullRingWaits);
    }
}
