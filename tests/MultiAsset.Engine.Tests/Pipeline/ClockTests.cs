using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Tests.Pipeline;

public class ClockTests
{
    [Fact]
    public void SystemClock_IsCloseToUtcNow_AndMonotonic()
    {
        var clock = new SystemClock();
        var utcNanos = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        var first = clock.NowNanoseconds;
        var second = clock.NowNanoseconds;

        Assert.InRange(first - utcNanos, -50_000_000, 50_000_000); // within 50 ms
        Assert.True(second >= first);
    }

    [Fact]
    public void SimulatedClock_MovesOnlyForward()
    {
        var clock = new SimulatedClock(1_000);
        clock.Advance(500);
        Assert.Equal(1_500, clock.NowNanoseconds);

        clock.AdvanceTo(2_000);
        Assert.Equal(2_000, clock.NowNanoseconds);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceTo(1_999));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(-1));
    }
}
