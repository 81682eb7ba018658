using MultiAsset.Engine.Portfolio.Optimization.Qp;

namespace MultiAsset.Engine.Tests.Portfolio.Optimization;

/// <summary>
/// Checks the KKT conditions of a QP result (rows and L1 ball) from the problem data and the returned multipliers
/// alone: a result that passes is optimal whatever computed it.
/// </summary>
internal static class KktAssert
{
    /// <summary>
    /// Primal feasibility (rows, ball) within <paramref name="feasTol"/>; row multipliers of the right sign and
    /// complementary; ball multiplier vᵢ = λ·sign(xᵢ − cᵢ) on moved coordinates, |vᵢ| ≤ λ on the others, λ &gt; 0 only
    /// when the ball is binding; stationarity ‖Px + q + Aᵀy + v‖∞ ≤ <paramref name="statTol"/>.
    /// </summary>
    public static void Optimal(QpProblem problem, QpResult r, double feasTol, double statTol)
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
            Assert.True(ax >= row.Lower - feasTol && ax <= row.Upper + feasTol, $"{row.Name}: {ax} outside [{row.Lower}, {row.Upper}]");
            Assert.True(y <= statTol || Math.Abs(ax - row.Upper) <= feasTol, $"{row.Name}: y={y} > 0 but upper bound not active ({ax} vs {row.Upper})");
            Assert.True(y >= -statTol || Math.Abs(ax - row.Lower) <= feasTol, $"{row.Name}: y={y} < 0 but lower bound not active ({ax} vs {row.Lower})");
            for (int t = 0; t < row.Indices.Count; t++)
            {
                grad[row.Indices[t]] += row.Coefficients[t] * y;
            }
        }

        if (problem.Ball is { } ball)
        {
            double dist = ball.Distance(x);
            double lambda = r.BallMultiplier;
            Assert.True(dist <= ball.Radius + feasTol, $"{ball.Name}: ‖x − c‖₁ = {dist} > {ball.Radius}");
            Assert.True(lambda <= statTol || Math.Abs(dist - ball.Radius) <= feasTol, $"{ball.Name}: λ = {lambda} > 0 but ‖x − c‖₁ = {dist} < {ball.Radius}");
            for (int i = 0; i < ball.Dimension; i++)
            {
                double d = x[i] - ball.Center[i];
                double v = r.BallDual[i];
                if (Math.Abs(d) > 1e-12)
                {
                    Assert.True(Math.Abs(v - (lambda * Math.Sign(d))) <= statTol, $"{ball.Name}[{i}]: moved by {d} but v = {v}, λ = {lambda}");
                }
                else
                {
                    Assert.True(Math.Abs(v) <= lambda + statTol, $"{ball.Name}[{i}]: at its center but |v| = {Math.Abs(v)} > λ = {lambda}");
                }

                grad[i] += v;
            }
        }

        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(grad[i]) <= statTol, $"stationarity[{i}] = {grad[i]}");
        }
    }
}
