namespace MultiAsset.Engine.Portfolio.Optimization.Qp;

/// <summary>
/// The active-set polish of <see cref="AdmmQpSolver"/>: turns an approximate ADMM iterate into a KKT-exact solution.
/// </summary>
/// <remarks>
/// <para>Active set: each row is inactive, at its lower or upper bound, or an equality. The L1 ball is either off
/// (slack) or on its boundary with a pattern per coordinate: pinned at its center (xᵢ = cᵢ) or moved up / down
/// (sign sᵢ = ±1). On a fixed pattern the ball is one linear equality Σ_moved sᵢ(xᵢ − cᵢ) = r and pinned
/// coordinates are fixed variables, so the equality-constrained QP on the active set is a dense KKT system over the
/// free variables and the active general rows (see <c>AdmmQpSolver.Reduced.cs</c>, which also handles degenerate,
/// linearly dependent active rows).</para>
/// <para>Acceptance (all within <see cref="QpSettings.PolishTolerance"/>, cost-scaled): every row within its bounds,
/// every multiplier of the right sign, the ball multiplier λ ≥ 0, each moved coordinate on its side of the center,
/// each pinned coordinate's multiplier |vᵢ| ≤ λ, and stationarity ‖Px + q + Aᵀy + v‖∞ ≤ 1e-8·max(1, ‖q‖∞). Those
/// are the KKT conditions of the convex problem, so an accepted point is optimal.</para>
/// <para>Corrections (primal-dual active-set steps): each round collects the primal violations (add a row, pin a
/// coordinate that crossed its center, switch the ball on) and the dual ones (drop a row, unpin a coordinate whose
/// multiplier exceeds λ, switch the ball off) and applies every one within <c>BatchFraction</c> (½) of the worst of
/// its kind. Up to 10 rounds for an early attempt (residuals within 10³ of the tolerances, every 25 iterations),
/// otherwise 10 + min(rows + ball coordinates, 40); a failed attempt leaves the ADMM iterate untouched.</para>
/// </remarks>
public static partial class AdmmQpSolver
{
    private sealed partial class State
    {
        /// <summary>Corrections at least this fraction of the worst one are applied together (see
        /// <see cref="ApplyCorrections"/>).</summary>
        private const double BatchFraction = 0.5;

        private bool TryPolish(out QpResult? result, int iter = 0, double primRes = 0, bool early = false)
        {
            result = null;
            // Active-set guess. 0 = inactive, -1 = lower active, +1 = upper active, 2 = equality.
            // A row is taken as active when its multiplier says so (OSQP's rule z − l < −y, u − z < y) or when it
            // sits on its bound to within 10× the current primal residual (degenerate rows whose multiplier ≈ 0).
            var active = new int[m];
            double near = 10 * Math.Max(primRes, 1e-9);
            for (int r = 0; r < m; r++)
            {
                if (IsEquality(r))
                {
                    active[r] = 2;
                }
                else if (z[r] - l[r] < -y[r] || (!double.IsNegativeInfinity(l[r]) && z[r] - l[r] <= near * (1 + Math.Abs(l[r])) && y[r] <= 0))
                {
                    active[r] = -1;
                }
                else if (u[r] - z[r] < y[r] || (!double.IsPositiveInfinity(u[r]) && u[r] - z[r] <= near * (1 + Math.Abs(u[r])) && y[r] >= 0))
                {
                    active[r] = 1;
                }
            }

            var pattern = new sbyte[nb];
            bool ballOn = nb > 0 && GuessBall(near, pattern);

            int maxRounds = early ? 10 : 10 + Math.Min(m + nb, 40);
            var axs = new double[m];
            var primal = new List<Correction>();
            var dual = new List<Correction>();
            for (int attempt = 0; attempt < maxRounds; attempt++)
            {
                var outcome = SolveReduced(active, ballOn, pattern, out var xs, out var ys, out var yb, out double lambda, out var change);
                if (outcome == ReducedOutcome.Change)
                {
                    ballOn = ApplySetChange(change, active, pattern, ballOn);
                    continue;
                }

                if (outcome != ReducedOutcome.Solved)
                {
                    return false;
                }

                MulA(xs, axs);
                primal.Clear();
                dual.Clear();
                double maxViol = CollectRowCorrections(active, axs, ys, primal, dual);
                if (nb > 0)
                {
                    maxViol = Math.Max(maxViol, CollectBallCorrections(xs, yb, lambda, ballOn, pattern, primal, dual));
                }

                if (primal.Count > 0 || dual.Count > 0)
                {
                    ballOn = ApplyCorrections(primal, xs, active, pattern, ballOn);
                    ballOn = ApplyCorrections(dual, xs, active, pattern, ballOn);
                    continue;
                }

                // stationarity check
                var pxs = new double[n];
                DenseMath.MatVec(pScaled, n, xs, pxs);
                var atys = new double[n];
                MulAt(ys, atys);
                double stat = 0;
                for (int i = 0; i < n; i++)
                {
                    double g = pxs[i] + qScaled[i] + atys[i] + (i < nb ? yb[i] : 0);
                    stat = Math.Max(stat, Math.Abs(g));
                }

                if (!(stat <= Math.Max(1e-8, 1e-8 * DenseMath.NormInf(qScaled))) || double.IsNaN(maxViol))
                {
                    return false;
                }

                Array.Copy(xs, x, n);
                Array.Copy(ys, y, m);
                Array.Copy(yb, yB, nb);
                result = new QpResult(QpStatus.Solved, xs, Unscaled(ys), UnscaledBall(yb), iter, true, Math.Max(0, maxViol), stat / cost, []);
                return true;
            }

            return false;
        }

