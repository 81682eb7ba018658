namespace MultiAsset.Engine.Portfolio.Optimization.Qp;

/// <summary>The equality-constrained QP on a guessed active set, for the polish of <see cref="AdmmQpSolver"/>.</summary>
public static partial class AdmmQpSolver
{
    private sealed partial class State
    {
        /// <summary>Id of the ball row among the active general rows (box rows use their internal index ≥ 0).</summary>
        private const int BallRowId = -1;

        /// <summary>fixingRow marker of a coordinate held at its center by the ball pattern.</summary>
        private const int PinnedByBall = -2;

        private enum ReducedOutcome
        {
            /// <summary>x, multipliers computed (the caller then tests the KKT conditions).</summary>
            Solved,

            /// <summary>The set cannot be solved (conflicting fixings, too large, a dependent row that does not
            /// hold); the polish gives up and ADMM continues.</summary>
            Failed,

            /// <summary>A dependent row does not hold at the point the rest of the set determines: the set must
            /// change as <see cref="SetChange"/> says (the row leaves, or a fixed variable is released).</summary>
            Change,
        }

        private enum SetChangeKind
        {
            /// <summary>A dependent inequality row is not reached: it is not binding and leaves the set.</summary>
            DeactivateRow,

            /// <summary>The ball's row is not reached and no pinned coordinate can add turnover: not binding.</summary>
            SwitchBallOff,

            /// <summary>A dependent row is overshot: release the bound row fixing one of its variables.</summary>
            ReleaseBound,

            /// <summary>A dependent row is missed: unpin a ball coordinate (to the given side).</summary>
            Unpin,
        }

        /// <summary>An active-set change requested by <see cref="SolveReduced"/>.</summary>
        private readonly record struct SetChange(SetChangeKind Kind, int Index, sbyte Side);

        /// <summary>An active multi-variable row: Σ val·x[idx] = target, multiplier sign +1 (≥ 0), −1 (≤ 0) or 0.</summary>
        private sealed record ActiveRow(int Id, int[] Idx, double[] Val, double Target, int Sign);

