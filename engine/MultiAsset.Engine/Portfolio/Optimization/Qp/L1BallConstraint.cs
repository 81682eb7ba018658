namespace MultiAsset.Engine.Portfolio.Optimization.Qp;

/// <summary>
/// A named L1-ball constraint <c>Σᵢ |x[i] − center[i]| ≤ radius</c> on the first <c>center.Length</c> variables of a
/// <see cref="QpProblem"/> (the portfolio turnover limit <c>‖w − w₀‖₁ ≤ T</c>).
/// </summary>
/// <remarks>
/// <see cref="AdmmQpSolver"/> treats the ball as one block of the ADMM splitting (its x-update keeps the n×n
/// factorisation; the block's z-update is the Euclidean projection onto the ball) instead of the classic reformulation
/// with n split variables and 2n + 1 rows, which doubles the size of the linear system.
/// </remarks>
public sealed class L1BallConstraint
{
    /// <summary>Creates the constraint; the center must be finite and the radius finite and ≥ 0.</summary>
    public L1BallConstraint(string name, IReadOnlyList<double> center, double radius)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(center);
        if (center.Count == 0)
        {
            throw new ArgumentException($"L1 ball '{name}' has an empty center", nameof(center));
        }

        if (!double.IsFinite(radius) || radius < 0)
        {
            throw new ArgumentException($"L1 ball '{name}' needs a finite radius ≥ 0", nameof(radius));
        }

        var c = new double[center.Count];
        for (int i = 0; i < c.Length; i++)
        {
            if (!double.IsFinite(center[i]))
            {
                throw new ArgumentException($"L1 ball '{name}' has a non-finite center entry {i}", nameof(center));
            }

            c[i] = center[i];
        }

        Name = name;
        CenterValues = c;
        Radius = radius;
    }

    /// <summary>Constraint name used in error messages (e.g. <c>maxTurnover</c>).</summary>
    public string Name { get; }

    /// <summary>Center of the ball; its length is the number of constrained variables.</summary>
    public IReadOnlyList<double> Center => CenterValues;

    /// <summary>Radius (≥ 0).</summary>
    public double Radius { get; }

    /// <summary>Number of constrained variables (0..Dimension−1).</summary>
    public int Dimension => CenterValues.Length;

    internal double[] CenterValues { get; }

    /// <summary>Σ|x[i] − center[i]| over the constrained variables.</summary>
    public double Distance(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < CenterValues.Length; i++)
        {
            s += Math.Abs(x[i] - CenterValues[i]);
        }

        return s;
    }
}
