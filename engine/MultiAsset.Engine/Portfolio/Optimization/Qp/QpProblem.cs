namespace MultiAsset.Engine.Portfolio.Optimization.Qp;

/// <summary>
/// One named linear constraint row <c>lower ≤ Σ coefficients[k]·x[indices[k]] ≤ upper</c> (sparse). Use
/// <see cref="double.NegativeInfinity"/>/<see cref="double.PositiveInfinity"/> for a missing side and
/// <c>lower == upper</c> for an equality. The name is what infeasibility errors report (e.g.
/// <c>assetClassBounds.CRYPTO.min</c>).
/// </summary>
public sealed class LinearRow
{
    /// <summary>Creates a row; indices and coefficients must be equally long.</summary>
    public LinearRow(string name, int[] indices, double[] coefficients, double lower, double upper)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(coefficients);
        if (indices.Length != coefficients.Length)
        {
            throw new ArgumentException($"row '{name}': {indices.Length} indices but {coefficients.Length} coefficients", nameof(coefficients));
        }

        Name = name;
        Indices = indices;
        Coefficients = coefficients;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>Constraint name used in error messages.</summary>
    public string Name { get; }

    /// <summary>Variable indices with a non-zero coefficient.</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <summary>Coefficients matching <see cref="Indices"/>.</summary>
    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>Lower bound (may be −∞).</summary>
    public double Lower { get; }

    /// <summary>Upper bound (may be +∞).</summary>
    public double Upper { get; }

    /// <summary>Σ coefficients·x.</summary>
    public double Evaluate(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int k = 0; k < Indices.Count; k++)
        {
            s += Coefficients[k] * x[Indices[k]];
        }

        return s;
    }
}

/// <summary>
/// A convex quadratic programme in the OSQP form: minimise <c>½ xᵀPx + qᵀx</c> subject to
/// <c>l ≤ Ax ≤ u</c>, with P symmetric positive semidefinite (dense, row-major n×n) and A given as sparse named rows
/// (variable bounds are simply rows with one entry), plus optionally one L1 ball <c>‖x − c‖₁ ≤ r</c> on the leading
/// variables (<see cref="L1BallConstraint"/>).
/// </summary>
public sealed class QpProblem
{
    /// <summary>Creates a problem. <paramref name="p"/> is n×n row-major and must be symmetric PSD.</summary>
    public QpProblem(int variableCount, double[] p, double[] q, IReadOnlyList<LinearRow> rows)
        : this(variableCount, p, q, rows, null)
    {
    }

    /// <summary>Creates a problem with an optional L1 ball on the first <c>ball.Dimension</c> variables.</summary>
    public QpProblem(int variableCount, double[] p, double[] q, IReadOnlyList<LinearRow> rows, L1BallConstraint? ball)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(variableCount);
        if (p.Length != variableCount * variableCount)
        {
            throw new ArgumentException($"P must be {variableCount}x{variableCount}", nameof(p));
        }

        if (q.Length != variableCount)
        {
            throw new ArgumentException($"q must have {variableCount} entries", nameof(q));
        }

        foreach (var row in rows)
        {
            foreach (int idx in row.Indices)
            {
                if ((uint)idx >= (uint)variableCount)
                {
                    throw new ArgumentException($"row '{row.Name}' references variable {idx} outside 0..{variableCount - 1}", nameof(rows));
                }
            }
        }

        if (ball is not null && ball.Dimension > variableCount)
        {
            throw new ArgumentException($"L1 ball '{ball.Name}' covers {ball.Dimension} variables but the problem has {variableCount}", nameof(ball));
        }

