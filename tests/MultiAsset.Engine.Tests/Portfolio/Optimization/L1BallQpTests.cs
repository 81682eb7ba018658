using MultiAsset.Engine.Portfolio.Optimization.Qp;

namespace MultiAsset.Engine.Tests.Portfolio.Optimization;

/// <summary>The solver's L1-ball block: KKT-exact results, agreement with the split-variable formulation,
/// infeasibility certificates that name the ball.</summary>
public class L1BallQpTests
{
    /// <summary>
    /// Random QP with a budget row, boxes, a few general rows and a ball around a perturbed feasible point x0;
    /// the radius is drawn so that the ball sometimes binds and sometimes not (x0 is always inside).
    /// </summary>
    private static QpProblem RandomProblem(int seed, int n, int m, bool singular)
    {
        var rng = new Random(seed);
        int rank = singular ? Math.Max(1, n / 2) : n + 2;
        var g = new double[rank, n];
        for (int r = 0; r < rank; r++)
        {
            for (int j = 0; j < n; j++)
            {
                g[r, j] = rng.NextDouble() - 0.5;
            }
        }

        var p = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int r = 0; r < rank; r++)
                {
                    s += g[r, i] * g[r, j];
                }

                p[(i * n) + j] = s;
            }
        }

        var q = Enumerable.Range(0, n).Select(_ => (rng.NextDouble() - 0.5) * 2).ToArray();
        var x0 = Enumerable.Range(0, n).Select(_ => rng.NextDouble() / n).ToArray();
        double budget = x0.Sum();
        var rows = new List<LinearRow>
        {
            new("budget", Enumerable.Range(0, n).ToArray(), Enumerable.Repeat(1.0, n).ToArray(), budget, budget),
        };
        for (int i = 0; i < n; i++)
        {
            rows.Add(new LinearRow($"box[{i}]", [i], [1.0], 0, x0[i] + (rng.NextDouble() * 0.3)));
        }

        for (int k = 0; k < m; k++)
        {
            int cnt = 2 + rng.Next(n - 1);
            var idx = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(cnt).OrderBy(i => i).ToArray();
            var coef = idx.Select(_ => rng.NextDouble() - 0.3).ToArray();
            double v = idx.Select((i, t) => coef[t] * x0[i]).Sum();
            rows.Add(new LinearRow($"general[{k}]", idx, coef, v - (rng.NextDouble() * 0.05), v + (rng.NextDouble() * 0.05)));
        }

        // Center: x0 moved by a random trade; some centers sit exactly on a bound (an asset not held).
        var center = x0.Select(v => rng.NextDouble() < 0.2 ? 0 : v + ((rng.NextDouble() - 0.5) * 0.2 / n)).ToArray();
        double dist = x0.Select((v, i) => Math.Abs(v - center[i])).Sum();
        double radius = dist * (1 + (rng.NextDouble() * 3));
        return new QpProblem(n, p, q, rows, new L1BallConstraint("maxTurnover", center, radius));
    }

    /// <summary>The same problem with the ball written as split variables t ≥ |x − c|, Σt ≤ r (the old path).</summary>
    private static QpProblem SplitFormulation(QpProblem problem)
    {
        int n = problem.VariableCount;
        var ball = problem.Ball!;
        int total = n + ball.Dimension;
        var p = new double[total * total];
        var q = new double[total];
        for (int i = 0; i < n; i++)
        {
            q[i] = problem.LinearAt(i);
            for (int j = 0; j < n; j++)
            {
                p[(i * total) + j] = problem.HessianAt(i, j);
            }
        }

        var rows = problem.Rows.ToList();
        for (int i = 0; i < ball.Dimension; i++)
        {
            rows.Add(new LinearRow("maxTurnover", [i, n + i], [1.0, -1.0], double.NegativeInfinity, ball.Center[i]));
            rows.Add(new LinearRow("maxTurnover", [i, n + i], [1.0, 1.0], ball.Center[i], double.PositiveInfinity));
        }

        rows.Add(new LinearRow("maxTurnover", Enumerable.Range(n, ball.Dimension).ToArray(), Enumerable.Repeat(1.0, ball.Dimension).ToArray(), double.NegativeInfinity, ball.Radius));
        return new QpProblem(total, p, q, rows);
    }

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 30).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_RandomStrictlyConvexProblemWithBall_IsPolishedAndSatisfiesKkt(int seed)
    {
        var problem = RandomProblem(seed, 5 + (seed % 25), seed % 4, singular: false);
        var r = AdmmQpSolver.Solve(problem);
        Assert.Equal(QpStatus.Solved, r.Status);
        Assert.True(r.Polished, "expected a KKT-exact (polished) solution");
        KktAssert.Optimal(problem, r, 1e-9, 1e-8);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_RandomSingularProblemWithBall_SatisfiesKkt(int seed)
    {
        var problem = RandomProblem(2000 + seed, 4 + (seed % 15), seed % 3, singular: true);
        var r = AdmmQpSolver.Solve(problem);
        Assert.Equal(QpStatus.Solved, r.Status);
        KktAssert.Optimal(problem, r, r.Polished ? 1e-9 : 1e-5, r.Polished ? 1e-8 : 1e-4);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_RandomProblemWithBall_MatchesSplitVariableFormulation(int seed)
    {
        var problem = RandomProblem(4000 + seed, 5 + (seed % 20), seed % 3, singular: false);
        var ball = AdmmQpSolver.Solve(problem);
        var split = AdmmQpSolver.Solve(SplitFormulation(problem));
        Assert.True(ball.Polished && split.Converged);
        for (int i = 0; i < problem.VariableCount; i++)
        {
            Assert.Equal(split.X[i], ball.X[i], 6);
        }

        Assert.Equal(problem.Objective([.. split.X.Take(problem.VariableCount)]), problem.Objective([.. ball.X]), 8);
    }

    [Fact]
    public void Solve_KnownTwoVariableProblem_MatchesHandSolution()
    {
        // min (x−1)² + (y+1)² s.t. |x| + |y| ≤ 1 → x = 1/2... by symmetry x = −y = 1/2, λ = 1
        var p = new double[] { 2, 0, 0, 2 };
        var q = new double[] { -2, 2 };
        var r = AdmmQpSolver.Solve(new QpProblem(2, p, q, [], new L1BallConstraint("ball", [0, 0], 1)));
        Assert.True(r.Polished);
        Assert.Equal(0.5, r.X[0], 12);
        Assert.Equal(-0.5, r.X[1], 12);
        Assert.Equal(1.0, r.BallMultiplier, 10);
    }

    [Fact]
    public void Solve_BallThatForcesSomeCoordinatesToStay_KeepsThemExactlyAtTheCenter()
    {
        // min ½‖x − a‖² over ‖x − c‖₁ ≤ r is soft-thresholding: small moves are cut to zero.
        double[] c = [0.1, 0.2, 0.3, 0.4];
        double[] a = [0.5, 0.21, 0.1, 0.4];
        var p = new double[16];
        for (int i = 0; i < 4; i++)
        {
            p[(i * 4) + i] = 1;
        }

        var r = AdmmQpSolver.Solve(new QpProblem(4, p, [.. a.Select(v => -v)], [], new L1BallConstraint("ball", c, 0.3)));
        Assert.True(r.Polished);
        var expected = new double[4];
        L1BallProjectionReference(a, c, 0.3, expected);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], r.X[i], 12);
        }

        Assert.Equal(c[1], r.X[1]); // exactly: the pinned coordinate is fixed, not approximated
        Assert.Equal(c[3], r.X[3]);
    }

    [Fact]
    public void Solve_BallThatCannotReachTheBudget_ReturnsPrimalInfeasibleNamingBoth()
    {
        // Σx = 1 but the ball around 0 with radius 0.5 only reaches Σx ≤ 0.5.
        var p = new double[] { 1, 0, 0, 1 };
        var rows = new List<LinearRow> { new("budget", [0, 1], [1, 1], 1, 1) };
        var r = AdmmQpSolver.Solve(new QpProblem(2, p, [0, 0], rows, new L1BallConstraint("maxTurnover", [0, 0], 0.5)));
        Assert.Equal(QpStatus.PrimalInfeasible, r.Status);
        Assert.Contains("budget", r.ConflictingRows);
        Assert.Contains("maxTurnover", r.ConflictingRows);
        Assert.All(r.X, v => Assert.False(double.IsNaN(v)));
    }

    [Fact]
    public void Solve_ZeroRadius_ReturnsTheCenter()
    {
        var p = new double[] { 2, 0, 0, 2 };
        var r = AdmmQpSolver.Solve(new QpProblem(2, p, [-2, 2], [new LinearRow("budget", [0, 1], [1, 1], 1, 1)], new L1BallConstraint("ball", [0.25, 0.75], 0)));
        Assert.Equal(QpStatus.Solved, r.Status);
        Assert.Equal(0.25, r.X[0], 9);
        Assert.Equal(0.75, r.X[1], 9);
    }

    [Fact]
    public void L1BallConstraint_WithNegativeRadius_Throws()
    {
        Assert.Throws<ArgumentException>(() => new L1BallConstraint("ball", [0.0], -1));
        Assert.Throws<ArgumentException>(() => new L1BallConstraint("ball", [double.NaN], 1));
    }

    /// <summary>Projection by bisection on the threshold (independent of the sorting algorithm under test).</summary>
    internal static void L1BallProjectionReference(double[] v, double[] c, double radius, double[] result)
    {
        double Shrunk(double theta) => v.Select((x, i) => Math.Max(Math.Abs(x - c[i]) - theta, 0)).Sum();
        double lo = 0, hi = v.Select((x, i) => Math.Abs(x - c[i])).Max();
        if (Shrunk(0) <= radius)
        {
            Array.Copy(v, result, v.Length);
            return;
        }

        for (int it = 0; it < 200; it++)
        {
            double mid = 0.5 * (lo + hi);
            if (Shrunk(mid) > radius)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        for (int i = 0; i < v.Length; i++)
        {
            double d = v[i] - c[i];
            result[i] = c[i] + (Math.Sign(d) * Math.Max(Math.Abs(d) - hi, 0));
        }
    }
}
