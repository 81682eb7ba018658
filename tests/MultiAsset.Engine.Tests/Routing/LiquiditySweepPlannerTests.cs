using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Algorithms;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Routing;

public class LiquiditySweepPlannerTests
{
    private static readonly VenueId A = new(0), B = new(1), C = new(2);

    private static Price P(string text) => Price.Parse(text);

    [Fact]
    public void Buy_SweepsByEffectivePrice_UpToTheLimit()
    {
        DepthLevel[] asks =
        [
            new(A, P("100.05"), 200, P("0.01")),  // effective 100.06
            new(B, P("100.04"), 100, P("0.03")),  // effective 100.07: cheaper on screen, dearer after fees
            new(B, P("100.06"), 300, P("0.03")),  // effective 100.09
            new(C, P("100.05"), 150),             // effective 100.05
            new(A, P("100.12"), 1000, P("0.01")), // above the limit
        ];
        var plan = new SweepAllocation[asks.Length];
        long filled = LiquiditySweepPlanner.Plan(OrderSide.Buy, 500, P("100.10"), asks, plan, out int count);
        Assert.Equal(500, filled);
        Assert.Equal(
            [new SweepAllocation(C, P("100.05"), 150), new SweepAllocation(A, P("100.05"), 200), new SweepAllocation(B, P("100.04"), 100), new SweepAllocation(B, P("100.06"), 50)],
            plan[..count]);
    }

    [Fact]
    public void Sell_StopsAtTheLimit_WhenDepthIsThin()
    {
        DepthLevel[] bids = [new(A, P("99.98"), 100), new(B, P("99.99"), 50), new(A, P("99.97"), 100), new(B, P("99.96"), 0)];
        var plan = new SweepAllocation[bids.Length];
        long filled = LiquiditySweepPlanner.Plan(OrderSide.Sell, 400, P("99.975"), bids, plan, out int count);
        Assert.Equal(150, filled);
        Assert.Equal([new SweepAllocation(B, P("99.99"), 50), new SweepAllocation(A, P("99.98"), 100)], plan[..count]);
    }

    [Fact]
    public void EqualEffectivePrices_AreTakenInInputOrder_AndNoLimitTakesEverything()
    {
        DepthLevel[] asks = [new(B, P("10"), 5), new(A, P("10"), 5), new(C, P("11"), 5)];
        var plan = new SweepAllocation[3];
        long filled = LiquiditySweepPlanner.Plan(OrderSide.Buy, 12, LiquiditySweepPlanner.NoLimit(OrderSide.Buy), asks, plan, out int count);
        Assert.Equal(12, filled);
        Assert.Equal([new SweepAllocation(B, P("10"), 5), new SweepAllocation(A, P("10"), 5), new SweepAllocation(C, P("11"), 2)], plan[..count]);
    }

    [Property(MaxTest = 300)]
    public Property Plan_MatchesAStableSortReference(int seed, bool buy)
    {
        var random = new Random(seed);
        var side = buy ? OrderSide.Buy : OrderSide.Sell;
        // few distinct prices and fees so that ties in effective price are common
        var levels = Enumerable.Range(0, random.Next(0, 25)).Select(_ => new DepthLevel(
            new VenueId(random.Next(3)), Price.FromRaw(100 + random.Next(8)), random.Next(-2, 40), Price.FromRaw(random.Next(3)))).ToArray();
        var limit = Price.FromRaw(100 + random.Next(9));
        long lots = random.Next(0, 300);

        var plan = new SweepAllocation[levels.Length];
        long filled = LiquiditySweepPlanner.Plan(side, lots, limit, levels, plan, out int count);

        var expected = new List<SweepAllocation>();
        long left = lots;
        foreach (var level in levels
            .Where(l => l.Lots > 0 && (buy ? l.Price <= limit : l.Price >= limit))
            .OrderBy(l => buy ? l.Price.Raw + l.FeePerUnit.Raw : -(l.Price.Raw - l.FeePerUnit.Raw))) // OrderBy is stable
        {
            if (left == 0)
            {
                break;
            }

            long take = Math.Min(level.Lots, left);
            expected.Add(new SweepAllocation(level.Venue, level.Price, take));
            left -= take;
        }

        return (filled == lots - left && plan[..count].SequenceEqual(expected)).ToProperty().Label($"seed={seed} buy={buy}");
    }

    [Fact]
    public void TooSmallDestination_Throws()
    {
        DepthLevel[] asks = [new(A, P("10"), 5), new(B, P("11"), 5)];
        Assert.Throws<ArgumentException>(() => LiquiditySweepPlanner.Plan(OrderSide.Buy, 8, P("20"), asks, new SweepAllocation[1], out _));
    }

    [Fact]
    public void Plan_DoesNotAllocate()
    {
        var asks = Enumerable.Range(0, 30).Select(i => new DepthLevel(new VenueId(i % 3), Price.FromRaw(10_000_000_000 + ((i / 3) * 1_000_000)), 10 + i)).ToArray();
        var plan = new SweepAllocation[asks.Length];
        // Warm up through tiered compilation first (its one-off allocations on this thread were seen once in CI: 7 456 B
        // over 5 000 operations), then measure enough operations that a one-off allocation cannot pass for a per-operation one.
        for (int i = 0; i < 20_000; i++)
        {
            LiquiditySweepPlanner.Plan(OrderSide.Buy, 200 + (i % 7), P("105"), asks, plan, out _);
        }

        const int Iterations = 100_000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            LiquiditySweepPlanner.Plan(OrderSide.Buy, 200 + (i % 7), P("105"), asks, plan, out _);
        }

        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, Iterations);
    }
}
