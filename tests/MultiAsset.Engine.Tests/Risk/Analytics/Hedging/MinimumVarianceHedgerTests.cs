using FsCheck.Xunit;
using MultiAsset.Engine.Risk.Analytics.Hedging;

namespace MultiAsset.Engine.Tests.Risk.Analytics.Hedging;

public sealed class MinimumVarianceHedgerTests
{
    /// <summary>A random positive-definite covariance of daily-return size (n×n row-major).</summary>
    private static double[] Covariance(Random random, int n)
    {
        var factors = new double[n * n];
        for (int i = 0; i < factors.Length; i++)
        {
            factors[i] = (random.NextDouble() - 0.5) * 0.02;
        }

        var sigma = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += factors[(i * n) + k] * factors[(j * n) + k];
                }

                sigma[(i * n) + j] = s + (i == j ? 1e-5 : 0);
            }
        }

        return sigma;
    }

    private static HedgeProblem Problem(Random random, int n, int hedges, Func<int, HedgeCandidate>? candidate = null)
    {
        var symbols = Enumerable.Range(0, n).Select(i => $"I{i}").ToArray();
        var exposures = Enumerable.Range(0, n).Select(i => i < n - hedges ? (random.NextDouble() - 0.3) * 1e6 : 0).ToArray();
        return new HedgeProblem
        {
            Symbols = symbols,
            Exposures = exposures,
            Covariance = Covariance(random, n),
            Candidates = [.. Enumerable.Range(n - hedges, hedges).Select(i => candidate?.Invoke(i) ?? new HedgeCandidate { Symbol = $"I{i}" })],
        };
    }

    [Fact]
    public void Suggest_Unconstrained_EqualsClosedForm()
    {
        var problem = Problem(new Random(3), 5, 2);
        var closed = MinimumVarianceHedger.ClosedForm(problem);

        var suggestion = MinimumVarianceHedger.Suggest(problem);

        Assert.Equal("Solved", suggestion.SolverStatus);
        for (int j = 0; j < closed.Length; j++)
        {
            Assert.Equal(closed[j], suggestion.Hedges[j].Notional, 1e-6 * Math.Max(1, Math.Abs(closed[j])));
        }

        Assert.True(suggestion.VarianceAfter < suggestion.VarianceBefore);
        Assert.Equal(1 - (suggestion.VarianceAfter / suggestion.VarianceBefore), suggestion.Effectiveness, 12);
    }

    [Fact]
    public void ClosedForm_WithoutExistingHedgeExposure_IsMinusSigmaHHInverseTimesSigmaHRestTimesE()
    {
        // Two assets, one hedge: h* = −Σ_h,rest·e_rest / Σ_hh.
        var problem = new HedgeProblem
        {
            Symbols = ["A", "B", "H"],
            Exposures = [1_000_000, -400_000, 0],
            Covariance = [4e-4, 1e-4, 2e-4, 1e-4, 9e-4, -1e-4, 2e-4, -1e-4, 2.5e-4],
            Candidates = [new HedgeCandidate { Symbol = "H", Price = 25m, LotSize = 10m }],
        };
        double expected = -((2e-4 * 1_000_000) + (-1e-4 * -400_000)) / 2.5e-4; // −960,000

        var suggestion = MinimumVarianceHedger.Suggest(problem);

        Assert.Equal(-960_000, MinimumVarianceHedger.ClosedForm(problem)[0], 6);
        Assert.Equal(expected, suggestion.Hedges[0].Notional, 1e-3);
        Assert.Equal(-38_400m, suggestion.Hedges[0].Quantity); // −960,000 / 25, in lots of 10
        Assert.Equal(1.6, suggestion.Hedges[0].HedgeRatio!.Value, 6); // −h ÷ net exposure of A and B (600,000)
    }

    [Fact]
    public void Suggest_WithBounds_RespectsThemAndMatchesTheClampedSingleHedge()
    {
        var problem = new HedgeProblem
        {
            Symbols = ["A", "H"],
            Exposures = [1_000_000, 0],
            Covariance = [4e-4, 3e-4, 3e-4, 4e-4],
            Candidates = [new HedgeCandidate { Symbol = "H", MaxNotional = 250_000 }],
        };

        var bounded = MinimumVarianceHedger.Suggest(problem);
        Assert.Equal(-250_000, bounded.Hedges[0].Notional, 1e-3); // unconstrained −750,000, clamped
        var noShort = MinimumVarianceHedger.Suggest(problem with { Candidates = [new HedgeCandidate { Symbol = "H", AllowShort = false }] });
        Assert.Equal(0, noShort.Hedges[0].Notional, 1e-3);
        Assert.Equal(0, noShort.Effectiveness, 9);
    }

    [Property(MaxTest = 40)]
    public bool Suggest_Constrained_StaysInBoundsAndNeverRaisesVariance(int seed)
    {
        var random = new Random(seed);
        var problem = Problem(random, 6, 3, i => new HedgeCandidate
        {
            Symbol = $"I{i}",
            MaxNotional = random.NextDouble() * 5e5,
            AllowLong = random.Next(3) != 0,
            AllowShort = true,
        });

        var suggestion = MinimumVarianceHedger.Suggest(problem);

        return suggestion.Hedges.Zip(problem.Candidates).All(p =>
                Math.Abs(p.First.Notional) <= p.Second.MaxNotional!.Value + 1e-6
                && (p.Second.AllowLong || p.First.Notional <= 1e-6))
            && suggestion.Effectiveness is >= 0 and <= 1
            && suggestion.VarianceAfter <= suggestion.VarianceBefore;
    }

    [Property(MaxTest = 60)]
    public bool Suggest_SingleUnconstrainedHedge_EffectivenessIsRhoSquared(int seed)
    {
        var random = new Random(seed);
        var problem = Problem(random, 4, 1);
        int n = 4;
        var sigma = problem.Covariance;
        var e = problem.Exposures;
        double g = 0, v = 0;
        for (int i = 0; i < n; i++)
        {
            g += sigma[(3 * n) + i] * e[i];
            for (int j = 0; j < n; j++)
            {
                v += e[i] * sigma[(i * n) + j] * e[j];
            }
        }

        double rho = g / Math.Sqrt(sigma[15] * v);
        var suggestion = MinimumVarianceHedger.Suggest(problem);

        return Math.Abs(suggestion.Effectiveness - (rho * rho)) < 1e-6
            && Math.Abs(suggestion.Hedges[0].Correlation - rho) < 1e-9;
    }

    [Fact]
    public void SuggestFromReturns_SingleHedge_IsMinusEwmaBetaTimesExposure()
    {
        var random = new Random(5);
        var h = Enumerable.Range(0, 80).Select(_ => (random.NextDouble() - 0.5) * 0.03).ToArray();
        var a = h.Select(x => (0.8 * x) + ((random.NextDouble() - 0.5) * 0.01)).ToArray();
        var returns = a.Zip(h, (x, y) => (IReadOnlyList<double>)[x, y]).ToArray();

        var suggestion = MinimumVarianceHedger.SuggestFromReturns(["A", "H"], [500_000, 0], returns, [new HedgeCandidate { Symbol = "H" }], 0.94);
        var beta = HedgeRatioEstimator.Ewma(a, h, 0.94);

        Assert.Equal(-beta.Beta * 500_000, suggestion.Hedges[0].Notional, 1e-3);
        Assert.Equal(beta.Effectiveness, suggestion.Effectiveness, 6);
    }

    [Fact]
    public void Suggest_RejectsBadProblems()
    {
        var ok = new HedgeProblem { Symbols = ["A", "H"], Exposures = [1, 0], Covariance = [1e-4, 0, 0, 1e-4], Candidates = [new HedgeCandidate { Symbol = "H" }] };
        Assert.Throws<ArgumentException>(() => MinimumVarianceHedger.Suggest(ok with { Candidates = [new HedgeCandidate { Symbol = "X" }] }));
        Assert.Throws<ArgumentException>(() => MinimumVarianceHedger.Suggest(ok with { Covariance = [1e-4, 1e-5, 0, 1e-4] }));
        Assert.Throws<ArgumentException>(() => MinimumVarianceHedger.Suggest(ok with { Exposures = [double.NaN, 0] }));
        Assert.Throws<ArgumentException>(() => MinimumVarianceHedger.Suggest(ok with { Covariance = [1e-4, 0, 0, 0] }));
        Assert.Throws<ArgumentException>(() => MinimumVarianceHedger.Suggest(ok with { Candidates = [new HedgeCandidate { Symbol = "H", AllowLong = false, AllowShort = false }] }));
    }
}
