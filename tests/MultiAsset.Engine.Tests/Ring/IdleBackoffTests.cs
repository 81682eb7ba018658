using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Tests.Ring;

public class IdleBackoffTests
{
    [Fact]
    public void Idle_ReachesSleepingPhaseAfterSpinsAndYields_AndResetRestarts()
    {
        var backoff = new IdleBackoff(spins: 3, yields: 2);
        for (var i = 0; i < 5; i++)
        {
            Assert.False(backoff.IsSleeping);
            backoff.Idle();
        }

        Assert.True(backoff.IsSleeping);
        backoff.Reset();
        Assert.False(backoff.IsSleeping);
    }

    [Fact]
    public void Idle_WithShortSleeps_CountsThemAsSleeping_AndFullRingProfileSleepsAfterTenSpins()
    {
        var backoff = new IdleBackoff(spins: 2, yields: 1, shortSleeps: 2);
        for (var i = 0; i < 3; i++)
        {
            Assert.False(backoff.IsSleeping);
            backoff.Idle();
        }

        Assert.True(backoff.IsSleeping);
        backoff.Idle(); // a short sleep: returns (well under a second)
        Assert.True(backoff.IsSleeping);

        var fullRing = IdleBackoff.FullRing;
        for (var i = 0; i < 10; i++)
        {
            Assert.False(fullRing.IsSleeping);
            fullRing.Idle();
        }

        Assert.True(fullRing.IsSleeping);
    }
}
