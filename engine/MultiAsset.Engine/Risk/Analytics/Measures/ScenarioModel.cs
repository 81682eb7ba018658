using System.Numerics;
using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// Empirical VaR over N equally likely scenarios (historical rows or Monte Carlo paths). Scenario s holds per-unit
/// returns U_s,i = scale·values[s, i] + drift_i (scale = √h for historical, 1 for Monte Carlo whose draws are already
/// horizon-scaled); position P&amp;L = w_i·U_s,i; total P&amp;L T_s = Σ_i w_i·U_s,i; loss −T_s. VaR and ES follow the
/// <see cref="TailRule"/>.
/// </summary>
/// <remarks>
/// Euler components use a tail-window estimator: the scenarios are ranked worst first; the window is the ranks
/// [r* − m, r* + m] ∩ [0, N − 1] around the VaR rank r* (RankA, or RankB when the interpolation weight is ≥ ½) with
/// half-width m = max(1, ⌊TailCount/2⌋). The raw marginal is −mean_window(U_i); it is rescaled by
/// κ = VaR / Σ_i w_i·raw_i so that the components w_i·marginal_i sum to the VaR (κ = 1 when that sum is 0).
/// Component ES is exact: Σ_r esWeight_r·(−w_i·U_i,s(r)) over the tail ranks, which sums to the ES. Incremental and
/// standalone VaR revalue the scenario P&amp;L without / with only the position (or group): one pass over the scenarios
/// feeding per-position running tail heaps (<see cref="TailHeaps"/>).
/// </remarks>
internal sealed class ScenarioModel : RiskModel
{
    /// <summary>Doubles the tail heaps of one pass may hold (positions are processed in chunks beyond it).</summary>
    private const int MaxHeapValues = 4_000_000;

    private readonly double[] exposures;
    private readonly double[] values; // row-major N×n
    private readonly double scale;
    private readonly double[]? drift;
    private readonly double[] slope;  // w_i·scale
    private readonly double[] offset; // w_i·drift_i
    private readonly int n;
    private readonly int count;
    private readonly TailRule rule;
    private readonly double[] total;
    private readonly int[] order; // scenario indices, worst first
    private readonly double valueAtRisk;
    private readonly double expectedShortfall;

    public ScenarioModel(double[] exposures, double[] values, int scenarioCount, double scale, double[]? drift, RiskMeasureOptions options)
    {
        this.exposures = exposures;
        this.values = values;
        this.scale = scale;
        this.drift = drift;
        n = exposures.Length;
        count = scenarioCount;
        rule = TailRule.For(scenarioCount, options.Confidence, options.Quantile);
        slope = new double[n];
        offset = new double[n];
        double offsetSum = 0;
        for (int i = 0; i < n; i++)
        {
            slope[i] = exposures[i] * scale;
            offset[i] = drift is null ? 0 : exposures[i] * drift[i];
            offsetSum += offset[i];
        }

        total = new double[count];
        for (int s = 0; s < count; s++)
        {
            total[s] = DenseKernels.Dot(values.AsSpan(s * n, n), slope) + offsetSum;
        }

        // Sorting the P&L ascending lists the losses worst first. The sort is not stable, but it is deterministic: the
        // same scenarios give the same order, which is all the tail window needs.
        order = new int[count];
        var keys = (double[])total.Clone();
        for (int s = 0; s < count; s++)
        {
            order[s] = s;
        }

        Array.Sort(keys, order);
        var losses = new double[count];
        for (int r = 0; r < count; r++)
        {
            losses[r] = -keys[r];
        }

        valueAtRisk = rule.ValueAtRiskSorted(losses);
        expectedShortfall = rule.ExpectedShortfallSorted(losses);
    }

    public override int ScenarioCount => count;

    public override int TailCount => rule.TailCount;

    public override double ValueAtRisk => valueAtRisk;

    public override double ExpectedShortfall => expectedShortfall;

    /// <summary>The total P&amp;L per scenario.</summary>
    internal ReadOnlySpan<double> TotalPnl => total;

    /// <summary>Signed P&amp;L loadings a_i = w_i·sd(U_i) (sample standard deviation, divisor N − 1).</summary>
    internal double[] PositionPnlLoadings()
    {
        var sd = new double[n];
        if (count < 2)
        {
            return sd;
        }

        // Shifted sums (shift = first scenario) keep the one-pass variance accurate.
        var shift = values.AsSpan(0, n);
        var sum = new double[n];
        var sumSq = new double[n];
        for (int s = 1; s < count; s++)
        {
            DenseKernels.AccumulateDeviation(values.AsSpan(s * n, n), shift, sum, sumSq);
        }

        for (int i = 0; i < n; i++)
        {
            double variance = (sumSq[i] - (sum[i] * sum[i] / count)) / (count - 1);
            sd[i] = slope[i] * Math.Sqrt(Math.Max(variance, 0));
        }

        return sd;
    }

    public override void Decompose(Span<double> marginal, Span<double> component, Span<double> componentShortfall)
    {
        int center = rule.WeightB >= 0.5 ? rule.RankB : rule.RankA;
        int half = Math.Max(1, rule.TailCount / 2);
        int from = Math.Max(0, center - half);
        int to = Math.Min(count - 1, center + half);
        int width = to - from + 1;
        var window = new double[n];
        for (int r = from; r <= to; r++)
        {
            DenseKernels.AddScaled(window, 1.0 / width, values.AsSpan(order[r] * n, n));
        }

        var tail = new double[n];
        var weights = rule.EsWeights;
        for (int r = 0; r < weights.Count; r++)
        {
            DenseKernels.AddScaled(tail, weights[r], values.AsSpan(order[r] * n, n));
        }

        double raw = 0;
        for (int i = 0; i < n; i++)
        {
            double mu = drift is null ? 0 : drift[i];
            marginal[i] = -((scale * window[i]) + mu);
            raw += exposures[i] * marginal[i];
            componentShortfall[i] = -((slope[i] * tail[i]) + offset[i]);
        }

        double kappa = raw != 0 && double.IsFinite(valueAtRisk / raw) ? valueAtRisk / raw : 1;
        for (int i = 0; i < n; i++)
        {
            marginal[i] *= kappa;
            component[i] = exposures[i] * marginal[i];
        }
    }