        private enum CorrectionKind
        {
            AddRow,
            DropRow,
            Pin,
            Unpin,
            SwitchBallOn,
            SwitchBallOff,
        }

        /// <summary>One candidate change of the active set; <see cref="Size"/> is the violation it repairs.</summary>
        private readonly record struct Correction(CorrectionKind Kind, int Index, sbyte Side, double Size);

        /// <summary>Rows: inactive ones outside their bounds (primal) and active ones whose multiplier has the wrong
        /// sign (dual). Returns the largest bound violation.</summary>
        private double CollectRowCorrections(int[] active, double[] axs, double[] ys, List<Correction> primal, List<Correction> dual)
        {
            double tol = s.PolishTolerance;
            double maxViol = 0;
            for (int r = 0; r < m; r++)
            {
                double below = (l[r] - axs[r]) / (1 + Math.Abs(l[r]));
                double above = (axs[r] - u[r]) / (1 + Math.Abs(u[r]));
                if (active[r] == 0)
                {
                    if (below > tol)
                    {
                        primal.Add(new Correction(CorrectionKind.AddRow, r, -1, below));
                    }
                    else if (above > tol)
                    {
                        primal.Add(new Correction(CorrectionKind.AddRow, r, 1, above));
                    }
                }
                else if (active[r] == -1 && ys[r] > tol)
                {
                    dual.Add(new Correction(CorrectionKind.DropRow, r, 0, ys[r]));
                }
                else if (active[r] == 1 && ys[r] < -tol)
                {
                    dual.Add(new Correction(CorrectionKind.DropRow, r, 0, -ys[r]));
                }

                maxViol = Math.Max(maxViol, Math.Max(l[r] - axs[r], axs[r] - u[r]));
            }

            return maxViol;
        }

        /// <summary>Ball: off but exceeded (primal), on with λ &lt; 0 (dual), a moved coordinate on the wrong side of
        /// its center (primal: pin it), a pinned one with |vᵢ| &gt; λ (dual: move it the way vᵢ points). Returns
        /// ‖x − c‖₁ − r.</summary>
        private double CollectBallCorrections(double[] xs, double[] yb, double lambda, bool ballOn, sbyte[] pattern, List<Correction> primal, List<Correction> dual)
        {
            double tol = s.PolishTolerance;
            double dist = 0;
            for (int i = 0; i < nb; i++)
            {
                dist += Math.Abs(xs[i] - center[i]);
            }

            if (!ballOn)
            {
                double over = (dist - radius) / (1 + radius);
                if (over > tol)
                {
                    primal.Add(new Correction(CorrectionKind.SwitchBallOn, 0, 0, over));
                }

                return dist - radius;
            }

            if (-lambda > tol)
            {
                dual.Add(new Correction(CorrectionKind.SwitchBallOff, 0, 0, -lambda));
            }

            for (int i = 0; i < nb; i++)
            {
                if (pattern[i] != 0)
                {
                    double wrongSide = -pattern[i] * (xs[i] - center[i]) / (1 + Math.Abs(center[i]));
                    if (wrongSide > tol)
                    {
                        primal.Add(new Correction(CorrectionKind.Pin, i, 0, wrongSide));
                    }
                }
                else
                {
                    double excess = Math.Abs(yb[i]) - lambda;
                    if (excess > tol)
                    {
                        dual.Add(new Correction(CorrectionKind.Unpin, i, (sbyte)Math.Sign(yb[i]), excess));
                    }
                }
            }

            return dist - radius;
        }

