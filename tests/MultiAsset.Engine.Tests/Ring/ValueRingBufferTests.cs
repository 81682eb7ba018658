using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Ring;

public class ValueRingBufferTests
{
    [Fact]
    public void Indexer_ReturnsSameSlotByReference_AcrossLaps()
    {
        var ring = new ValueRingBuffer<TestEvent>(4);
        ring[1].Value = 42;

        Assert.Equal(42, ring[1].Value);
        Assert.Equal(42, ring[5].Value); // 5 & 3 == 1: the same preallocated slot
        Assert.Equal(0, ring[2].Value);
    }

    [Fact]
    public void PublishEvent_FillsAndPublishes()
    {
        var ring = new ValueRingBuffer<TestEvent>(8);
        var translator = new TestTranslator { Producer = 3, Value = 99 };

        var sequence = ring.PublishEvent(ref translator);

        Assert.Equal(0, sequence);
        Assert.Equal(0, ring.Cursor);
        Assert.Equal(99, ring[0].Value);
        Assert.True(ring.IsValid(0));
    }

    [Fact]
    public void PublishEvent_WhenTranslatorThrows_PublishesSlotAsInvalid()
    {
        var ring = new ValueRingBuffer<TestEvent>(8);
        var failing = new TestTranslator { Producer = 1, Value = 5, FailAfterPartialWrite = true };

        Assert.Throws<InvalidOperationException>(() => ring.PublishEvent(ref failing));

        Assert.Equal(0, ring.Cursor); // published, so consumers are not stalled...
        Assert.False(ring.IsValid(0)); // ...but marked so that nobody processes the half-written event

        var ok = new TestTranslator { Producer = 1, Value = 6 };
        ring.PublishEvent(ref ok);
        Assert.True(ring.IsValid(1));
    }

    [Fact]
    public void IsValid_AfterWrapAround_ForgetsOldInvalidMarker()
    {
        var ring = new ValueRingBuffer<TestEvent>(2);
        ring.MarkInvalid(0);

        Assert.False(ring.IsValid(0));
        Assert.True(ring.IsValid(2)); // same slot, next lap
    }

    [Fact]
    public void Claim_WhenDisposedWithoutCommit_PublishesInvalid()
    {
        var ring = new ValueRingBuffer<TestEvent>(8);
        try
        {
            using var claim = ring.Claim();
            claim.Event.Value = 1;
            throw new InvalidOperationException("producer failed while filling");
        }
        catch (InvalidOperationException)
        {
        }

        Assert.Equal(0, ring.Cursor);
        Assert.False(ring.IsValid(0));
    }

    [Fact]
    public void Claim_WhenCommitted_PublishesValid()
    {
        var ring = new ValueRingBuffer<TestEvent>(8);
        using (var claim = ring.Claim())
        {
            claim.Event.Value = 7;
            claim.Commit();
        }

        Assert.Equal(0, ring.Cursor);
        Assert.True(ring.IsValid(0));
        Assert.Equal(7, ring[0].Value);
    }

    [Fact]
    public void TryPublishEvent_WhenFull_ReturnsFalse()
    {
        var ring = new ValueRingBuffer<TestEvent>(2);
        ring.AddGatingSequences(new Sequence());
        var translator = new TestTranslator { Value = 1 };

        Assert.True(ring.TryPublishEvent(ref translator));
        Assert.True(ring.TryPublishEvent(ref translator));
        Assert.False(ring.TryPublishEvent(ref translator));
        Assert.Equal(1, ring.Sequencer.FullRingWaits);
    }
}
