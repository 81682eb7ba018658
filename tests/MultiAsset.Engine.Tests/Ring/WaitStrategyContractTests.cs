using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Tests.Ring;

/// <summary>Every wait strategy must deliver published sequences, respect dependencies and wake on alert.</summary>
public abstract class WaitStrategyContractTests
{
    protected abstract IWaitStrategy Create();

    [Fact]
    public void WaitFor_WhenAlreadyPublished_ReturnsAtOnce()
    {
        var sequencer = new SingleProducerSequencer(8);
        var barrier = sequencer.NewBarrier(Create());
        sequencer.Publish(sequencer.Next(3));

        Assert.Equal(2, barrier.WaitFor(0));
    }

    [Fact]
    public void WaitFor_WhenPublishedLaterByAnotherThread_ReturnsIt()
    {
        var sequencer = new SingleProducerSequencer(8);
        var barrier = sequencer.NewBarrier(Create());
        var waiter = Task.Run(() => barrier.WaitFor(0));

        Thread.Sleep(50);
        Assert.False(waiter.IsCompleted);
        sequencer.Publish(sequencer.Next());

        Assert.True(waiter.Wait(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, waiter.Result);
    }

    [Fact]
    public void WaitFor_WhenUpstreamStageBehind_WaitsForIt()
    {
        var sequencer = new SingleProducerSequencer(8);
        var upstream = new Sequence();
        var barrier = sequencer.NewBarrier(Create(), upstream);
        sequencer.Publish(sequencer.Next(4));

        var waiter = Task.Run(() => barrier.WaitFor(2));
        Thread.Sleep(50);
        Assert.False(waiter.IsCompleted);
        upstream.SetValue(2);

        Assert.True(waiter.Wait(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, waiter.Result);
    }

    [Fact]
    public void WaitFor_WhenAlerted_ReturnsAlertedSequence()
    {
        var sequencer = new SingleProducerSequencer(8);
        var barrier = sequencer.NewBarrier(Create());
        var waiter = Task.Run(() => barrier.WaitFor(0));

        Thread.Sleep(50);
        barrier.Alert();

        Assert.True(waiter.Wait(TimeSpan.FromSeconds(5)));
        Assert.Equal(SequenceBarrier.AlertedSequence, waiter.Result);
    }

    [Fact]
    public void WaitFor_ManyHandOffs_DeliversEverySequence()
    {
        const int count = 20_000;
        var sequencer = new SingleProducerSequencer(16);
        var barrier = sequencer.NewBarrier(Create());
        var consumed = new Sequence();
        sequencer.AddGatingSequences(consumed);
        var consumer = Task.Run(() =>
        {
            long next = 0, seen = 0;
            while (next < count)
            {
                var available = barrier.WaitFor(next);
                seen += available - next + 1;
                consumed.SetValue(available);
                next = available + 1;
            }

            return seen;
        });

        for (var i = 0; i < count; i++)
        {
            sequencer.Publish(sequencer.Next());
        }

        Assert.True(consumer.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(count, consumer.Result);
    }
}

public class BusySpinWaitStrategyTests : WaitStrategyContractTests
{
    protected override IWaitStrategy Create() => new BusySpinWaitStrategy();
}

public class YieldingWaitStrategyTests : WaitStrategyContractTests
{
    protected override IWaitStrategy Create() => new YieldingWaitStrategy();
}

public class SleepingWaitStrategyTests : WaitStrategyContractTests
{
    protected override IWaitStrategy Create() => new SleepingWaitStrategy();
}

public class BlockingWaitStrategyTests : WaitStrategyContractTests
{
    protected override IWaitStrategy Create() => new BlockingWaitStrategy();
}

public class WaitStrategiesTests
{
    [Theory]
    [InlineData(WaitStrategyKind.BusySpin, typeof(BusySpinWaitStrategy))]
    [InlineData(WaitStrategyKind.Yielding, typeof(YieldingWaitStrategy))]
    [InlineData(WaitStrategyKind.Sleeping, typeof(SleepingWaitStrategy))]
    [InlineData(WaitStrategyKind.Blocking, typeof(BlockingWaitStrategy))]
    public void Create_ReturnsStrategyOfKind(WaitStrategyKind kind, Type expected)
        => Assert.IsType(expected, WaitStrategies.Create(kind));
}