        VariableCount = variableCount;
        P = p;
        Q = q;
        Rows = rows;
        Ball = ball;
    }

    /// <summary>Number of variables n.</summary>
    public int VariableCount { get; }

    /// <summary>Dense row-major Hessian (n×n).</summary>
    internal double[] P { get; }

    /// <summary>Linear term (n).</summary>
    internal double[] Q { get; }

    /// <summary>The constraint rows.</summary>
    public IReadOnlyList<LinearRow> Rows { get; }

    /// <summary>The optional L1 ball constraint (null when absent).</summary>
    public L1BallConstraint? Ball { get; }

    /// <summary>Objective value ½xᵀPx + qᵀx.</summary>
    public double Objective(ReadOnlySpan<double> x)
    {
        int n = VariableCount;
        return (0.5 * DenseMath.Quadratic(P, n, x)) + DenseMath.Dot(Q, x);
    }

    /// <summary>Hessian entry P[i,j].</summary>
    public double HessianAt(int i, int j) => P[(i * VariableCount) + j];

    /// <summary>Linear term entry q[i].</summary>
    public double LinearAt(int i) => Q[i];
}

/// <summary>Outcome of a QP solve.</summary>
public enum QpStatus
{
    /// <summary>Converged: residuals within tolerance (and, if <see cref="QpResult.Polished"/>, KKT-exact).</summary>
    Solved,

    /// <summary>Iteration limit hit before the residuals met the tolerances; the iterate is returned as is.</summary>
    MaxIterationsReached,

    /// <summary>A primal infeasibility certificate was found: the constraints cannot all hold.</summary>
    PrimalInfeasible,

    /// <summary>A dual infeasibility certificate was found: the objective is unbounded below.</summary>
    DualInfeasible,
}

/// <summary>Result of <see cref="AdmmQpSolver.Solve"/>.</summary>
public sealed class QpResult
{
    internal QpResult(QpStatus status, double[] x, double[] y, double[] ballDual, int iterations, bool polished, double primalResidual, double dualResidual, IReadOnlyList<string> conflictingRows)
    {
        Status = status;
        X = x;
        Y = y;
        BallDual = ballDual;
        Iterations = iterations;
        Polished = polished;
        PrimalResidual = primalResidual;
        DualResidual = dualResidual;
        ConflictingRows = conflictingRows;
    }

    /// <summary>Solver status.</summary>
    public QpStatus Status { get; }

    /// <summary>Primal solution (length n).</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>
    /// Dual solution, one per row of the problem (same order). Sign convention (OSQP): stationarity is
    /// <c>Px + q + Aᵀy = 0</c>; <c>y ≥ 0</c> when the upper bound is active, <c>y ≤ 0</c> when the lower bound is,
    /// <c>y = 0</c> when the row is strictly inside its bounds.
    /// </summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>
    /// Dual vector of the L1 ball (length <see cref="L1BallConstraint.Dimension"/>, empty without a ball), in the same
    /// convention: stationarity is <c>Px + q + Aᵀy + v = 0</c> with <c>v = λg</c>, λ ≥ 0 (λ = 0 when the ball is
    /// slack) and g a subgradient of <c>‖x − c‖₁</c> (gᵢ = sign(xᵢ − cᵢ) where xᵢ ≠ cᵢ, |gᵢ| ≤ 1 elsewhere).
    /// </summary>
    public IReadOnlyList<double> BallDual { get; }

    /// <summary>The ball's multiplier λ = ‖<see cref="BallDual"/>‖∞ (0 without a ball or when it is slack).</summary>
    public double BallMultiplier
    {
        get
        {
            double m = 0;
            foreach (double v in BallDual)
            {
                m = Math.Max(m, Math.Abs(v));
            }

            return m;
        }
    }

    /// <summary>ADMM iterations taken.</summary>
    public int Iterations { get; }

    /// <summary>True when the active-set polish step produced a KKT-exact solution (equality KKT solve on the guessed active set, verified).</summary>
    public bool Polished { get; }

    /// <summary>‖Ax − z‖∞ at exit (original scaling; the ball block counts as rows x − z); for a polished solution,
    /// the max bound violation (including ‖x − c‖₁ − r).</summary>
    public double PrimalResidual { get; }

    /// <summary>‖Px + q + Aᵀy‖∞ at exit (original scaling).</summary>
    public double DualResidual { get; }

