using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Tests.Ring;

/// <summary>The contract every sequencer honours; run against each implementation.</summary>
public abstract class SequencerContractTests
{
    protected abstract Sequencer Create(int size);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    [InlineData(-8)]
    public void Constructor_WhenSizeNotPowerOfTwoAtLeastTwo_ThrowsNamingSize(int size)
    {
        var ex = Assert.Throws<ArgumentException>(() => Create(size));
        Assert.Contains($"was {size}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_ClaimsConsecutiveSequencesFromZero()
    {
        var sequencer = Create(8);
        Assert.Equal(0, sequencer.Next());
        Assert.Equal(1, sequencer.Next());
        Assert.Equal(4, sequencer.Next(3));
    }

    [Fact]
    public void Publish_MakesSequenceAvailable()
    {
        var sequencer = Create(8);
        var sequence = sequencer.Next();
        Assert.False(sequencer.IsAvailable(sequence));
        sequencer.Publish(sequence);
        Assert.True(sequencer.IsAvailable(sequence));
    }

    [Fact]
    public void TryNext_WhenRingFull_ReturnsFalseAndCountsWait()
    {
        var sequencer = Create(4);
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);

        Assert.True(sequencer.TryNext(4, out var high));
        sequencer.Publish(0, high);
        Assert.False(sequencer.TryNext(out _));
        Assert.Equal(1, sequencer.FullRingWaits);
        Assert.Equal(0, sequencer.RemainingCapacity);

        consumer.SetValue(1); // two slots consumed
        Assert.Equal(2, sequencer.RemainingCapacity);
        Assert.True(sequencer.TryNext(2, out var next));
        Assert.Equal(5, next);
        Assert.False(sequencer.TryNext(out _));
    }

    [Fact]
    public void Next_WhenRingFull_WaitsForConsumerThenClaims()
    {
        var sequencer = Create(2);
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        sequencer.Publish(0, sequencer.Next(2));

        var claim = Task.Factory.StartNew(() => sequencer.Next(), TaskCreationOptions.LongRunning);
        Assert.True(SpinWait.SpinUntil(() => sequencer.FullRingWaits == 1, TimeSpan.FromSeconds(5)));
        Assert.False(claim.IsCompleted); // the producer is parked on the full ring...
        consumer.SetValue(0);

        Assert.True(claim.Wait(TimeSpan.FromSeconds(5))); // ...and claims as soon as the consumer moves
        Assert.Equal(2, claim.Result);
        Assert.Equal(1, sequencer.FullRingWaits);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void Next_WhenClaimSizeOutOfRange_Throws(int n)
    {
        var sequencer = Create(8);
        Assert.Throws<ArgumentOutOfRangeException>(() => sequencer.Next(n));
        Assert.Throws<ArgumentOutOfRangeException>(() => sequencer.TryNext(n, out _));
    }

    [Fact]
    public void IsAvailable_AfterWrapAround_TracksLap()
    {
        var sequencer = Create(4);
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        for (var i = 0; i < 10; i++)
        {
            var s = sequencer.Next();
            sequencer.Publish(s);
            consumer.SetValue(s);
        }

        Assert.True(sequencer.IsAvailable(9));
        Assert.False(sequencer.IsAvailable(5)); // overwritten by 9
        Assert.False(sequencer.IsAvailable(10));
    }
}

public class SingleProducerSequencerTests : SequencerContractTests
{
    protected override Sequencer Create(int size) => new SingleProducerSequencer(size);
}

public class MultiProducerSequencerTests : SequencerContractTests
{
    protected override Sequencer Create(int size) => new MultiProducerSequencer(size);

    [Fact]
    public void GetHighestPublishedSequence_WhenPublishedOutOfOrder_StopsAtFirstGap()
    {
        var sequencer = new MultiProducerSequencer(8);
        var first = sequencer.Next();
        var second = sequencer.Next();
        var third = sequencer.Next();

        sequencer.Publish(second);
        sequencer.Publish(third);
        Assert.Equal(first - 1, sequencer.GetHighestPublishedSequence(first, third));

        sequencer.Publish(first);
        Assert.Equal(third, sequencer.GetHighestPublishedSequence(first, third));
    }

    [Fact]
    public void Next_WhenSeveralProducersWaitOnAFullRing_EachGetsItsOwnSlotOnceTheConsumerReleasesIt()
    {
        var sequencer = new MultiProducerSequencer(4);
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        sequencer.Publish(0, sequencer.Next(4));

        // Both claims are taken at once (an atomic add) and each waits for its own slot of the next lap.
        var first = Task.Factory.StartNew(() => sequencer.Next(), TaskCreationOptions.LongRunning);
        var second = Task.Factory.StartNew(() => sequencer.Next(), TaskCreationOptions.LongRunning);
        Assert.True(SpinWait.SpinUntil(() => sequencer.FullRingWaits == 2, TimeSpan.FromSeconds(5)));
        Assert.Equal(5, sequencer.CursorValue);

        consumer.SetValue(0); // releases slot 4 only
        var done = Task.WaitAny([first, second], TimeSpan.FromSeconds(5));
        Assert.NotEqual(-1, done);
        Assert.Equal(4, (done == 0 ? first : second).Result);
        Assert.False((done == 0 ? second : first).Wait(TimeSpan.FromMilliseconds(50)));

        consumer.SetValue(1); // releases slot 5
        Assert.True(Task.WaitAll([first, second], TimeSpan.FromSeconds(5)));
        Assert.Equal([4L, 5L], new[] { first.Result, second.Result }.Order());
    }

    [Fact]
    public void Barrier_WaitFor_WithMaxCount_ScansNoFurtherThanTheCap()
    {
        var sequencer = new MultiProducerSequencer(16);
        sequencer.Publish(0, sequencer.Next(10));
        var barrier = sequencer.NewBarrier(new BusySpinWaitStrategy());

        Assert.Equal(9, barrier.WaitFor(0));
        Assert.Equal(3, barrier.WaitFor(0, 4));
        Assert.Equal(9, barrier.WaitFor(8, 4));
        Assert.Equal(5, barrier.TryGetAvailable(2, 4));
        Assert.Equal(9, barrier.TryGetAvailable(2));
    }
}
