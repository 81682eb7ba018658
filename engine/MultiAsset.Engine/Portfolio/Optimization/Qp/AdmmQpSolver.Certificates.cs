namespace MultiAsset.Engine.Portfolio.Optimization.Qp;

/// <summary>Infeasibility certificates of <see cref="AdmmQpSolver"/> (see its remarks for the tests made).</summary>
public static partial class AdmmQpSolver
{
    private sealed partial class State
    {
        /// <summary>
        /// Primal infeasibility: δ = (δy, δy_B), the last change of the duals, is a Farkas certificate when
        /// ‖Aᵀδy + δy_B‖∞ ≤ ε‖δ‖∞ and the support function of the constraint set along δ is below −ε‖δ‖∞. For the
        /// ball {v : ‖v − c‖₁ ≤ r} the support function is cᵀd + r‖d‖∞.
        /// </summary>
        private bool IsPrimalInfeasible(out List<string> conflicts)
        {
            conflicts = [];
            double eps = s.PrimalInfeasibilityTolerance;
            var dy = new double[m];
            var dyB = new double[nb];
            double norm = 0;
            for (int r = 0; r < m; r++)
            {
                dy[r] = y[r] - yPrev[r];
                norm = Math.Max(norm, Math.Abs(dy[r]));
            }

            for (int i = 0; i < nb; i++)
            {
                dyB[i] = yB[i] - yBPrev[i];
                norm = Math.Max(norm, Math.Abs(dyB[i]));
            }

            if (norm <= 1e-12)
            {
                return false;
            }

            double support = 0;
            for (int r = 0; r < m; r++)
            {
                double d = dy[r];
                if (Math.Abs(d) <= eps * norm)
                {
                    dy[r] = 0;
                    continue;
                }

                if (d > 0)
                {
                    if (double.IsPositiveInfinity(u[r]))
                    {
                        return false;
                    }

                    support += u[r] * d;
                }
                else
                {
                    if (double.IsNegativeInfinity(l[r]))
                    {
                        return false;
                    }

                    support += l[r] * d;
                }
            }

            double ballNorm = 0;
            for (int i = 0; i < nb; i++)
            {
                if (Math.Abs(dyB[i]) <= eps * norm)
                {
                    dyB[i] = 0;
                    continue;
                }

                support += center[i] * dyB[i];
                ballNorm = Math.Max(ballNorm, Math.Abs(dyB[i]));
            }

            support += radius * ballNorm;
            if (support >= -eps * norm)
            {
                return false;
            }

            var atdy = new double[n];
            MulAt(dy, atdy);
            for (int i = 0; i < nb; i++)
            {
                atdy[i] += dyB[i];
            }

            if (DenseMath.NormInf(atdy) > eps * norm)
            {
                return false;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int r = 0; r < m; r++)
            {
                if (Math.Abs(dy[r]) > 1e-3 * norm)
                {
                    string name = problem.Rows[rowMap[r]].Name;
                    if (seen.Add(name))
                    {
                        conflicts.Add(name);
                    }
                }
            }

            if (ballNorm > 1e-3 * norm && seen.Add(ball!.Name))
            {
                conflicts.Add(ball.Name);
            }

            return true;
        }

        /// <summary>Dual infeasibility (unbounded objective) from δx, the last change of x.</summary>
        private bool IsDualInfeasible()
        {
            double eps = s.DualInfeasibilityTolerance;
            var dx = new double[n];
            for (int i = 0; i < n; i++)
            {
                dx[i] = x[i] - xPrev[i];
            }

            double norm = DenseMath.NormInf(dx);
            if (norm <= 1e-10)
            {
                return false;
            }

            if (DenseMath.Dot(qScaled, dx) >= -eps * norm)
            {
                return false;
            }

            // The ball is bounded: its recession cone is {0}.
            for (int i = 0; i < nb; i++)
            {
                if (Math.Abs(dx[i]) > eps * norm)
                {
                    return false;
                }
            }

            var pdx = new double[n];
            DenseMath.MatVec(pScaled, n, dx, pdx);
            if (DenseMath.NormInf(pdx) > eps * norm)
            {
                return false;
            }

            var adx = new double[m];
            MulA(dx, adx);
            for (int r = 0; r < m; r++)
            {
                bool lf = !double.IsNegativeInfinity(l[r]);
                bool uf = !double.IsPositiveInfinity(u[r]);
                if (uf && adx[r] > eps * norm)
                {
                    return false;
                }

                if (lf && adx[r] < -eps * norm)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
