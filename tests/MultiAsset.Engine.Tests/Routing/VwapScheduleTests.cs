using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Routing.Algorithms;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Routing;

public class VwapScheduleTests
{
    [Fact]
    public void Compute_ProfileMatchingSlices_FollowsItExactlyWhenDivisible()
    {
        var children = new long[4];
        VwapSchedule.Compute(100, [1, 2, 3, 4], children);
        Assert.Equal([10L, 20, 30, 40], children);
    }

    [Fact]
    public void Compute_UnnormalisedProfile_RoundsCumulativeTarget()
    {
        var children = new long[3];
        VwapSchedule.Compute(10, [25, 25, 50], children);
        // cumulative 2.5, 5, 10 → 3, 5, 10
        Assert.Equal([3L, 2, 5], children);
    }

    [Fact]
    public void Compute_MoreSlicesThanBuckets_InterpolatesWithinBuckets()
    {
        var children = new long[4];
        // two buckets (1, 3), four slices: each bucket's volume is split evenly over its two slices
        VwapSchedule.Compute(80, [1, 3], children);
        Assert.Equal([10L, 10, 30, 30], children);
    }

    [Fact]
    public void Compute_FewerSlicesThanBuckets_SumsBuckets()
    {
        var children = new long[2];
        VwapSchedule.Compute(100, [1, 1, 3, 5], children);
        Assert.Equal([20L, 80], children);
    }

    [Fact]
    public void Compute_ZeroBuckets_GetNoLots()
    {
        var children = new long[4];
        VwapSchedule.Compute(7, [0, 1, 0, 1], children);
        Assert.Equal([0L, 4, 0, 3], children); // cumulative 0, 3.5 → 4, 4, 7
    }

    [Property(MaxTest = 300)]
    public Property Compute_SumsToParent_AndFollowsProfileWithinOneLot(PositiveInt lotsSeed, int seed, PositiveInt slicesSeed)
    {
        long lots = lotsSeed.Get % 5_000_000;
        int n = 1 + (slicesSeed.Get % 120);
        var random = new Random(seed);
        var profile = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.2 ? 0 : random.NextDouble() * 1000).ToArray();
        profile[random.Next(n)] += 1; // never all zero
        var children = new long[n];
        VwapSchedule.Compute(lots, profile, children);
        double total = profile.Sum();
        bool follows = true;
        for (int j = 0; j < n; j++)
        {
            follows &= children[j] >= 0 && Math.Abs(children[j] - (lots * profile[j] / total)) < 1 + 1e-9;
        }

        return (children.Sum() == lots && follows).ToProperty().Label($"lots={lots} n={n}");
    }

    [Theory]
    [InlineData(new double[0], "empty")]
    [InlineData(new[] { 1.0, -0.5 }, "[1]")]
    [InlineData(new[] { 1.0, double.NaN }, "[1]")]
    [InlineData(new[] { 0.0, 0.0 }, "all zeros")]
    public void Compute_InvalidProfile_ThrowsNamingTheProblem(double[] profile, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => VwapSchedule.Compute(10, profile, new long[2]));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal("profile", e.ParamName);
    }

    [Fact]
    public void Compute_DoesNotAllocate()
    {
        var children = new long[100];
        var profile = Enumerable.Range(0, 13).Select(i => 1.0 + ((i - 6) * (i - 6))).ToArray(); // U-shaped day
        VwapSchedule.Compute(12_345, profile, children);
        const int Iterations = 10_000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            VwapSchedule.Compute(12_345 + i, profile, children);
        }

        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, Iterations);
    }
}
