using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Routing.Algorithms;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Routing;

public class TwapScheduleTests
{
    [Fact]
    public void Compute_TenLotsOverFourSlices_RoundsTheCumulativeTargetHalfUp()
    {
        var children = new long[4];
        TwapSchedule.Compute(10, children);
        // cumulative targets 2.5, 5, 7.5, 10 → 3, 5, 8, 10
        Assert.Equal([3L, 2, 3, 2], children);
    }

    [Fact]
    public void Compute_FewerLotsThanSlices_SpreadsSingleLots()
    {
        var children = new long[5];
        TwapSchedule.Compute(3, children);
        // cumulative targets 0.6, 1.2, 1.8, 2.4, 3 → 1, 1, 2, 2, 3
        Assert.Equal([1L, 0, 1, 0, 1], children);
    }

    [Fact]
    public void Compute_HugeLotCount_IsExact()
    {
        var children = new long[3];
        TwapSchedule.Compute(long.MaxValue, children);
        Assert.Equal(long.MaxValue, children[0] + children[1] + children[2]); // no overflow in the integer arithmetic
        Assert.All(children, c => Assert.InRange(c, (long.MaxValue / 3) - 1, (long.MaxValue / 3) + 1));
    }

    [Property(MaxTest = 300)]
    public Property Compute_SumsToParent_AndTracksEqualSlicesWithinOneLot(PositiveInt lotsSeed, PositiveInt slicesSeed)
    {
        long lots = lotsSeed.Get % 1_000_000;
        int n = 1 + (slicesSeed.Get % 400);
        var children = new long[n];
        TwapSchedule.Compute(lots, children);
        double exact = (double)lots / n;
        long cumulative = 0;
        bool tracks = true;
        for (int j = 0; j < n; j++)
        {
            cumulative += children[j];
            tracks &= children[j] >= 0 && Math.Abs(children[j] - exact) < 1 && Math.Abs(cumulative - (exact * (j + 1))) <= 0.5 + 1e-9;
        }

        return (cumulative == lots && tracks).ToProperty().Label($"lots={lots} n={n}");
    }

    [Fact]
    public void Compute_InvalidInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => TwapSchedule.Compute(10, Span<long>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => TwapSchedule.Compute(-1, new long[2]));
    }

    [Fact]
    public void Compute_DoesNotAllocate()
    {
        var children = new long[100];
        TwapSchedule.Compute(12_345, children);
        const int Iterations = 10_000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            TwapSchedule.Compute(12_345 + i, children);
        }

        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, Iterations);
    }
}