        /// <summary>
        /// Solves the equality-constrained QP on the active set: bound rows and pinned ball coordinates fix their
        /// variable, the other active rows (and the ball row Σ_moved sᵢxᵢ = r + Σ_moved sᵢcᵢ) go into
        /// <see cref="KktSystem"/>. Rows that turn out linearly dependent on the others are taken out; if they still
        /// hold, their multipliers are free parameters chosen by <see cref="NullSpaceMultipliers"/>; if not, the set
        /// is wrong and a <see cref="SetChange"/> is returned (or <see cref="ReducedOutcome.Failed"/>). Multipliers
        /// of the fixing rows and pins then follow from stationarity. Mutates <paramref name="pattern"/> where a bound
        /// row holds a ball coordinate (its side then follows the bound's value).
        /// </summary>
        private ReducedOutcome SolveReduced(int[] active, bool ballOn, sbyte[] pattern, out double[] xs, out double[] ys, out double[] yb, out double lambda, out SetChange change)
        {
            xs = new double[n];
            ys = new double[m];
            yb = new double[nb];
            lambda = 0;
            change = default;
            var fixedVal = new double[n];
            var isFixed = new bool[n];
            var fixingRow = new int[n];
            Array.Fill(fixingRow, -1);
            var general = new List<ActiveRow>();
            for (int r = 0; r < m; r++)
            {
                if (active[r] == 0)
                {
                    continue;
                }

                double target = active[r] == 1 ? u[r] : l[r];
                int start = rowPtr[r], count = rowPtr[r + 1] - start;
                if (count == 1)
                {
                    int j = colIdx[start];
                    double v = target / vals[start];
                    if (isFixed[j])
                    {
                        if (Math.Abs(fixedVal[j] - v) > 1e-12 * (1 + Math.Abs(v)))
                        {
                            return ReducedOutcome.Failed;
                        }

                        continue; // redundant duplicate bound: multiplier 0
                    }

                    isFixed[j] = true;
                    fixedVal[j] = v;
                    fixingRow[j] = r;
                }
                else
                {
                    general.Add(new ActiveRow(r, colIdx.AsSpan(start, count).ToArray(), vals.AsSpan(start, count).ToArray(), target, active[r] == 2 ? 0 : active[r]));
                }
            }

            var alsoPinned = new bool[nb];
            bool ballRow = ballOn && AddBallRow(pattern, isFixed, fixedVal, fixingRow, alsoPinned, general);

            var free = new List<int>();
            var pos = new int[n];
            for (int i = 0; i < n; i++)
            {
                xs[i] = isFixed[i] ? fixedVal[i] : 0;
                if (!isFixed[i])
                {
                    pos[i] = free.Count;
                    free.Add(i);
                }
            }

            int nf = free.Count;
            if (nf + general.Count > s.PolishMaxDimension)
            {
                return ReducedOutcome.Failed;
            }

            // Factor, taking dependent rows out one at a time (the first dependent pivot spoils the rest).
            var kept = new List<ActiveRow>(general);
            var removed = new List<ActiveRow>();
            KktSystem? kkt;
            double[] rhs;
            while (true)
            {
                var matrix = AssembleKkt(free, pos, isFixed, fixedVal, kept, out rhs);
                kkt = KktSystem.Factor(matrix, nf, kept.Count, out int dependent);
                if (kkt is not null)
                {
                    break;
                }

                if (dependent < 0)
                {
                    return ReducedOutcome.Failed;
                }

                removed.Add(kept[dependent]);
                kept.RemoveAt(dependent);
            }

            var sol = kkt.Solve(rhs);
            for (int a = 0; a < nf; a++)
            {
                xs[free[a]] = sol[a];
            }

            foreach (double v in xs)
            {
                if (!double.IsFinite(v))
                {
                    return ReducedOutcome.Failed;
                }
            }

            // A dependent row must still hold at the point the others determine.
            foreach (var row in removed)
            {
                double res = Evaluate(row, xs) - row.Target;
                if (Math.Abs(res) > s.PolishTolerance * (1 + Math.Abs(row.Target)))
                {
                    bool inside = (row.Sign > 0 && res < 0) || (row.Sign < 0 && res > 0);
                    if (inside && row.Id != BallRowId)
                    {
                        change = new SetChange(SetChangeKind.DeactivateRow, row.Id, 0);
                        return ReducedOutcome.Change;
                    }

                    // Overshot, or the ball short of its radius: switching the ball off would throw its whole pattern
                    // away, so first release a coordinate that lets the turnover grow.
                    if (ChooseRelease(row, Math.Sign(res), active, isFixed, fixingRow, alsoPinned, out change))
                    {
                        return ReducedOutcome.Change;
                    }

                    if (inside)
                    {
                        change = new SetChange(SetChangeKind.SwitchBallOff, 0, 0);
                        return ReducedOutcome.Change;
                    }

                    return ReducedOutcome.Failed;
                }
            }

            // Multipliers: y_kept = y0 + Σ t_r·Δy_r, y_removed = t; Δy_r is the kept rows' response to a unit
            // multiplier on removed row r (stationarity on the free variables).
            int k = removed.Count;
            var y0 = sol.AsSpan(nf).ToArray();
            var dy = new double[k][];
            for (int r = 0; r < k; r++)
            {
                var e = new double[kkt.Dimension];
                var row = removed[r];
                for (int t = 0; t < row.Idx.Length; t++)
                {
                    if (!isFixed[row.Idx[t]])
                    {
                        e[pos[row.Idx[t]]] -= row.Val[t];
                    }
                }

                dy[r] = kkt.Solve(e).AsSpan(nf).ToArray();
            }

            // Gradient of the Lagrangian without the fixing rows/pins: g = Px + q + Σ y·a, affine in t.
            var g0 = new double[n];
            DenseMath.MatVec(pScaled, n, xs, g0);
            for (int i = 0; i < n; i++)
            {
                g0[i] += qScaled[i];
            }

            for (int c = 0; c < kept.Count; c++)
            {
                AddScaled(kept[c], y0[c], g0);
            }

            var dg = new double[k][];
            for (int r = 0; r < k; r++)
            {
                dg[r] = new double[n];
                AddScaled(removed[r], 1, dg[r]);
                for (int c = 0; c < kept.Count; c++)
                {
                    AddScaled(kept[c], dy[r][c], dg[r]);
                }
            }

            var tPar = k == 0 ? [] : NullSpaceMultipliers.Select(
                [.. BuildConditions(active, kept, removed, y0, dy, g0, dg, fixingRow, alsoPinned, ballRow, out var beta)], beta);

            // Final multipliers.
            var grad = (double[])g0.Clone();
            for (int r = 0; r < k; r++)
            {
                DenseMath.Axpy(tPar[r], dg[r], grad);
            }

            for (int c = 0; c < kept.Count; c++)
            {
                double yc = y0[c];
                for (int r = 0; r < k; r++)
                {
                    yc += tPar[r] * dy[r][c];
                }

                SetRowMultiplier(kept[c], yc, ys, ref lambda);
            }

            for (int r = 0; r < k; r++)
            {
                SetRowMultiplier(removed[r], tPar[r], ys, ref lambda);
            }

            if (ballRow)
            {
                for (int i = 0; i < nb; i++)
                {
                    if (pattern[i] != 0)
                    {
                        yb[i] = lambda * pattern[i];
                    }
                }
            }

            SetFixingMultipliers(grad, fixingRow, alsoPinned, PinCap(ballRow, lambda), ys, yb);
            if (ballOn && !ballRow)
            {
                // No moved coordinate: the ball is only active when its radius is 0, where any λ ≥ max|vᵢ| works.
                lambda = radius <= 0 ? DenseMath.NormInf(yb) : 0;
            }

            foreach (double v in ys)
            {
                if (!double.IsFinite(v))
                {
                    return ReducedOutcome.Failed;
                }
            }

            foreach (double v in yb)
            {
                if (!double.IsFinite(v))
                {
                    return ReducedOutcome.Failed;
                }
            }

            return double.IsFinite(lambda) ? ReducedOutcome.Solved : ReducedOutcome.Failed;
        }

