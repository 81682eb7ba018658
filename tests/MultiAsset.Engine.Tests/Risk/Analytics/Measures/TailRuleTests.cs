using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Risk.Analytics.Measures;

namespace MultiAsset.Engine.Tests.Risk.Analytics.Measures;

public class TailRuleTests
{
    [Theory]
    [InlineData(500, 0.99, 5)]   // 500·(1 − 0.99) is 5.000000000000004 in binary floating point: must not become 6
    [InlineData(1000, 0.99, 10)]
    [InlineData(250, 0.99, 3)]   // 2.5 → 3
    [InlineData(100, 0.95, 5)]
    [InlineData(1000, 0.975, 25)]
    [InlineData(10, 0.99, 1)]    // 0.1 → 1
    [InlineData(10_000, 0.999, 10)]
    [InlineData(3, 0.5, 2)]
    public void KthWorstCount_IsTheExactCeiling(int n, double c, int k)
    {
        Assert.Equal(k, TailRule.KthWorstCount(n, c));
    }

    [Fact]
    public void KthWorstCount_FloatingPointWouldBeWrong()
    {
        // The trap the convention avoids: the naive double computation rounds up to 6.
        Assert.Equal(6, (int)Math.Ceiling(500 * (1 - 0.99)));
        Assert.Equal(5, TailRule.KthWorstCount(500, 0.99));
    }

    [Property(MaxTest = 300)]
    public Property KthWorstCount_MatchesIntegerArithmetic() =>
        Prop.ForAll(
            Gen.Choose(1, 100_000).ToArbitrary(),
            Gen.Choose(1, 9_999).ToArbitrary(),
            (n, basisPoints) =>
            {
                // c = basisPoints / 10 000, so N·(1 − c) = N·(10 000 − bp) / 10 000 and the ceiling is integer division.
                double c = basisPoints / 10_000.0;
                long numerator = (long)n * (10_000 - basisPoints);
                long expected = Math.Clamp((numerator + 9_999) / 10_000, 1, n);
                return TailRule.KthWorstCount(n, c) == expected;
            });

    [Fact]
    public void Hull_HistoricalSimulation_VaRIsTheFifthWorstOf500()
    {
        // Hull, Risk Management and Financial Institutions (ch. "Historical Simulation"): 500 scenarios of a $10m
        // portfolio; the worst losses ($000s) are 1082.969, 715.512, 687.720, 661.221, 602.968, 546.540, 492.764, …
        // The one-day 99% VaR is the fifth-worst loss, $602,968. Our ES (mean of the k = 5 worst) is $750,078; Hull's
        // later editions average the four losses beyond VaR ($786,856) — a different, stated convention.
        var losses = HullLosses();
        var rule = TailRule.For(500, 0.99, QuantileConvention.KthWorst);
        var sorted = losses.OrderByDescending(l => l).ToArray();
        Assert.Equal(602_968, rule.ValueAtRiskSorted(sorted), 6);
        Assert.Equal(750_078, rule.ExpectedShortfallSorted(sorted), 6);
        Assert.Equal(602_968, rule.ValueAtRisk(losses.ToArray()), 6);
    }

    [Fact]
    public void Interpolated_IsHyndmanFanType7()
    {
        // R: quantile(1:10, 0.9, type = 7) = 9.1; quantile(1:10, 0.95) = 9.55; quantile(c(3, 1, 2), 0.5) = 2.
        double[] x = [.. Enumerable.Range(1, 10).Select(i => (double)i)];
        Assert.Equal(9.1, TailRule.For(10, 0.9, QuantileConvention.Interpolated).ValueAtRisk(x.ToArray()), 12);
        Assert.Equal(9.55, TailRule.For(10, 0.95, QuantileConvention.Interpolated).ValueAtRisk(x.ToArray()), 12);
        Assert.Equal(2, TailRule.For(3, 0.5, QuantileConvention.Interpolated).ValueAtRisk(new double[] { 3, 1, 2 }), 12);
    }

    [Fact]
    public void Interpolated_ExpectedShortfall_IsTheTailIntegral()
    {
        // Losses 1..10 at c = 0.9: Q is linear from 9.1 (u = 0.9) to 10 (u = 1) over a length of 0.1 · … on the
        // last segment [8/9, 1] carrying 9 → 10; the part above 0.9 averages (9.1 + 10)/2 = 9.55.
        var rule = TailRule.For(10, 0.9, QuantileConvention.Interpolated);
        double[] sorted = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
        Assert.Equal(9.55, rule.ExpectedShortfallSorted(sorted), 12);
        Assert.Equal(1.0, rule.EsWeights.Sum(), 12);

        // c = 0.5 on 1..5: ∫_0.5^1 Q = segments [0.5, 0.75] (3 → 4) and [0.75, 1] (4 → 5): (3.5 + 4.5)/2 = 4.
        var half = TailRule.For(5, 0.5, QuantileConvention.Interpolated);
        Assert.Equal(4, half.ExpectedShortfallSorted(new double[] { 5, 4, 3, 2, 1 }), 12);
        Assert.Equal(3, half.ValueAtRisk(new double[] { 1, 2, 3, 4, 5 }), 12);
    }

    [Property(MaxTest = 200)]
    public Property Selection_AgreesWithASort() =>
        Prop.ForAll(
            Gen.ArrayOf(Gen.Choose(-50, 50).Select(i => (double)i)).Where(a => a.Length > 0).ToArbitrary(),
            Gen.Choose(0, 1_000_000).ToArbitrary(),
            (values, pick) =>
            {
                int rank = pick % values.Length;
                var sorted = values.OrderByDescending(v => v).ToArray();
                return Selection.SelectDescending(values.ToArray(), rank) == sorted[rank];
            });

    internal static double[] HullLosses()
    {
        double[] worst = [1_082_969, 715_512, 687_720, 661_221, 602_968, 546_540, 492_764, 470_092, 458_177];
        var losses = new double[500];
        var random = new Random(7);
        for (int i = 0; i < 500; i++)
        {
            losses[i] = i < worst.Length ? worst[i] : (random.NextDouble() * 900_000) - 450_000;
        }

        // Shuffle so that the selection is exercised.
        random.Shuffle(losses);
        return losses;
    }
}
