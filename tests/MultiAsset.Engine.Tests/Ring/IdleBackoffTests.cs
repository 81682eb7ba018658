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
}
