using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Algorithms;

namespace MultiAsset.Benchmarks.Routing;

/// <summary>
/// Execution schedules as the live router calls them, writing into preallocated spans: TWAP, VWAP (a 13-bucket
/// U-shaped day resampled to 100 slices), the Almgren–Chriss trajectory over 100 slices, pricing a 100-slice schedule
/// with the cost model, and a liquidity sweep over 30 displayed levels on 3 venues. ns per schedule; target 0 B.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class ScheduleBenchmarks
{
    private const int Slices = 100;
    private const long Lots = 123_457;

    private readonly long[] children = new long[Slices];
    private readonly double[] profile = [12, 8, 6, 5, 4.5, 4, 4, 4, 4.5, 5, 6, 9, 16];
    private readonly SweepAllocation[] sweep = new SweepAllocation[30];
    private DepthLevel[] asks = null!;
    private AlmgrenChrissParameters model;

    [GlobalSetup]
    public void Setup()
    {
        // τ = 36 s (1 h in 100 slices), σ = 0.02 currency/√s, η̃ ≈ 2.5e-6, λ = 1e-6: κT ≈ 20, a strongly front-loaded trajectory.
        model = new AlmgrenChrissParameters(36, 0.02, 2.5e-6, 2.5e-9, 1e-6);
        asks = [.. Enumerable.Range(0, 30).Select(i => new DepthLevel(new VenueId(i % 3), Price.FromRaw(10_000_000_000 + ((i / 3) * 1_000_000) + (i % 3 * 300_000)), 500 + (37 * i), Price.FromRaw(i % 3 * 100_000)))];
        AlmgrenChriss.Compute(Lots, model, children);
    }

    [Benchmark(Description = "TWAP, 100 slices")]
    public long Twap100()
    {
        TwapSchedule.Compute(Lots, children);
        return children[0];
    }

    [Benchmark(Description = "VWAP, 13-bucket profile → 100 slices")]
    public long Vwap100()
    {
        VwapSchedule.Compute(Lots, profile, children);
        return children[0];
    }

    [Benchmark(Description = "Implementation shortfall (Almgren–Chriss), 100 slices")]
    public long AlmgrenChriss100()
    {
        AlmgrenChriss.Compute(Lots, model, children);
        return children[0];
    }

    [Benchmark(Description = "Cost model E and V of a 100-slice schedule")]
    public double Cost100() => ScheduleCostModel.Evaluate(children, 100, model).ExpectedCost;

    [Benchmark(Description = "Liquidity sweep, 30 levels on 3 venues")]
    public long Sweep30()
    {
        long filled = LiquiditySweepPlanner.Plan(OrderSide.Buy, 10_000, Price.FromRaw(10_006_000_000), asks, sweep, out _);
        return filled;
    }
}
