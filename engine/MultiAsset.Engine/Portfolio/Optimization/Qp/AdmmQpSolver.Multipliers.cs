namespace MultiAsset.Engine.Portfolio.Optimization.Qp;

/// <summary>Multipliers of a reduced (active-set) solution of <see cref="AdmmQpSolver"/>'s polish.</summary>
public static partial class AdmmQpSolver
{
    private sealed partial class State
    {
        /// <summary>
        /// The sign conditions on the free multiplier parameters t, as α + βᵀt ≤ 0 (β returned per parameter):
        /// active inequality rows' multipliers, and each fixed variable's implied multiplier (bound sign, |v| ≤ λ for
        /// pins; a coordinate both bound and pinned needs only the combination to be feasible).
        /// </summary>
        private List<double> BuildConditions(int[] active, List<ActiveRow> kept, List<ActiveRow> removed, double[] y0, double[][] dy, double[] g0, double[][] dg, int[] fixingRow, bool[] alsoPinned, bool ballRow, out double[][] beta)
        {
            int k = removed.Count;
            var alpha = new List<double>();
            var betaRows = new List<double[]>();
            void Add(double a, double[] b)
            {
                alpha.Add(a);
                betaRows.Add(b);
            }

            // λ(t) = lam0 + lamDᵀt
            double lam0 = ballRow ? 0 : (radius <= 0 ? double.PositiveInfinity : 0);
            var lamD = new double[k];
            for (int c = 0; c < kept.Count; c++)
            {
                var b = new double[k];
                for (int r = 0; r < k; r++)
                {
                    b[r] = dy[r][c];
                }

                if (kept[c].Id == BallRowId)
                {
                    lam0 = y0[c];
                    lamD = b;
                }

                if (kept[c].Sign != 0)
                {
                    // sign·y ≥ 0  ⇔  −sign·(y0 + bᵀt) ≤ 0
                    Add(-kept[c].Sign * y0[c], Scale(b, -kept[c].Sign));
                }
            }

            for (int r = 0; r < k; r++)
            {
                var b = new double[k];
                b[r] = 1;
                if (removed[r].Id == BallRowId)
                {
                    lam0 = 0;
                    lamD = b;
                }

                if (removed[r].Sign != 0)
                {
                    Add(0, Scale(b, -removed[r].Sign));
                }
            }

            for (int j = 0; j < n; j++)
            {
                int fr = fixingRow[j];
                if (fr == -1)
                {
                    continue;
                }

                var gb = new double[k];
                for (int r = 0; r < k; r++)
                {
                    gb[r] = dg[r][j];
                }

                if (fr == PinnedByBall)
                {
                    // |g_j| ≤ λ (unlimited when the ball has radius 0 and no row)
                    if (double.IsFinite(lam0))
                    {
                        Add(g0[j] - lam0, Sub(gb, lamD));
                        Add(-g0[j] - lam0, Sub(Scale(gb, -1), lamD));
                    }

                    continue;
                }

                int side = active[fr];
                if (side == 2)
                {
                    continue; // an equality bound takes a multiplier of either sign
                }

                // The bound row's multiplier v = −g_j/a must have the side's sign: with ζ = side·sign(a) that is
                // ζ·g_j ≤ 0, relaxed to ζ·g_j ≤ λ when the coordinate is also pinned (the ball carries |μ| ≤ λ).
                double zeta = side * Math.Sign(vals[rowPtr[fr]]);
                if (j < nb && alsoPinned[j])
                {
                    if (double.IsFinite(lam0))
                    {
                        Add((zeta * g0[j]) - lam0, Sub(Scale(gb, zeta), lamD));
                    }
                }
                else
                {
                    Add(zeta * g0[j], Scale(gb, zeta));
                }
            }

            beta = new double[k][];
            for (int r = 0; r < k; r++)
            {
                beta[r] = new double[alpha.Count];
                for (int i = 0; i < alpha.Count; i++)
                {
                    beta[r][i] = betaRows[i][r];
                }
            }

            return alpha;
        }

        private static double[] Scale(double[] a, double f)
        {
            var r = new double[a.Length];
            for (int i = 0; i < a.Length; i++)
            {
                r[i] = a[i] * f;
            }

            return r;
        }

        private static double[] Sub(double[] a, double[] b)
        {
            var r = new double[a.Length];
            for (int i = 0; i < a.Length; i++)
            {
                r[i] = a[i] - b[i];
            }

            return r;
        }

        private static void SetRowMultiplier(ActiveRow row, double value, double[] ys, ref double lambda)
        {
            if (row.Id == BallRowId)
            {
                lambda = value;
            }
            else
            {
                ys[row.Id] = value;
            }
        }

        /// <summary>Multipliers of the bound rows and pins from stationarity (<paramref name="grad"/> = gradient of
        /// the Lagrangian without them). A coordinate both bound and pinned gives the ball what it can carry
        /// (|v| ≤ <paramref name="pinCap"/>) and its bound row the rest.</summary>
        private void SetFixingMultipliers(double[] grad, int[] fixingRow, bool[] alsoPinned, double pinCap, double[] ys, double[] yb)
        {
            for (int j = 0; j < n; j++)
            {
                int r = fixingRow[j];
                if (r == -1)
                {
                    continue;
                }

                double g = grad[j];
                if (r == PinnedByBall)
                {
                    yb[j] = -g;
                }
                else if (j < nb && alsoPinned[j])
                {
                    double mu = Math.Clamp(-g, -pinCap, pinCap);
                    yb[j] = mu;
                    ys[r] = (-g - mu) / vals[rowPtr[r]];
                }
                else
                {
                    ys[r] = -g / vals[rowPtr[r]];
                }
            }
        }
    }
}