        /// <summary>
        /// Applies every correction within <see cref="BatchFraction"/> of the largest one (a primal-dual active-set
        /// step; one change per round is what makes plain active-set methods slow when ADMM's guess is off in many
        /// places). Switching the ball on or off replaces its per-coordinate changes in that round.
        /// </summary>
        private bool ApplyCorrections(List<Correction> list, double[] xs, int[] active, sbyte[] pattern, bool ballOn)
        {
            if (list.Count == 0)
            {
                return ballOn;
            }

            double worst = 0;
            foreach (var c in list)
            {
                worst = Math.Max(worst, c.Size);
            }

            double threshold = BatchFraction * worst;
            bool switched = false;
            foreach (var c in list)
            {
                if (c.Size >= threshold && c.Kind is CorrectionKind.SwitchBallOn or CorrectionKind.SwitchBallOff)
                {
                    switched = true;
                    ballOn = c.Kind == CorrectionKind.SwitchBallOn;
                    if (ballOn)
                    {
                        PatternOfProjection(xs, pattern);
                    }
                }
            }

            foreach (var c in list)
            {
                if (c.Size < threshold)
                {
                    continue;
                }

                switch (c.Kind)
                {
                    case CorrectionKind.AddRow:
                        active[c.Index] = c.Side;
                        break;
                    case CorrectionKind.DropRow:
                        active[c.Index] = 0;
                        break;
                    case CorrectionKind.Pin when !switched:
                        pattern[c.Index] = 0;
                        break;
                    case CorrectionKind.Unpin when !switched:
                        pattern[c.Index] = c.Side;
                        break;
                }
            }

            return ballOn;
        }

        /// <summary>The pattern of the projection of <paramref name="xs"/> onto the ball: the natural first guess
        /// when the ball becomes active.</summary>
        private void PatternOfProjection(double[] xs, sbyte[] pattern)
        {
            var proj = new double[nb];
            L1BallProjection.Project(xs.AsSpan(0, nb), center, radius, proj, ballScratch);
            for (int i = 0; i < nb; i++)
            {
                pattern[i] = (sbyte)Math.Sign(proj[i] - center[i]);
            }
        }

        /// <summary>
        /// Ball guess from the ADMM iterate: on when its slack is below the multiplier estimate ‖y_B‖∞ (OSQP's rule)
        /// or within <paramref name="near"/>; a coordinate is pinned when z_B leaves it at its center (the projection
        /// does so exactly) or within <paramref name="near"/> of it.
        /// </summary>
        private bool GuessBall(double near, sbyte[] pattern)
        {
            double dist = 0, lam = 0;
            for (int i = 0; i < nb; i++)
            {
                dist += Math.Abs(zB[i] - center[i]);
                lam = Math.Max(lam, Math.Abs(yB[i]));
            }

            double slack = radius - dist;
            if (!(slack < lam || slack <= near * (1 + radius)))
            {
                return false;
            }

            for (int i = 0; i < nb; i++)
            {
                double d = zB[i] - center[i];
                pattern[i] = Math.Abs(d) <= near * (1 + Math.Abs(center[i])) ? (sbyte)0 : (sbyte)Math.Sign(d);
            }

            return true;
        }

        private static bool ApplySetChange(SetChange change, int[] active, sbyte[] pattern, bool ballOn)
        {
            switch (change.Kind)
            {
                case SetChangeKind.DeactivateRow:
                case SetChangeKind.ReleaseBound:
                    active[change.Index] = 0;
                    return ballOn;
                case SetChangeKind.SwitchBallOff:
                    return false;
                default:
                    pattern[change.Index] = change.Side;
                    return ballOn;
            }
        }
    }
}
