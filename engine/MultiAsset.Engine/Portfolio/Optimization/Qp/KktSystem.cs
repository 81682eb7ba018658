namespace MultiAsset.Engine.Portfolio.Optimization.Qp;

/// <summary>
/// The regularised quasi-definite KKT matrix [[H + δI, Aᵀ], [A, −δI]] of an equality-constrained QP (H: the Hessian on
/// the free variables, A: the active rows on them), factored by LDLᵀ; solves are corrected by iterative refinement
/// against the unregularised matrix (as OSQP's polish), so δ only stabilises the factorisation.
/// </summary>
/// <remarks>
/// A row that depends linearly on the rows before it (or has no free variable at all) shows up as a constraint
/// pivot ≈ −δ; <see cref="Factor"/> reports the first such row instead of returning a factor whose multipliers would
/// be of order 1/δ, so that the caller can take the row out and decide separately whether it still holds.
/// </remarks>
internal sealed class KktSystem
{
    private const double Delta = 1e-9;

    // Pivot test for a dependent row: |d| ≤ this × max(1, ‖a_F‖²). An independent row's pivot is at least
    // ‖a_F‖²·sin²(angle to the other rows)/λmax(H), and λmax(H) ≤ n for a cost-scaled Hessian (entries ≤ 1).
    private const double DependentPivot = 1e-8;

    private readonly double[] matrix;
    private readonly double[] factor;
    private readonly double[] d;

    private KktSystem(double[] matrix, double[] factor, double[] d, int dimension)
    {
        this.matrix = matrix;
        this.factor = factor;
        this.d = d;
        Dimension = dimension;
    }

    /// <summary>Number of unknowns (free variables + rows).</summary>
    public int Dimension { get; }

    /// <summary>
    /// Factors <paramref name="kkt"/> (dimension <paramref name="nf"/> + rows, row-major, unregularised; kept as the
    /// refinement reference). Returns null with <paramref name="dependentRow"/> = the index (0-based among the rows)
    /// of the first dependent row, or null with −1 when a pivot vanished in the variable block.
    /// </summary>
    public static KktSystem? Factor(double[] kkt, int nf, int rows, out int dependentRow)
    {
        dependentRow = -1;
        int dim = nf + rows;
        var fac = (double[])kkt.Clone();
        for (int a = 0; a < nf; a++)
        {
            fac[(a * dim) + a] += Delta;
        }

        for (int g = nf; g < dim; g++)
        {
            fac[(g * dim) + g] -= Delta;
        }

        var dd = new double[dim];
        if (!DenseMath.LdltInPlace(fac, dim, dd))
        {
            // The factorisation stopped at its first vanishing pivot, the first entry of d it did not write.
            int stop = Array.IndexOf(dd, 0.0);
            if (stop < nf)
            {
                return null;
            }
        }

        for (int g = 0; g < rows; g++)
        {
            int j = nf + g;
            double norm2 = 0;
            var row = kkt.AsSpan(j * dim, nf);
            foreach (double v in row)
            {
                norm2 += v * v;
            }

            // A NaN pivot (after an earlier near-zero one) also marks the row as the one to take out.
            if (!(Math.Abs(dd[j]) > DependentPivot * Math.Max(1, norm2)))
            {
                dependentRow = g;
                return null;
            }
        }

        return new KktSystem(kkt, fac, dd, dim);
    }

    /// <summary>Solves K·sol = rhs (refined to ‖residual‖∞ ≤ 1e-13·max(1, ‖rhs‖∞), at most 20 steps).</summary>
    public double[] Solve(double[] rhs)
    {
        int dim = Dimension;
        var sol = (double[])rhs.Clone();
        DenseMath.LdltSolveInPlace(factor, d, dim, sol);
        var res = new double[dim];
        double rhsNorm = Math.Max(1, DenseMath.NormInf(rhs));
        for (int it = 0; it < 20; it++)
        {
            DenseMath.MatVec(matrix, dim, sol, res);
            for (int i = 0; i < dim; i++)
            {
                res[i] = rhs[i] - res[i];
            }

            if (DenseMath.NormInf(res) <= 1e-13 * rhsNorm)
            {
                break;
            }

            DenseMath.LdltSolveInPlace(factor, d, dim, res);
            for (int i = 0; i < dim; i++)
            {
                sol[i] += res[i];
            }
        }

        return sol;
    }
}