        /// <summary>How much of a pinned coordinate's multiplier the ball can carry (|vᵢ| ≤ λ).</summary>
        private double PinCap(bool ballRow, double lambda) =>
            ballRow ? Math.Max(lambda, 0) : (radius <= 0 ? double.PositiveInfinity : 0);

        /// <summary>
        /// Pins the ball's unmoved coordinates and appends its row over the moved ones. A coordinate held by a bound
        /// row takes its side from the bound's value (and is "also pinned" when that value is its center). Returns
        /// whether the ball row exists (some coordinate moved).
        /// </summary>
        private bool AddBallRow(sbyte[] pattern, bool[] isFixed, double[] fixedVal, int[] fixingRow, bool[] alsoPinned, List<ActiveRow> general)
        {
            var idx = new List<int>();
            var val = new List<double>();
            double target = radius;
            for (int i = 0; i < nb; i++)
            {
                if (isFixed[i])
                {
                    double d = fixedVal[i] - center[i];
                    if (Math.Abs(d) <= 1e-12 * (1 + Math.Abs(center[i])))
                    {
                        pattern[i] = 0;
                        alsoPinned[i] = true;
                    }
                    else
                    {
                        pattern[i] = (sbyte)Math.Sign(d);
                    }
                }
                else if (pattern[i] == 0)
                {
                    isFixed[i] = true;
                    fixedVal[i] = center[i];
                    fixingRow[i] = PinnedByBall;
                }

                if (pattern[i] != 0)
                {
                    idx.Add(i);
                    val.Add(pattern[i]);
                    target += pattern[i] * center[i];
                }
            }

            if (idx.Count == 0)
            {
                return false;
            }

            // Last, so that when it depends on the budget (all moved coordinates on one side) it is the one taken out.
            general.Add(new ActiveRow(BallRowId, [.. idx], [.. val], target, 1));
            return true;
        }

