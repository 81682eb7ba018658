using MultiAsset.Engine.Portfolio.Optimization.Qp;

namespace MultiAsset.Engine.Tests.Portfolio.Optimization;

public class AdmmQpSolverTests
{
    /// <summary>Random convex QP, feasible by construction around a known point x0.</summary>
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
            int cnt = 1 + rng.Next(n);
            var idx = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(cnt).OrderBy(i => i).ToArray();
            var coef = idx.Select(_ => rng.NextDouble() - 0.3).ToArray();
            double v = idx.Select((i, t) => coef[t] * x0[i]).Sum();
            double lower = rng.NextDouble() < 0.5 ? v - (rng.NextDouble() * 0.05) : double.NegativeInfinity;
            double upper = v + (rng.NextDouble() * 0.05);
            rows.Add(new LinearRow($"general[{k}]", idx, coef, lower, upper));
        }

        return new QpProblem(n, p, q, rows);
    }

    private static void AssertKkt(QpProblem problem, QpResult r, double tol)
    {
        int n = problem.VariableCount;
        var x = r.X.ToArray();
        var grad = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = problem.LinearAt(i);
            for (int j = 0; j < n; j++)
            {
                s += problem.HessianAt(i, j) * x[j];
            }

            grad[i] = s;
        }

        for (int k = 0; k < problem.Rows.Count; k++)
        {
            var row = problem.Rows[k];
            double ax = row.Evaluate(x);
            double y = r.Y[k];
            // primal feasibility
            Assert.True(ax >= row.Lower - tol && ax <= row.Upper + tol, $"{row.Name}: {ax} outside [{row.Lower}, {row.Upper}]");
            // dual feasibility + complementary slackness
            if (y > tol)
            {
                Assert.True(Math.Abs(ax - row.Upper) <= tol, $"{row.Name}: y={y} > 0 but upper bound not active ({ax} vs {row.Upper})");
            }

            if (y < -tol)
            {
                Assert.True(Math.Abs(ax - row.Lower) <= tol, $"{row.Name}: y={y} < 0 but lower bound not active ({ax} vs {row.Lower})");
            }

            Assert.True(Math.Abs(Math.Max(y, 0) * (row.Upper - ax)) <= tol || double.IsPositiveInfinity(row.Upper) && y <= tol, $"{row.Name}: complementary slackness (upper)");
            Assert.True(Math.Abs(Math.Min(y, 0) * (ax - row.Lower)) <= tol || double.IsNegativeInfinity(row.Lower) && y >= -tol, $"{row.Name}: complementary slackness (lower)");
            for (int t = 0; t < row.Indices.Count; t++)
            {
                grad[row.Indices[t]] += row.Coefficients[t] * y;
            }
        }

        // stationarity: Px + q + Aᵀy = 0
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(grad[i]) <= tol, $"stationarity[{i}] = {grad[i]}");
        }
    }

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 25).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_RandomStrictlyConvexProblem_SatisfiesKktConditions(int seed)
    {
        var problem = RandomProblem(seed, 5 + (seed % 20), seed % 7, singular: false);
        var r = AdmmQpSolver.Solve(problem);
        Assert.Equal(QpStatus.Solved, r.Status);
        Assert.True(r.Polished);
        AssertKkt(problem, r, 1e-8);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_RandomSingularHessianProblem_SatisfiesKktConditions(int seed)
    {
        var problem = RandomProblem(1000 + seed, 4 + (seed % 12), seed % 5, singular: true);
        var r = AdmmQpSolver.Solve(problem);
        Assert.Equal(QpStatus.Solved, r.Status);
        AssertKkt(problem, r, r.Polished ? 1e-8 : 1e-4);
    }

    [Fact]
    public void Solve_KnownTwoVariableProblem_MatchesHandSolution()
    {
        // min (x−1)² + (y−2)²  s.t. x + y ≤ 1  →  x = 0, y = 1, multiplier 2
        var p = new double[] { 2, 0, 0, 2 };
        var q = new double[] { -2, -4 };
        var r = AdmmQpSolver.Solve(new QpProblem(2, p, q, [new LinearRow("sum", [0, 1], [1, 1], double.NegativeInfinity, 1)]));
        Assert.Equal(QpStatus.Solved, r.Status);
        Assert.Equal(0.0, r.X[0], 9);
        Assert.Equal(1.0, r.X[1], 9);
        Assert.Equal(2.0, r.Y[0], 9);
    }

    [Fact]
    public void Solve_ConflictingRows_ReturnsPrimalInfeasibleNamingThem()
    {
        var p = new double[] { 1, 0, 0, 1 };
        var rows = new List<LinearRow>
        {
            new("budget", [0, 1], [1, 1], 1, 1),
            new("capA", [0], [1], 0, 0.2),
            new("capB", [1], [1], 0, 0.3),
        };
        var r = AdmmQpSolver.Solve(new QpProblem(2, p, [0, 0], rows));
        Assert.Equal(QpStatus.PrimalInfeasible, r.Status);
        Assert.Contains("budget", r.ConflictingRows);
        Assert.Contains("capA", r.ConflictingRows);
        Assert.Contains("capB", r.ConflictingRows);
    }

    [Fact]
    public void Solve_LinearObjectiveWithoutUpperBound_ReturnsDualInfeasible()
    {
        var r = AdmmQpSolver.Solve(new QpProblem(2, new double[4], [-1, 0], [new LinearRow("x0>=0", [0], [1], 0, double.PositiveInfinity), new LinearRow("x1 in [0,1]", [1], [1], 0, 1)]));
        Assert.Equal(QpStatus.DualInfeasible, r.Status);
    }

    [Fact]
    public void Solve_LowerAboveUpper_ReportsThatRow()
    {
        var r = AdmmQpSolver.Solve(new QpProblem(1, [1.0], [0], [new LinearRow("band", [0], [1], 0.6, 0.4)]));
        Assert.Equal(QpStatus.PrimalInfeasible, r.Status);
        Assert.Equal(["band"], r.ConflictingRows);
    }
}