    /// <summary>For <see cref="QpStatus.PrimalInfeasible"/>: the rows (and the ball, by its name) that carry the
    /// infeasibility certificate.</summary>
    public IReadOnlyList<string> ConflictingRows { get; }

    /// <summary>True for <see cref="QpStatus.Solved"/>.</summary>
    public bool Converged => Status == QpStatus.Solved;
}

/// <summary>
/// Settings of <see cref="AdmmQpSolver"/>. Defaults are chosen for portfolio problems (weights of order 1/n,
/// covariances of order 1e-2); all residual tests are made on the cost-scaled problem (P and q divided by
/// max(1, ‖P‖max, ‖q‖∞)).
/// </summary>
public sealed record QpSettings
{
    /// <summary>Absolute tolerance ε_abs of the stopping test ‖Ax−z‖∞ ≤ ε_abs + ε_rel·max(‖Ax‖∞,‖z‖∞) and
    /// ‖Px+q+Aᵀy‖∞ ≤ ε_abs + ε_rel·max(‖Px‖∞,‖Aᵀy‖∞,‖q‖∞). Default 1e-7.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-7;

    /// <summary>Relative tolerance ε_rel of the stopping test. Default 1e-7.</summary>
    public double RelativeTolerance { get; init; } = 1e-7;

    /// <summary>Tolerance of the primal infeasibility certificate test (‖Aᵀδy‖∞ ≤ ε‖δy‖∞ and
    /// uᵀδy₊ + lᵀδy₋ &lt; −ε‖δy‖∞). Default 1e-6.</summary>
    public double PrimalInfeasibilityTolerance { get; init; } = 1e-6;

    /// <summary>Tolerance of the dual infeasibility (unboundedness) certificate test. Default 1e-6.</summary>
    public double DualInfeasibilityTolerance { get; init; } = 1e-6;

    /// <summary>ADMM iteration limit. Default 20 000.</summary>
    public int MaxIterations { get; init; } = 20_000;

    /// <summary>Initial step size ρ (equality rows use 1e3·ρ). Default 0.1.</summary>
    public double Rho { get; init; } = 0.1;

    /// <summary>
    /// Step-size factor for problems with an L1 ball: ADMM starts at ρ = <see cref="Rho"/> × this and the ball block
    /// uses this × ρ. The ball's single multiplier λ is shared by all its coordinates and converges slowly at the
    /// rows' step; on 500-asset turnover problems 3 took 2–6× fewer iterations than 1 (10 and 30 were no better).
    /// Default 3.
    /// </summary>
    public double BallRhoFactor { get; init; } = 3;

    /// <summary>Proximal regularisation σ of the x-update. Default 1e-6.</summary>
    public double Sigma { get; init; } = 1e-6;

    /// <summary>Over-relaxation α ∈ (0, 2). Default 1.6.</summary>
    public double Alpha { get; init; } = 1.6;

    /// <summary>Residuals and certificates are checked every this many iterations. Default 5.</summary>
    public int CheckInterval { get; init; } = 5;

    /// <summary>ρ is re-balanced (ρ·sqrt(normalised primal / normalised dual residual)) every this many iterations;
    /// the matrix is refactored only when ρ moves by more than 5×. Default 50.</summary>
    public int RhoUpdateInterval { get; init; } = 50;

    /// <summary>Run the active-set polish (OSQP-style) to return a KKT-exact solution. Default true.</summary>
    public bool Polish { get; init; } = true;

    /// <summary>Skip polishing when the reduced KKT system (free variables + active general rows) is larger
    /// than this (a dense LDLᵀ of that size is factored per active-set round). Default 1200.</summary>
    public int PolishMaxDimension { get; init; } = 1200;

    /// <summary>Tolerance used to accept a polished solution: bound violation, wrong-signed multipliers and
    /// stationarity residual must all be ≤ this (cost-scaled problem). Default 1e-9.</summary>
    public double PolishTolerance { get; init; } = 1e-9;

    /// <summary>Default settings.</summary>
    public static QpSettings Default { get; } = new();
}