        private double[] AssembleKkt(List<int> free, int[] pos, bool[] isFixed, double[] fixedVal, List<ActiveRow> rows, out double[] rhs)
        {
            int nf = free.Count, ng = rows.Count, dim = nf + ng;
            var kkt = new double[dim * dim];
            rhs = new double[dim];
            for (int a = 0; a < nf; a++)
            {
                int ia = free[a];
                double acc = -qScaled[ia];
                var prow = pScaled.AsSpan(ia * n, n);
                for (int j = 0; j < n; j++)
                {
                    if (isFixed[j])
                    {
                        acc -= prow[j] * fixedVal[j];
                    }
                }

                rhs[a] = acc;
                var krow = kkt.AsSpan(a * dim, nf);
                for (int b = 0; b < nf; b++)
                {
                    krow[b] = prow[free[b]];
                }
            }

            for (int g = 0; g < ng; g++)
            {
                var row = rows[g];
                double acc = row.Target;
                for (int t = 0; t < row.Idx.Length; t++)
                {
                    int j = row.Idx[t];
                    if (isFixed[j])
                    {
                        acc -= row.Val[t] * fixedVal[j];
                    }
                    else
                    {
                        kkt[((nf + g) * dim) + pos[j]] += row.Val[t];
                        kkt[(pos[j] * dim) + nf + g] += row.Val[t];
                    }
                }

                rhs[nf + g] = acc;
            }

            return kkt;
        }

        /// <summary>
        /// For a dependent row missed by <paramref name="sigma"/> (sign of a·x − target) under the current fixings:
        /// among its fixed variables that could move so as to close the gap (a bound that lets it go that way, or a
        /// pin), release the one ADMM holds least firmly (smallest bound multiplier |y|, or pin multiplier closest
        /// to λ).
        /// </summary>
        private bool ChooseRelease(ActiveRow row, int sigma, int[] active, bool[] isFixed, int[] fixingRow, bool[] alsoPinned, out SetChange change)
        {
            change = default;
            double lamAdmm = DenseMath.NormInf(yB);
            double best = double.PositiveInfinity;
            if (row.Id == BallRowId && sigma < 0)
            {
                // Short of the radius: any pinned coordinate adds turnover when it moves; take the one whose ADMM
                // multiplier is closest to λ, in the direction that multiplier points.
                for (int j = 0; j < nb; j++)
                {
                    double score = lamAdmm - Math.Abs(yB[j]);
                    if (fixingRow[j] == PinnedByBall && score < best)
                    {
                        best = score;
                        change = new SetChange(SetChangeKind.Unpin, j, yB[j] < 0 ? (sbyte)-1 : (sbyte)1);
                    }
                }

                return !double.IsPositiveInfinity(best);
            }

            for (int t = 0; t < row.Idx.Length; t++)
            {
                int j = row.Idx[t];
                int fr = fixingRow[j];
                if (!isFixed[j] || fr == -1 || (j < nb && alsoPinned[j]))
                {
                    continue;
                }

                double a = row.Val[t];
                if (fr == PinnedByBall)
                {
                    double score = Math.Max(0, lamAdmm - Math.Abs(yB[j]));
                    if (score < best)
                    {
                        best = score;
                        change = new SetChange(SetChangeKind.Unpin, j, (sbyte)(-sigma * Math.Sign(a)));
                    }

                    continue;
                }

                int side = active[fr];
                if (side == 2)
                {
                    continue;
                }

                // Direction the bound leaves the variable free to move in; it must reduce σ·a·x.
                double coef = vals[rowPtr[fr]];
                int dir = side == -1 ? Math.Sign(coef) : -Math.Sign(coef);
                if (sigma * a * dir < 0 && Math.Abs(y[fr]) < best)
                {
                    best = Math.Abs(y[fr]);
                    change = new SetChange(SetChangeKind.ReleaseBound, fr, 0);
                }
            }

            return !double.IsPositiveInfinity(best);
        }

        private static double Evaluate(ActiveRow row, double[] v)
        {
            double acc = 0;
            for (int t = 0; t < row.Idx.Length; t++)
            {
                acc += row.Val[t] * v[row.Idx[t]];
            }

            return acc;
        }

        private static void AddScaled(ActiveRow row, double coef, double[] target)
        {
            for (int t = 0; t < row.Idx.Length; t++)
            {
                target[row.Idx[t]] += coef * row.Val[t];
            }
        }
    }
}
