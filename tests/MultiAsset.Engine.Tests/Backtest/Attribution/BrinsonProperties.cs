using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Backtest.Attribution;

namespace MultiAsset.Engine.Tests.Backtest.Attribution;

public sealed class BrinsonProperties
{
    // Random segments: 1..6, weights normalised to sum to 1 (a portfolio weight may be slightly negative: a short; Σ w_p ≥ 0.5 before normalising keeps Σ|w_p| ≤ 2.2), returns in (−40 %, +40 %), so |R_p| ≤ 0.4 × Σ|w_p| < 1 and every period can be linked.
    private static BrinsonSegment[] Segments(Random random)
    {
        var n = random.Next(1, 7);
        var wp = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.05).ToArray();
        var wb = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var sp = wp.Sum();
        var sb = wb.Sum();
        if (sp < 0.5)
        {
            wp[0] += 1;
            sp = wp.Sum();
        }

        return [.. Enumerable.Range(0, n).Select(i => new BrinsonSegment($"S{i}", wp[i] / sp, wb[i] / sb, (random.NextDouble() - 0.5) * 0.8, (random.NextDouble() - 0.5) * 0.8))];
    }

    // 1e-12 relative to the size of the returns involved: max(1, Σ|w_p r_p| + Σ|w_b r_b|).
    private static double Tolerance(IEnumerable<BrinsonSegment> segments) =>
        1e-12 * Math.Max(1, segments.Sum(s => Math.Abs(s.PortfolioWeight * s.PortfolioReturn) + Math.Abs(s.BenchmarkWeight * s.BenchmarkReturn)));

    /// <summary>Allocation + selection + interaction = R_p − R_b, per period, and R_p, R_b are the weighted sums.</summary>
    [Property(MaxTest = 500)]
    public Property Effects_SumToTheActiveReturn(int seed)
    {
        var segments = Segments(new Random(seed));
        var r = BrinsonFachler.Attribute(segments);
        var tolerance = Tolerance(segments);
        var rp = segments.Sum(s => s.PortfolioWeight * s.PortfolioReturn);
        var rb = segments.Sum(s => s.BenchmarkWeight * s.BenchmarkReturn);
        return (Math.Abs(r.Effects.Total - (rp - rb)) <= tolerance).ToProperty().Label($"effects {r.Effects.Total:R} vs active {rp - rb:R}")
            .And((Math.Abs(r.Residual) <= tolerance).ToProperty().Label("residual"))
            .And((Math.Abs(r.Segments.Sum(e => e.Total) - r.Effects.Total) <= tolerance).ToProperty().Label("segments sum to the total"));
    }

    /// <summary>Over 1..12 periods the Carino-linked effects sum to the compounded active return; the arithmetic residual is exactly what it says.</summary>
    [Property(MaxTest = 300)]
    public Property CarinoLinkedEffects_SumToTheCompoundedActiveReturn(int seed, byte length)
    {
        var random = new Random(seed);
        var periods = Enumerable.Range(0, 1 + (length % 12)).Select(_ => (IReadOnlyList<BrinsonSegment>)Segments(random)).ToList();
        var r = BrinsonLinking.Link(periods);
        var tolerance = 1e-12 * periods.Count * Math.Max(1, Math.Abs(r.PortfolioReturn) + Math.Abs(r.BenchmarkReturn));
        return (r.Carino is not null && Math.Abs(r.CarinoResidual!.Value) <= tolerance).ToProperty().Label($"Carino residual {r.CarinoResidual:R}")
            .And((Math.Abs(r.ActiveReturn - r.Arithmetic.Total - r.ArithmeticResidual) <= 1e-15).ToProperty().Label("arithmetic residual"))
            .And((Math.Abs(r.CarinoSegments!.Sum(s => s.Total) - r.Carino!.Total) <= tolerance).ToProperty().Label("segments sum to the linked total"));
    }
}