    public override void InstrumentDetail(Span<double> incremental, Span<double> standalone)
    {
        int capacity = rule.RankA + 1;
        int chunk = Math.Max(1, Math.Min(n, MaxHeapValues / (2 * capacity)));
        for (int first = 0; first < n; first += chunk)
        {
            int width = Math.Min(chunk, n - first);
            var without = new TailHeaps(width, capacity);
            var alone = new TailHeaps(width, capacity);
            for (int s = 0; s < count; s++)
            {
                OfferRow(s, first, width, without, alone);
            }

            for (int k = 0; k < width; k++)
            {
                incremental[first + k] = valueAtRisk - without.ValueAtRisk(k, rule);
                standalone[first + k] = alone.ValueAtRisk(k, rule);
            }
        }
    }

    public override void GroupDetail(IReadOnlyList<Grouping> groupings)
    {
        foreach (var grouping in groupings)
        {
            GroupDetail(grouping.GroupOf, grouping.Count, grouping.Incremental, grouping.Standalone);
        }
    }

    private void GroupDetail(ReadOnlySpan<int> groupOf, int groupCount, Span<double> incremental, Span<double> standalone)
    {
        int capacity = rule.RankA + 1;
        int chunk = Math.Max(1, Math.Min(groupCount, MaxHeapValues / (2 * capacity)));
        var pnl = new double[groupCount];
        double[]? masked = groupCount <= 16 ? new double[groupCount * n] : null;
        var groupOffset = new double[groupCount];
        for (int i = 0; i < n; i++)
        {
            groupOffset[groupOf[i]] += offset[i];
            if (masked is not null)
            {
                masked[(groupOf[i] * n) + i] = slope[i];
            }
        }

        for (int first = 0; first < groupCount; first += chunk)
        {
            int width = Math.Min(chunk, groupCount - first);
            var without = new TailHeaps(width, capacity);
            var alone = new TailHeaps(width, capacity);
            for (int s = 0; s < count; s++)
            {
                var row = values.AsSpan(s * n, n);
                if (masked is not null)
                {
                    // Few groups: one SIMD dot product per group instead of a scalar scatter over the positions.
                    for (int g = 0; g < groupCount; g++)
                    {
                        pnl[g] = DenseKernels.Dot(row, masked.AsSpan(g * n, n)) + groupOffset[g];
                    }
                }
                else
                {
                    Array.Clear(pnl);
                    for (int i = 0; i < n; i++)
                    {
                        pnl[groupOf[i]] += (slope[i] * row[i]) + offset[i];
                    }
                }

                for (int k = 0; k < width; k++)
                {
                    double g = pnl[first + k];
                    without.Offer(k, g - total[s]);
                    alone.Offer(k, -g);
                }
            }

            for (int k = 0; k < width; k++)
            {
                incremental[first + k] = valueAtRisk - without.ValueAtRisk(k, rule);
                standalone[first + k] = alone.ValueAtRisk(k, rule);
            }
        }
    }

    /// <summary>
    /// Offers scenario <paramref name="s"/>'s losses without position i (x_i − T_s) and of position i alone (−x_i),
    /// x_i = w_i·U_s,i, for i in [first, first + width). The comparison with the heap thresholds is vectorised; only
    /// lanes that enter a heap take the scalar path.
    /// </summary>
    private void OfferRow(int s, int first, int width, TailHeaps without, TailHeaps alone)
    {
        var row = values.AsSpan((s * n) + first, width);
        var a = slope.AsSpan(first, width);
        var b = offset.AsSpan(first, width);
        var t1 = without.Threshold.AsSpan(0, width);
        var t2 = alone.Threshold.AsSpan(0, width);
        double totalPnl = total[s];
        int i = 0;
        if (Vector.IsHardwareAccelerated && width >= Vector<double>.Count)
        {
            int lanes = Vector<double>.Count;
            var vt = new Vector<double>(totalPnl);
            var vr = MemoryMarshal.Cast<double, Vector<double>>(row);
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            for (int v = 0; v < vr.Length; v++)
            {
                var x = (va[v] * vr[v]) + vb[v];
                var th1 = new Vector<double>(t1.Slice(v * lanes, lanes));
                var th2 = new Vector<double>(t2.Slice(v * lanes, lanes));
                var hit = Vector.BitwiseOr(Vector.GreaterThan(x - vt, th1), Vector.GreaterThan(-x, th2));
                if (hit != Vector<long>.Zero)
                {
                    for (int lane = 0; lane < lanes; lane++)
                    {
                        int k = (v * lanes) + lane;
                        double xi = x[lane];
                        without.Offer(k, xi - totalPnl);
                        alone.Offer(k, -xi);
                    }
                }
            }

            i = vr.Length * lanes;
        }

        for (; i < width; i++)
        {
            double xi = (a[i] * row[i]) + b[i];
            without.Offer(i, xi - totalPnl);
            alone.Offer(i, -xi);
        }
    }
}
